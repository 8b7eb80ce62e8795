using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Reverb;
using BenchmarkDotNet.Attributes;

namespace AudioPost.Sdk.Benchmarks.Processing;

/// <summary>
/// The reverbs at 48 kHz, stereo, 256-frame blocks (5.33 ms of audio): a 10 s stereo impulse response
/// (per-channel convolution) and the 16-line FDN. One operation is one block; the convolution does its
/// whole partition's work in every block because the partition equals the block.
/// </summary>
public class ReverbBenchmarks
{
    private const int Rate = 48_000;
    private const int Block = 256;
    private ConvolutionReverbProcessor _convolution = null!;
    private ConvolutionReverbProcessor _trueStereo = null!;
    private AlgorithmicReverbProcessor _algorithmic = null!;
    private float[] _input = null!;
    private float[] _storage = null!;
    private long _frame;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        float[] Decaying()
        {
            var ir = new float[10 * Rate];
            for (var i = 0; i < ir.Length; i++)
            {
                ir[i] = (float)(((random.NextDouble() * 2) - 1) * Math.Exp(-6.9 * i / ir.Length));
            }

            return ir;
        }

        var spec = new ProcessSpec(Rate, Block, 2);
        _convolution = new ConvolutionReverbProcessor([Decaying(), Decaying()]);
        _convolution.Prepare(spec);
        _trueStereo = new ConvolutionReverbProcessor([Decaying(), Decaying(), Decaying(), Decaying()]);
        _trueStereo.Prepare(spec);
        _algorithmic = new AlgorithmicReverbProcessor();
        _algorithmic.Prepare(spec);
        _input = new float[2 * Block];
        for (var i = 0; i < _input.Length; i++)
        {
            _input[i] = (float)((random.NextDouble() * 2) - 1) * 0.25f;
        }

        _storage = new float[2 * Block];
    }

    private ProcessContext Next()
    {
        var context = new ProcessContext(_frame, _frame, Rate, true);
        _frame += Block;
        return context;
    }

    [Benchmark]
    public void Convolution10sStereo()
    {
        _input.CopyTo(_storage);
        _convolution.Process(new AudioBlock(_storage, 2, Block), Next());
    }

    [Benchmark]
    public void Convolution10sTrueStereo()
    {
        _input.CopyTo(_storage);
        _trueStereo.Process(new AudioBlock(_storage, 2, Block), Next());
    }

    [Benchmark]
    public void AlgorithmicFdn16()
    {
        _input.CopyTo(_storage);
        _algorithmic.Process(new AudioBlock(_storage, 2, Block), Next());
    }
}
