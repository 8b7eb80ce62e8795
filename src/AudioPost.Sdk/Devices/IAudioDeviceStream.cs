namespace AudioPost.Sdk.Devices;

/// <summary>
/// An open stream on a device: it calls its <see cref="IAudioDeviceCallback"/> once per buffer between
/// <see cref="Start"/> and <see cref="Stop"/>.
/// </summary>
/// <remarks>
/// <para>Control-thread members (<see cref="Start"/>, <see cref="Stop"/>, <see cref="Reopen"/>,
/// <see cref="IDisposable.Dispose"/>) are not meant to be called concurrently with each other; the read-only
/// properties are thread-safe.</para>
/// <para>When the device or the audio server goes away the stream stops calling back, <see cref="IsLost"/> becomes
/// true and <see cref="DeviceLost"/> is raised once, never on the audio thread. <see cref="Reopen"/> then opens the
/// same device again with the same options and restarts the stream if it was running.</para>
/// </remarks>
public interface IAudioDeviceStream : IDisposable
{
    /// <summary>Gets the device the stream was opened on.</summary>
    AudioDeviceInfo Device { get; }

    /// <summary>Gets the sample rate in Hz.</summary>
    int SampleRate { get; }

    /// <summary>Gets the buffer size in frames of a callback (the largest; some backends vary it).</summary>
    int BufferFrames { get; }

    /// <summary>Gets the open capture channels.</summary>
    int InputChannels { get; }

    /// <summary>Gets the open playback channels.</summary>
    int OutputChannels { get; }

    /// <summary>Gets the capture latency in frames: how long before the callback a captured frame reached the device's input.</summary>
    int InputLatency { get; }

    /// <summary>Gets the playback latency in frames: how long after the callback a rendered frame leaves the device's output.</summary>
    int OutputLatency { get; }

    /// <summary>Gets the number of buffer under- and overruns the device reported since the stream was opened.</summary>
    long XrunCount { get; }

    /// <summary>Gets the number of callbacks run since the stream was opened.</summary>
    long CallbackCount { get; }

    /// <summary>Gets whether the stream is started (and not lost).</summary>
    bool IsRunning { get; }

    /// <summary>Gets whether the device went away; only <see cref="Reopen"/> or <see cref="IDisposable.Dispose"/> help then.</summary>
    bool IsLost { get; }

    /// <summary>Raised once when the device goes away, on a thread-pool thread (never the audio thread).</summary>
    event EventHandler<AudioDeviceLostEventArgs>? DeviceLost;

    /// <summary>Starts calling back. Control thread. Does nothing if already running.</summary>
    /// <exception cref="AudioDeviceException">The device refused to start, or is lost.</exception>
    void Start();

    /// <summary>Stops calling back; when it returns, no callback runs. Control thread. Does nothing if stopped.</summary>
    void Stop();

    /// <summary>
    /// Opens the device again (after <see cref="DeviceLost"/>), with the same options and callback, and starts it if it
    /// was running when it was lost. Control thread.
    /// </summary>
    /// <exception cref="AudioDeviceException">The device is still not there; try again later.</exception>
    void Reopen();
}
