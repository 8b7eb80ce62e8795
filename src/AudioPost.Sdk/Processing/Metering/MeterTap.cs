using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;

namespace AudioPost.Sdk.Processing.Metering;

/// <summary>
/// Measures peak and RMS per channel as audio passes through, unchanged. A UI thread reads
/// consistent snapshots with <see cref="TryRead"/> while the audio thread keeps writing.
/// </summary>
/// <remarks>
/// The audio thread publishes under a sequence counter (a seqlock): it never waits, and a reader
/// that catches a write half-done simply tries again. No latency; real-time safe.
/// </remarks>
public sealed class MeterTap : IAudioProcessor
{
    private const float PeakFallDbPerSecond = 20f;
    private const double RmsTimeConstantSeconds = 0.3;

    private float[] _peak = [];
    private float[] _maxPeak = [];
    private float[] _meanSquare = [];
    private int _sequence;
    private int _sampleRate;
    private int _channels;

    /// <summary>Gets the number of channels measured (after Prepare).</summary>
    public int ChannelCount => Volatile.Read(ref _channels);

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        _sampleRate = spec.SampleRate;
        _peak = new float[spec.ChannelCount];
        _maxPeak = new float[spec.ChannelCount];
        _meanSquare = new float[spec.ChannelCount];
        Volatile.Write(ref _channels, spec.ChannelCount);
    }

    /// <inheritdoc />
    public void Reset()
    {
        Interlocked.Increment(ref _sequence);
        Array.Clear(_peak);
        Array.Clear(_maxPeak);
        Array.Clear(_meanSquare);
        Interlocked.Increment(ref _sequence);
    }

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        var frames = buffer.FrameCount;
        if (frames == 0)
        {
            return;
        }

        var seconds = (float)frames / _sampleRate;
        var fall = Decibels.ToGain(-PeakFallDbPerSecond * seconds);
        var smoothing = (float)(1.0 - Math.Exp(-seconds / RmsTimeConstantSeconds));
        Interlocked.Increment(ref _sequence);
        for (var c = 0; c < _channels; c++)
        {
            var samples = buffer[c];
            var peak = AudioMath.Peak(samples);
            _peak[c] = Math.Max(peak, _peak[c] * fall);
            _maxPeak[c] = Math.Max(_maxPeak[c], peak);
            var meanSquare = (float)(AudioMath.SumOfSquares(samples) / frames);
            _meanSquare[c] += (meanSquare - _meanSquare[c]) * smoothing;
        }

        Interlocked.Increment(ref _sequence);
    }

    /// <summary>
    /// Copies a consistent snapshot of every channel's levels. Any thread; lock-free; does not
    /// allocate. Returns false if the audio thread kept writing through several attempts (try
    /// again on the next UI frame).
    /// </summary>
    /// <param name="destination">At least <see cref="ChannelCount"/> elements.</param>
    public bool TryRead(Span<MeterReading> destination)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var before = Volatile.Read(ref _sequence);
            if ((before & 1) != 0)
            {
                Thread.SpinWait(8);
                continue;
            }

            var channels = Math.Min(destination.Length, Volatile.Read(ref _channels));
            for (var c = 0; c < channels; c++)
            {
                destination[c] = new MeterReading(_peak[c], _maxPeak[c], MathF.Sqrt(_meanSquare[c]));
            }

            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref _sequence) == before)
            {
                return true;
            }
        }

        return false;
    }
}
