using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Devices;

namespace AudioPost.Sdk.Tests.Devices;

/// <summary>A device callback for tests: writes a frame counter ramp to every output and keeps the first input channel.</summary>
internal sealed class RecordingCallback(int capacityFrames) : IAudioDeviceCallback
{
    private readonly float[] _captured = new float[capacityFrames];
    private long _next;

    public int CapturedFrames { get; private set; }

    public List<long> Frames { get; } = [];

    public int? ThreadId { get; private set; }

    public ReadOnlySpan<float> Captured => _captured.AsSpan(0, CapturedFrames);

    public void Process(ReadOnlyAudioBlock input, AudioBlock output, in AudioDeviceTime time)
    {
        ThreadId = Environment.CurrentManagedThreadId;
        if (Frames.Count < 4096)
        {
            Frames.Add(time.Frame);
        }

        for (var i = 0; i < output.FrameCount; i++)
        {
            for (var c = 0; c < output.ChannelCount; c++)
            {
                output[c][i] = _next + i + 1;
            }
        }

        _next += output.FrameCount;
        if (input.ChannelCount > 0)
        {
            var count = Math.Min(input.FrameCount, _captured.Length - CapturedFrames);
            input[0][..count].CopyTo(_captured.AsSpan(CapturedFrames));
            CapturedFrames += count;
        }
    }
}
