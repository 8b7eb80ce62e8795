namespace AudioPost.Sdk.Engine;

/// <summary>How an <see cref="AudioEngine"/> measures and reports. Immutable; <see cref="Default"/> holds the documented defaults.</summary>
public sealed class AudioEngineOptions
{
    /// <summary>Gets the shared defaults.</summary>
    public static AudioEngineOptions Default { get; } = new();

    /// <summary>Gets the live input to feed from the device's capture channels, or null for none. Default null.</summary>
    public DeviceInputSource? Input { get; init; }

    /// <summary>
    /// Gets how often the engine's monitor (a timer on the thread pool) drains faults and raises
    /// <see cref="AudioEngine.ProcessorFaulted"/>. Default 20 ms: faults show in a UI within a frame or two, at a
    /// negligible cost. <see cref="TimeSpan.Zero"/> turns the monitor off; call <see cref="AudioEngine.PollFaults"/> yourself.
    /// </summary>
    public TimeSpan MonitorInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Gets the time constant of the load meter's smoothing. Default 300 ms: long enough to read steadily, short
    /// enough to show a burst that lasts a UI frame.
    /// </summary>
    public TimeSpan LoadTimeConstant { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// Gets the share of a buffer's period a callback may take before the watchdog counts an overrun, in (0, 1].
    /// Default 1: a callback that takes longer than the audio it produces cannot keep up, whatever the device
    /// buffers. Lower it (e.g. 0.7) to be warned before the device actually glitches.
    /// </summary>
    public double DeadlineFraction { get; init; } = 1.0;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MonitorInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LoadTimeConstant, TimeSpan.Zero);
        if (!(DeadlineFraction > 0 && DeadlineFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(DeadlineFraction), DeadlineFraction, "The deadline fraction must be in (0, 1].");
        }
    }
}
