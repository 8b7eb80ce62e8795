namespace AudioPost.Sdk.Devices;

/// <summary>What drives a <see cref="NullDeviceStream"/>'s callbacks.</summary>
public enum NullDeviceClock
{
    /// <summary>A dedicated thread calls back once per buffer period of wall-clock time, like a sound card.</summary>
    RealTime,

    /// <summary>Nothing calls back until the test calls <see cref="NullDeviceStream.Advance"/>: deterministic, as fast as the CPU allows.</summary>
    Manual,
}
