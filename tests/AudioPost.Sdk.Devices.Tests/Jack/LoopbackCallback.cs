using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Devices.Tests.Jack;

/// <summary>
/// Plays a known signal once armed and records its first input channel by stream frame, so a test can find where
/// (and whether exactly) the signal came back. Allocation-free per callback.
/// </summary>
internal sealed class LoopbackCallback : IAudioDeviceCallback
{
    private readonly float[] _signal;
    private readonly float[] _captured;
    private volatile bool _armed;
    private long _playStart = -1;
    private long _played;
    private long _lastFrame;

    public LoopbackCallback(float[] signal, int captureFrames)
    {
        _signal = signal;
        _captured = new float[captureFrames];
    }

    /// <summary>Gets the stream frame where the signal started playing, or -1.</summary>
    public long PlayStart => Interlocked.Read(ref _playStart);

    /// <summary>Gets the stream frame after the last callback.</summary>
    public long StreamFrame => Interlocked.Read(ref _lastFrame);

    public ReadOnlySpan<float> Captured => _captured;

    public bool Finished => Interlocked.Read(ref _played) >= _signal.Length;

    public void Arm() => _armed = true;

    public void Process(ReadOnlyAudioBlock input, AudioBlock output, in AudioDeviceTime time)
    {
        if (input.ChannelCount > 0)
        {
            var start = time.Frame;
            var count = (int)Math.Clamp(_captured.Length - start, 0, input.FrameCount);
            input[0][..count].CopyTo(_captured.AsSpan((int)Math.Min(start, _captured.Length)));
        }

        if (_armed)
        {
            if (_playStart < 0)
            {
                Interlocked.Exchange(ref _playStart, time.Frame);
            }

            var count = (int)Math.Min(output.FrameCount, _signal.Length - _played);
            for (var c = 0; c < output.ChannelCount; c++)
            {
                _signal.AsSpan((int)_played, count).CopyTo(output[c]);
            }

            Interlocked.Exchange(ref _played, _played + count);
        }

        Interlocked.Exchange(ref _lastFrame, time.Frame + output.FrameCount);
    }

    /// <summary>A signal no two frames of which are alike by accident: full-scale-ish pseudo-random values, never 0.</summary>
    public static float[] KnownSignal(int frames)
    {
        var signal = new float[frames];
        uint state = 0x12345678;
        for (var i = 0; i < frames; i++)
        {
            state = (state * 1664525) + 1013904223;
            signal[i] = (((state >> 8) / (float)(1 << 24)) * 1.8f) - 0.9f + 1e-6f;
        }

        return signal;
    }
}
