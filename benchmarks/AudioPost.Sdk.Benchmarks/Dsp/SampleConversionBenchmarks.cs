using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using BenchmarkDotNet.Attributes;

namespace AudioPost.Sdk.Benchmarks.Dsp;

/// <summary>
/// Throughput of the edge conversions: PCM and float decode/encode, and stereo deinterleave, at a typical device
/// block (1024 samples) and a file-streaming chunk (65536 samples). <see cref="SampleCount"/> counts samples, not frames.
/// </summary>
[MemoryDiagnoser]
public class SampleConversionBenchmarks
{
    private byte[] _encoded = [];
    private float[] _samples = [];
    private float[] _planar = [];

    /// <summary>Gets or sets the number of samples converted per call.</summary>
    [Params(1024, 65536)]
    public int SampleCount { get; set; }

    /// <summary>Fills the buffers with a deterministic signal slightly beyond full scale, so saturation is exercised.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _samples = new float[SampleCount];
        for (var i = 0; i < _samples.Length; i++)
        {
            _samples[i] = 1.1f * MathF.Sin(i * 0.01f);
        }

        _planar = new float[SampleCount];
        _encoded = new byte[SampleCount * sizeof(double)];
        SampleConversion.FromFloat(_samples, SampleFormat.Float32, _encoded);
    }

    [Benchmark]
    public void ToFloatPcm16() => SampleConversion.ToFloat(_encoded, SampleFormat.Pcm16, _samples);

    [Benchmark]
    public void ToFloatPcm24() => SampleConversion.ToFloat(_encoded, SampleFormat.Pcm24, _samples);

    [Benchmark]
    public void ToFloatFloat32() => SampleConversion.ToFloat(_encoded, SampleFormat.Float32, _samples);

    [Benchmark]
    public void FromFloatPcm16() => SampleConversion.FromFloat(_samples, SampleFormat.Pcm16, _encoded);

    [Benchmark]
    public void FromFloatPcm24() => SampleConversion.FromFloat(_samples, SampleFormat.Pcm24, _encoded);

    [Benchmark]
    public void FromFloatFloat32() => SampleConversion.FromFloat(_samples, SampleFormat.Float32, _encoded);

    [Benchmark]
    public void DeinterleaveStereo() =>
        SampleConversion.Deinterleave(_samples, 2, SampleCount / 2, _planar, SampleCount / 2);
}
