using AudioPost.Sdk.Timing;
using AudioPost.Sdk.Timing.Ltc;
using BenchmarkDotNet.Attributes;

namespace AudioPost.Sdk.Benchmarks.Timing;

/// <summary>
/// LTC cost per frame: decoding one second (25 words at 25 fps, 48 kHz) and encoding it. Divide the mean by 25 for the
/// cost per LTC frame.
/// </summary>
[MemoryDiagnoser]
public class LtcBenchmarks
{
    private const int SampleRate = 48_000;
    private readonly float[] _signal = new float[SampleRate];
    private readonly float[] _output = new float[SampleRate];
    private LtcDecoder _decoder = null!;
    private LtcEncoder _encoder = null!;

    /// <summary>Renders one second of 25 fps LTC to decode.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var start = Timecode.Parse("01:00:00:00", FrameRate.Fps25);
        new LtcEncoder(SampleRate, start).Render(_signal);
        _decoder = new LtcDecoder(SampleRate, FrameRate.Fps25);
        _encoder = new LtcEncoder(SampleRate, start);
    }

    /// <summary>Decodes one second (25 LTC frames) and drains the queue.</summary>
    /// <returns>The number of frames read.</returns>
    [Benchmark]
    public int DecodeOneSecond()
    {
        _decoder.Reset();
        _decoder.Write(_signal);
        _decoder.Flush();
        var count = 0;
        while (_decoder.TryRead(out _))
        {
            count++;
        }

        return count;
    }

    /// <summary>Encodes one second (25 LTC frames) with 40 µs edges.</summary>
    [Benchmark]
    public void EncodeOneSecond() => _encoder.Render(_output);
}
