using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Filters;
using BenchmarkDotNet.Attributes;

namespace AudioPost.Sdk.Benchmarks.Dsp;

/// <summary>
/// The filters per block of <see cref="BlockSize"/> frames on stereo and 8 channels: one cookbook section with fixed
/// and per-sample coefficients, an 8th-order Butterworth, a 4-band LR4 crossover, and, as the baseline the lanes
/// are measured against, a plain per-channel transposed direct form II in double (one channel at a time).
/// </summary>
/// <remarks>
/// Every operation first copies a fresh input (see <see cref="CopyInput"/>), as in <c>NodeBenchmarks</c>, so that a
/// buffer filtered over and over never sinks into denormals.
/// </remarks>
[MemoryDiagnoser]
public class FilterBenchmarks
{
    private float[] _input = [];
    private float[] _storage = [];
    private float[] _bands = [];
    private float[] _frequency = [];
    private float[] _q = [];
    private float[] _gain = [];
    private double[] _directState = [];
    private BiquadCoefficients _peak;
    private StateVariableFilter _svf = null!;
    private StateVariableFilter _automated = null!;
    private ButterworthFilter _butterworth = null!;
    private LinkwitzRileyCrossover _crossover = null!;

    /// <summary>Gets or sets the channel count.</summary>
    [Params(2, 8)]
    public int Channels { get; set; }

    /// <summary>Gets or sets the frames per block.</summary>
    [Params(256)]
    public int BlockSize { get; set; }

    private AudioBlock Block => new(_storage, Channels, BlockSize);

    [GlobalSetup]
    public void Setup()
    {
        _input = new float[Channels * BlockSize];
        var random = new Random(1);
        for (var i = 0; i < _input.Length; i++)
        {
            _input[i] = (random.NextSingle() - 0.5f) * 0.5f;
        }

        _storage = (float[])_input.Clone();
        _bands = new float[4 * Channels * BlockSize];
        _frequency = new float[BlockSize];
        _q = new float[BlockSize];
        _gain = new float[BlockSize];
        for (var i = 0; i < BlockSize; i++)
        {
            _frequency[i] = 800 + i;
            _q[i] = 1.5f;
            _gain[i] = 6f * i / BlockSize;
        }

        _peak = BiquadCoefficients.Design(BiquadType.Peak, 48_000, 1000, 1.5, 6);
        _directState = new double[2 * Channels];
        _svf = new StateVariableFilter(48_000, Channels, BlockSize);
        _svf.SetParameters(BiquadType.Peak, 1000, 1.5, 6);
        _automated = new StateVariableFilter(48_000, Channels, BlockSize);
        _automated.SetParameters(BiquadType.Peak, 1000, 1.5, 6);
        _butterworth = new ButterworthFilter(FilterPass.LowPass, 8, 48_000, Channels, BlockSize, 2000);
        _crossover = new LinkwitzRileyCrossover(48_000, Channels, BlockSize, 4, 200, 2000, 8000);
    }

    [Benchmark(Baseline = true)]
    public void CopyInput() => _input.CopyTo(_storage);

    /// <summary>A scalar TDF-II biquad in double, channel after channel: what a straightforward implementation costs.</summary>
    [Benchmark]
    public void DirectFormScalarBaseline()
    {
        _input.CopyTo(_storage);
        var c = _peak;
        for (var ch = 0; ch < Channels; ch++)
        {
            var samples = _storage.AsSpan(ch * BlockSize, BlockSize);
            double s1 = _directState[2 * ch], s2 = _directState[(2 * ch) + 1];
            for (var i = 0; i < samples.Length; i++)
            {
                double x = samples[i];
                var y = (c.B0 * x) + s1;
                s1 = (c.B1 * x) - (c.A1 * y) + s2;
                s2 = (c.B2 * x) - (c.A2 * y);
                samples[i] = (float)y;
            }

            _directState[2 * ch] = s1;
            _directState[(2 * ch) + 1] = s2;
        }
    }

    [Benchmark]
    public void StateVariablePeak()
    {
        _input.CopyTo(_storage);
        _svf.Process(Block);
    }

    [Benchmark]
    public void StateVariablePeakPerSampleAutomation()
    {
        _input.CopyTo(_storage);
        _automated.Process(Block, _frequency, _q, _gain);
    }

    [Benchmark]
    public void Butterworth8thOrder()
    {
        _input.CopyTo(_storage);
        _butterworth.Process(Block);
    }

    [Benchmark]
    public void Crossover4BandLr4()
    {
        _crossover.Process(new ReadOnlyAudioBlock(_input, Channels, BlockSize), new AudioBlock(_bands, 4 * Channels, BlockSize));
    }
}
