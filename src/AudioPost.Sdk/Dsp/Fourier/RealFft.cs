using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AudioPost.Sdk.Dsp.Fourier;

/// <summary>
/// A planned FFT of real signals: <see cref="Size"/> real samples to the <see cref="BinCount"/> = Size/2 + 1
/// non-redundant complex bins (DC to Nyquist), and back. Sizes as for <see cref="ComplexFft"/> (factors 2, 3, 5).
/// </summary>
/// <remarks>
/// <para><b>Layout.</b> The spectrum is interleaved complex floats, <see cref="SpectrumLength"/> = Size + 2 of
/// them: <c>re0, im0, re1, im1, ..., re(N/2), im(N/2)</c>. Bin k is at frequency <c>k · sampleRate / Size</c>.
/// The imaginary parts of DC (and, for even sizes, Nyquist) are written as 0 and ignored on input.</para>
/// <para><b>Scaling.</b> <see cref="Forward"/> is unscaled, <c>X[k] = Σ_n x[n] e^(−2πi·k·n/N)</c>, so a full-scale
/// sine of amplitude A whose frequency is on bin k (0 &lt; k &lt; N/2) gives |X[k]| = A·N/2.
/// <see cref="Inverse"/> scales by 1/N, so Inverse(Forward(x)) = x.</para>
/// <para><b>Algorithm.</b> For even sizes the N real samples are read as N/2 complex ones (even samples real,
/// odd imaginary), transformed by a half-size <see cref="ComplexFft"/>, and separated by a post-twiddle
/// pass: about half the work of a complex transform of N points. Odd sizes (3, 15, 75...) run a full
/// complex transform.</para>
/// <para><b>Memory, real time, threads.</b> The constructor allocates; the transforms allocate nothing and
/// are real-time safe. One plan per thread: a plan's scratch buffers make a transform non-reentrant.</para>
/// </remarks>
public sealed class RealFft
{
    private readonly ComplexFft _complex;
    private readonly float[] _twiddles;
    private readonly float[] _scratch;

    /// <summary>Plans a transform of <paramref name="size"/> real samples. Control thread; allocates about 16 · size bytes.</summary>
    /// <param name="size">Number of real samples, 1 or more, with no prime factor other than 2, 3 and 5.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not a supported FFT size.</exception>
    public RealFft(int size)
    {
        if (!ComplexFft.IsSupportedSize(size))
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "An FFT size must be 1 to 2^26 with no prime factor other than 2, 3 and 5 (e.g. 480, 960, 1024, 1920).");
        }

        Size = size;
        if (size % 2 == 0)
        {
            var half = size / 2;
            _complex = new ComplexFft(half);
            _twiddles = new float[2 * ((half / 2) + 1)];
            for (var k = 0; k <= half / 2; k++)
            {
                var (sin, cos) = Math.SinCos(-2.0 * Math.PI * k / size);
                _twiddles[2 * k] = (float)cos;
                _twiddles[(2 * k) + 1] = (float)sin;
            }

            _scratch = new float[size];
        }
        else
        {
            _complex = new ComplexFft(size);
            _twiddles = [];
            _scratch = new float[2 * size];
        }
    }

    /// <summary>Gets the number of real samples per transform.</summary>
    public int Size { get; }

    /// <summary>Gets the number of complex bins, Size/2 + 1 (DC to Nyquist).</summary>
    public int BinCount => (Size / 2) + 1;

    /// <summary>Gets the spectrum's length in floats: 2 · <see cref="BinCount"/>.</summary>
    public int SpectrumLength => 2 * BinCount;

    /// <summary>Forward transform of <see cref="Size"/> real samples, unscaled. Real-time safe.</summary>
    /// <param name="time"><see cref="Size"/> real samples (or more; the rest is ignored).</param>
    /// <param name="spectrum"><see cref="SpectrumLength"/> floats: interleaved complex bins 0 to Size/2.</param>
    /// <exception cref="ArgumentException">A span is too short.</exception>
    public void Forward(ReadOnlySpan<float> time, Span<float> spectrum)
    {
        CheckLengths(time.Length, spectrum.Length);
        if (Size % 2 == 1)
        {
            ForwardOdd(time, spectrum);
            return;
        }

        var half = Size / 2;

        // z[n] = x[2n] + i·x[2n+1] is the real signal's own memory read as complex values.
        _complex.Transform(time.Slice(0, Size), spectrum.Slice(0, Size));
        var bins = MemoryMarshal.Cast<float, Vector2>(spectrum);

        // Z[0] = E[0] + i·O[0] with E[0], O[0] real: DC is their sum, Nyquist their difference.
        var z0 = bins[0];
        bins[0] = new Vector2(z0.X + z0.Y, 0f);
        bins[half] = new Vector2(z0.X - z0.Y, 0f);
        FftKernels.RealForwardPass(spectrum, half, _twiddles);
    }

    /// <summary>Inverse transform to <see cref="Size"/> real samples, scaled by 1/N. Real-time safe.</summary>
    /// <param name="spectrum"><see cref="SpectrumLength"/> floats: interleaved complex bins 0 to Size/2. Not modified.</param>
    /// <param name="time"><see cref="Size"/> floats: the real samples.</param>
    /// <exception cref="ArgumentException">A span is too short.</exception>
    public void Inverse(ReadOnlySpan<float> spectrum, Span<float> time)
    {
        CheckLengths(time.Length, spectrum.Length);
        if (Size % 2 == 1)
        {
            InverseOdd(spectrum, time);
            return;
        }

        var half = Size / 2;
        var packed = MemoryMarshal.Cast<float, Vector2>(_scratch.AsSpan());

        // Bin 0 pairs DC with Nyquist (both real): 2Z[0] = (X[0] + X[M]) + i·(X[0] − X[M]), conjugated so that
        // the forward plan computes the inverse (conj of a DFT of the conjugate). The other bins follow in
        // FftKernels.RealInversePass; the real and imaginary parts of the result are the even and odd samples.
        var dc = spectrum[0];
        var nyquist = spectrum[2 * half];
        packed[0] = new Vector2(dc + nyquist, nyquist - dc);
        FftKernels.RealInversePass(spectrum, _scratch, half, _twiddles);

        _complex.Transform(_scratch, time.Slice(0, Size));
        ScaleAndConjugate(time.Slice(0, Size), 1f / Size);
    }

    private void ForwardOdd(ReadOnlySpan<float> time, Span<float> spectrum)
    {
        for (var i = 0; i < Size; i++)
        {
            _scratch[2 * i] = time[i];
            _scratch[(2 * i) + 1] = 0f;
        }

        _complex.Transform(_scratch, _scratch);
        _scratch.AsSpan(0, SpectrumLength).CopyTo(spectrum);
        spectrum[1] = 0f;
    }

    private void InverseOdd(ReadOnlySpan<float> spectrum, Span<float> time)
    {
        // Rebuild the full Hermitian spectrum, conjugated, so the forward plan computes the inverse.
        var bins = BinCount;
        _scratch[0] = spectrum[0];
        _scratch[1] = 0f;
        for (var k = 1; k < bins; k++)
        {
            var re = spectrum[2 * k];
            var im = spectrum[(2 * k) + 1];
            _scratch[2 * k] = re;
            _scratch[(2 * k) + 1] = -im;
            _scratch[2 * (Size - k)] = re;
            _scratch[(2 * (Size - k)) + 1] = im;
        }

        _complex.Transform(_scratch, _scratch);
        var scale = 1f / Size;
        for (var i = 0; i < Size; i++)
        {
            time[i] = _scratch[2 * i] * scale;
        }
    }

    /// <summary>Multiplies the even samples by <paramref name="scale"/> and the odd ones by its negative.</summary>
    private static void ScaleAndConjugate(Span<float> time, float scale)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var factors = Vector256.Create(scale, -scale, scale, -scale, scale, -scale, scale, -scale);
            ref var t = ref MemoryMarshal.GetReference(time);
            for (; i + 8 <= time.Length; i += 8)
            {
                (Vector256.LoadUnsafe(ref t, (nuint)i) * factors).StoreUnsafe(ref t, (nuint)i);
            }
        }

        for (; i < time.Length; i += 2)
        {
            time[i] *= scale;
            time[i + 1] *= -scale;
        }
    }

    private void CheckLengths(int timeLength, int spectrumLength)
    {
        if (timeLength < Size || spectrumLength < SpectrumLength)
        {
            throw new ArgumentException($"A real FFT of {Size} points needs {Size} time samples and {SpectrumLength} spectrum floats; got {timeLength} and {spectrumLength}.", nameof(timeLength));
        }
    }
}
