using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Dynamics;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Dynamics;
using BenchmarkDotNet.Attributes;

namespace AudioPost.Sdk.Benchmarks.Processing;

/// <summary>The dynamics processors on stereo, one block per operation, on a tone loud enough to be compressed.</summary>
/// <remarks>
/// Each operation first copies a fresh input (see <see cref="NodeBenchmarks"/> for why); <see cref="CopyInput"/> is
/// that copy alone. The input alternates 0 dBFS and −40 dBFS stretches (a sine at 0.01 rad per sample), so attack,
/// release and the knee all run.
/// </remarks>
public class DynamicsBenchmarks
{
    private const int Channels = 2;

    private float[] _storage = null!;
    private float[] _input = null!;
    private CompressorProcessor _compressor = null!;
    private CompressorProcessor _rmsCompressor = null!;
    private CompressorProcessor _lookAheadCompressor = null!;
    private GateProcessor _gate = null!;
    private DeEsserProcessor _deEsser = null!;
    private MultibandCompressorProcessor _multiband = null!;
    private long _frame;

    [Params(64, 256, 1024)]
    public int BlockSize { get; set; }

    private AudioBlock Block => new(_storage, Channels, BlockSize);

    private ProcessContext Next()
    {
        var context = new ProcessContext(_frame, _frame, 48_000, true);
        _frame += BlockSize;
        return context;
    }

    [GlobalSetup]
    public void Setup()
    {
        var spec = new ProcessSpec(48_000, BlockSize, Channels);
        _storage = new float[Channels * BlockSize];
        _input = new float[_storage.Length];
        for (var i = 0; i < _input.Length; i++)
        {
            var frame = i % BlockSize;
            _input[i] = (float)Math.Sin(frame * 0.01) * (frame < BlockSize / 2 ? 1f : 0.01f);
        }

        _compressor = Prepared(new CompressorProcessor(-20f, 4f, 6f, 5f, 80f), spec);
        _rmsCompressor = Prepared(new CompressorProcessor(-20f, 4f, 6f, 5f, 80f, detection: DetectionMode.Rms), spec);
        _lookAheadCompressor = Prepared(new CompressorProcessor(-20f, 4f, 6f, 5f, 80f, lookAheadMilliseconds: 5), spec);
        _gate = Prepared(new GateProcessor(-30f), spec);
        _deEsser = Prepared(new DeEsserProcessor(5_000f, -40f), spec);
        _multiband = Prepared(new MultibandCompressorProcessor([150f, 1_500f, 6_000f]), spec);
        for (var b = 0; b < _multiband.BandCount; b++)
        {
            _multiband.GetBand(b).Ratio.Value = 3f;
        }
    }

    private static T Prepared<T>(T processor, in ProcessSpec spec)
        where T : IAudioProcessor
    {
        processor.Prepare(spec);
        return processor;
    }

    [Benchmark(Baseline = true)]
    public void CopyInput() => _input.CopyTo(_storage);

    [Benchmark]
    public void CompressorPeak()
    {
        _input.CopyTo(_storage);
        _compressor.Process(Block, Next());
    }

    [Benchmark]
    public void CompressorRms()
    {
        _input.CopyTo(_storage);
        _rmsCompressor.Process(Block, Next());
    }

    [Benchmark]
    public void CompressorLookAhead5ms()
    {
        _input.CopyTo(_storage);
        _lookAheadCompressor.Process(Block, Next());
    }

    [Benchmark]
    public void Gate()
    {
        _input.CopyTo(_storage);
        _gate.Process(Block, Next());
    }

    [Benchmark]
    public void DeEsser()
    {
        _input.CopyTo(_storage);
        _deEsser.Process(Block, Next());
    }

    [Benchmark]
    public void Multiband4Bands()
    {
        _input.CopyTo(_storage);
        _multiband.Process(Block, Next());
    }
}
