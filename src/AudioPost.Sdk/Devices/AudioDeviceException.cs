namespace AudioPost.Sdk.Devices;

/// <summary>A device could not be listed, opened, started or reopened; the message names the backend and the cause.</summary>
public sealed class AudioDeviceException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public AudioDeviceException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public AudioDeviceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public AudioDeviceException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
