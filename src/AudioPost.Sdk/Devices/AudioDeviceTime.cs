namespace AudioPost.Sdk.Devices;

/// <summary>When a device callback's buffer plays (or was captured), passed to <see cref="IAudioDeviceCallback.Process"/>.</summary>
/// <param name="Frame">The stream's frame counter at the first frame of the buffer: frames since the stream started, monotonic, never reset by a stop.</param>
/// <param name="CallbackTimestamp">The <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> value when the callback began.</param>
public readonly record struct AudioDeviceTime(long Frame, long CallbackTimestamp);
