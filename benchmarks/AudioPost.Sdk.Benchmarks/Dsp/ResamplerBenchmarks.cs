using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Resampling;
using BenchmarkDotNet.Attributes;

namespace AudioPost.Sdk.Benchmarks.Dsp;

/// <summary>
/// The resampler alone, 48 → 44.1 kHz stereo: one operation writes <see cref="BlockSize"/> input frames of noise and
/// reads every output they make available (about 0.919 outputs per input frame), so the ns/frame column is per input
/// frame. 256 frames is a real-time block; 8192 is what <c>audiopost convert</c> reads at a time.
/// </summary>
[MemoryDiagnoser]
public class ResamplerBenchmarks
{
    private float[] _input = [];
    private float[] _output = [];
    private Resampler _resampler = null!;

    /// <summary>Gets or sets the preset.</summary>
    [Params(ResamplerQuality.High, ResamplerQuality.VeryHigh)]
    public ResamplerQuality Quality { get; set; }

    /// <summary>Gets or sets the input frames per operation.</summary>
    [Params(256, 8192)]
    public int BlockSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        const int channels = 2;
        _input = new float[channels * BlockSize];
        var random = new Random(1);
        for (var i = 0; i < _input.Length; i++)
        {
            _input[i] = (random.NextSingle() - 0.5f) * 0.5f;
        }

        _output = new float[channels * BlockSize];
        _resampler = new Resampler(48_000, 44_100, channels, Quality, 2 * BlockSize);
    }

    [Benchmark]
    public int WriteAndRead()
    {
        var written = _resampler.Write(new ReadOnlyAudioBlock(_input, 2, BlockSize));
        var read = _resampler.Read(new AudioBlock(_output, 2, BlockSize));
        return written + read;
    }
}
