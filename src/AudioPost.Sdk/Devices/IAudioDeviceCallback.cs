using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Devices;

/// <summary>What a device stream calls once per buffer, on the device's audio thread.</summary>
/// <remarks>
/// Real-time rules apply (docs/architecture.md): no allocation, lock, blocking call, event or exception. A backend
/// catches whatever escapes anyway, outputs silence for that buffer and keeps its native callback alive, but an
/// implementation must not rely on it.
/// </remarks>
public interface IAudioDeviceCallback
{
    /// <summary>Processes one buffer: reads <paramref name="input"/>, fills every frame of <paramref name="output"/>.</summary>
    /// <param name="input">The captured audio, planar, <see cref="IAudioDeviceStream.InputChannels"/> channels (empty for output-only streams).</param>
    /// <param name="output">The audio to play, planar, <see cref="IAudioDeviceStream.OutputChannels"/> channels, arriving cleared.</param>
    /// <param name="time">The buffer's position on the stream clock.</param>
    void Process(ReadOnlyAudioBlock input, AudioBlock output, in AudioDeviceTime time);
}
