namespace AudioPost.Sdk.Devices;

/// <summary>Says why a stream lost its device (unplugged, audio server stopped).</summary>
public sealed class AudioDeviceLostEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    /// <param name="reason">The backend's explanation, for a log or a dialog.</param>
    public AudioDeviceLostEventArgs(string reason) => Reason = reason ?? string.Empty;

    /// <summary>Gets the backend's explanation.</summary>
    public string Reason { get; }
}
