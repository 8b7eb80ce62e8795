using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Delays;
using AudioPost.Sdk.Processing.Metering;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sources;
using BenchmarkDotNet.Attributes;

namespace AudioPost.Sdk.Benchmarks.Processing;

/// <summary>Each built-in node alone, one block per operation, for mono, stereo and 5.1.</summary>
/// <remarks>
/// In-place processors get a fresh copy of the same input every operation: processing one buffer
/// over and over would attenuate it into the denormal range (0.501 × the smallest denormal
/// rounds back to it), where x86 arithmetic is tens of times slower, and the benchmark would
/// measure that instead of the node. <see cref="CopyInput"/> is the cost of that copy alone.
/// </remarks>
public class NodeBenchmarks
{
    private float[] _storage = null!;
    private float[] _input = null!;
    private GainProcessor _gain = null!;
    private GainProcessor _automatedGain = null!;
    private PanProcessor _pan = null!;
    private DelayProcessor _delay = null!;
    private MeterTap _meter = null!;
    private ToneSource _tone = null!;
    private NoiseSource _noise = null!;
    private MixerBus _bus = null!;
    private int[] _busOffsets = null!;
    private int[] _busChannels = null!;
    private float[] _busOutput = null!;
    private long _frame;

    [Params(1, 2, 6)]
    public int Channels { get; set; }

    [Params(64, 256, 1024)]
    public int BlockSize { get; set; }

    private ProcessContext Next()
    {
        var context = new ProcessContext(_frame, _frame, 48_000, true);
        _frame += BlockSize;
        return context;
    }

    private AudioBlock Block => new(_storage, Channels, BlockSize);

    [GlobalSetup]
    public void Setup()
    {
        var spec = new ProcessSpec(48_000, BlockSize, Channels);
        _storage = new float[Math.Max(2, Channels) * BlockSize];
        _input = new float[_storage.Length];
        for (var i = 0; i < _input.Length; i++)
        {
            _input[i] = (float)Math.Sin(i * 0.01) * 0.5f;
        }

        _input.CopyTo(_storage);

        _gain = new GainProcessor(-6f);
        _gain.Prepare(spec);
        _automatedGain = new GainProcessor(-6f);
        _automatedGain.Prepare(spec);
        _automatedGain.Gain.SetValueAtTime(-6f, 0).LinearRampToValueAtTime(0f, long.MaxValue / 2);
        _pan = new PanProcessor(0.3f);
        _pan.Prepare(spec.WithChannelCount(1));
        _delay = new DelayProcessor(4800);
        _delay.Prepare(spec);
        _meter = new MeterTap();
        _meter.Prepare(spec);
        _tone = new ToneSource(440f, -6f, Channels);
        _tone.Prepare(spec);
        _noise = new NoiseSource(NoiseColor.Pink, -6f, Channels);
        _noise.Prepare(spec);
        _bus = new MixerBus(4);
        _busChannels = [Channels, Channels, Channels, Channels];
        _busOffsets = [0, 0, 0, 0];
        _bus.Prepare(spec, _busChannels);
        _busOutput = new float[Channels * BlockSize];
    }

    [Benchmark(Baseline = true)]
    public void CopyInput() => _input.CopyTo(_storage);

    [Benchmark]
    public void Gain()
    {
        _input.CopyTo(_storage);
        _gain.Process(Block, Next());
    }

    [Benchmark]
    public void GainAutomated()
    {
        _input.CopyTo(_storage);
        _automatedGain.Process(Block, Next());
    }

    [Benchmark]
    public void PanMonoToStereo()
    {
        _input.CopyTo(_storage);
        _pan.Process(new AudioBlock(_storage, 2, BlockSize), Next());
    }

    [Benchmark]
    public void Delay()
    {
        _input.CopyTo(_storage);
        _delay.Process(Block, Next());
    }

    [Benchmark]
    public void Meter() => _meter.Process(Block, Next());

    [Benchmark]
    public void Tone() => _tone.Read(Block, Next());

    [Benchmark]
    public void PinkNoise() => _noise.Read(Block, Next());

    [Benchmark]
    public void Bus4Inputs()
    {
        var inputs = new AudioInputs(_storage, _busOffsets, _busChannels, BlockSize, BlockSize);
        _bus.Process(inputs, new AudioBlock(_busOutput, Channels, BlockSize), Next());
    }
}
