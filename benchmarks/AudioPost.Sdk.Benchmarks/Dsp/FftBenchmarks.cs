using System.Numerics;
using AudioPost.Sdk.Dsp.Fourier;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace AudioPost.Sdk.Benchmarks.Dsp;

/// <summary>Our planned FFTs against MathNet.Numerics' <c>Fourier.Forward</c> / <c>ForwardReal</c>, one forward transform per operation.</summary>
/// <remarks>
/// Ours run out of place from a constant input. MathNet's transform in place, so they use its default
/// (unitary) scaling, which keeps the data's magnitude constant from one operation to the next.
/// </remarks>
public class FftBenchmarks
{
    private ComplexFft _complex = null!;
    private RealFft _real = null!;
    private float[] _complexInput = null!;
    private float[] _complexOutput = null!;
    private float[] _realInput = null!;
    private float[] _spectrum = null!;
    private Complex32[] _mathNetSingle = null!;
    private Complex[] _mathNetDouble = null!;
    private double[] _mathNetReal = null!;

    [Params(256, 1024, 1920, 4096)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _complex = new ComplexFft(Size);
        _real = new RealFft(Size);
        _complexInput = new float[2 * Size];
        _complexOutput = new float[2 * Size];
        _realInput = new float[Size];
        _spectrum = new float[_real.SpectrumLength];
        _mathNetSingle = new Complex32[Size];
        _mathNetDouble = new Complex[Size];
        _mathNetReal = new double[Size + 2];
        for (var i = 0; i < Size; i++)
        {
            var re = (float)((random.NextDouble() * 2) - 1);
            var im = (float)((random.NextDouble() * 2) - 1);
            _complexInput[2 * i] = re;
            _complexInput[(2 * i) + 1] = im;
            _realInput[i] = re;
            _mathNetSingle[i] = new Complex32(re, im);
            _mathNetDouble[i] = new Complex(re, im);
            _mathNetReal[i] = re;
        }
    }

    [Benchmark]
    public void OurComplex() => _complex.Forward(_complexInput, _complexOutput);

    [Benchmark]
    public void OurReal() => _real.Forward(_realInput, _spectrum);

    [Benchmark]
    public void MathNetComplex32() => Fourier.Forward(_mathNetSingle);

    [Benchmark]
    public void MathNetComplex() => Fourier.Forward(_mathNetDouble);

    [Benchmark]
    public void MathNetReal() => Fourier.ForwardReal(_mathNetReal, Size);
}
