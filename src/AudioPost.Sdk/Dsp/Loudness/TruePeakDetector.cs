using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AudioPost.Sdk.Dsp.Loudness;

/// <summary>
/// Per-channel maximum of the over-sampled absolute signal (BS.1770 Annex 2), with the Annex's 48-tap,
/// 4-phase interpolation filter (REFERENCE.md §1.8) or a 49-tap Hann-windowed sinc (<see cref="TruePeakFilter"/>).
/// </summary>
/// <remarks>
/// <para>Over-sampling follows the sample rate: 4x below 96 kHz (all four phases), 2x from 96 kHz to below
/// 192 kHz (phases 0 and 2 of the same prototype: the same cutoff at the input Nyquist, every second
/// sub-sample position), 1x at 192 kHz and above (no interpolation; the sample peak is the true peak).</para>
/// <para>Works in float with no 12.04 dB attenuation (that headroom is only for integer arithmetic), so
/// inter-sample peaks above full scale are measured. Vectorised across time with <see cref="Vector{T}"/>:
/// each lane computes one output sample of one phase. Real-time safe after construction; not thread-safe.</para>
/// </remarks>
internal sealed class TruePeakDetector
{
    /// <summary>Taps per phase of the Annex 2 filter.</summary>
    public const int TapsPerPhase = 12;

    // The windowed-sinc prototype's length: 49 taps at the over-sampled rate, centred on tap 24.
    private const int SincTaps = 49;
    private const int Chunk = 1024;

    // BS.1770-4 Annex 2, phase k, tap m (delay m input samples); the 48-tap prototype is h[4m + k].
    private static readonly float[] AnnexPhases =
    [
        0.0017089843750f, 0.0109863281250f, -0.0196533203125f, 0.0332031250000f, -0.0594482421875f, 0.1373291015625f,
        0.9721679687500f, -0.1022949218750f, 0.0476074218750f, -0.0266113281250f, 0.0148925781250f, -0.0083007812500f,

        -0.0291748046875f, 0.0292968750000f, -0.0517578125000f, 0.0891113281250f, -0.1665039062500f, 0.4650878906250f,
        0.7797851562500f, -0.2003173828125f, 0.1015625000000f, -0.0582275390625f, 0.0330810546875f, -0.0189208984375f,

        -0.0189208984375f, 0.0330810546875f, -0.0582275390625f, 0.1015625000000f, -0.2003173828125f, 0.7797851562500f,
        0.4650878906250f, -0.1665039062500f, 0.0891113281250f, -0.0517578125000f, 0.0292968750000f, -0.0291748046875f,

        -0.0083007812500f, 0.0148925781250f, -0.0266113281250f, 0.0476074218750f, -0.1022949218750f, 0.9721679687500f,
        0.1373291015625f, -0.0594482421875f, 0.0332031250000f, -0.0196533203125f, 0.0109863281250f, 0.0017089843750f,
    ];

    private readonly float[] _coefficients;
    private readonly Vector<float>[] _coefficientVectors;
    private readonly int _phases;

    // Taps per phase (even, zero-padded: the loops take taps two at a time) and the input history it needs.
    private readonly int _taps;
    private readonly int _history;
    private readonly float[][] _work;
    private readonly float[] _peak;

    public TruePeakDetector(int sampleRate, int channelCount, TruePeakFilter filter = TruePeakFilter.Bs1770Annex2)
    {
        Oversampling = GetOversampling(sampleRate);
        _phases = Oversampling == 1 ? 0 : Oversampling;
        if (filter == TruePeakFilter.WindowedSinc49)
        {
            _coefficients = DesignWindowedSinc(_phases, out _taps);
        }
        else
        {
            _taps = TapsPerPhase;
            _coefficients = CreatePhaseCoefficients(Oversampling);
        }

        _history = Math.Max(_taps - 1, 0);

        _coefficientVectors = new Vector<float>[_coefficients.Length];
        for (var i = 0; i < _coefficients.Length; i++)
        {
            _coefficientVectors[i] = new Vector<float>(_coefficients[i]);
        }

        _work = new float[channelCount][];
        for (var c = 0; c < channelCount; c++)
        {
            _work[c] = new float[_history + Chunk];
        }

        _peak = new float[channelCount];
    }

    /// <summary>Gets the over-sampling factor: 4, 2 or 1.</summary>
    public int Oversampling { get; }

    /// <summary>Gets the Annex 2 coefficients of phase <paramref name="phase"/> (0–3), tap by tap.</summary>
    public static ReadOnlySpan<float> GetAnnexPhase(int phase) => AnnexPhases.AsSpan(phase * TapsPerPhase, TapsPerPhase);

    /// <summary>
    /// Designs the windowed-sinc interpolator: 49 taps at the over-sampled rate, sinc with its cutoff at the input
    /// Nyquist, Hann window, split into <paramref name="phases"/> polyphase branches (phase k takes taps k, k + L, …)
    /// padded with zeros to an even, equal length.
    /// </summary>
    private static float[] DesignWindowedSinc(int phases, out int taps)
    {
        if (phases == 0)
        {
            taps = 0;
            return [];
        }

        var longest = (SincTaps + phases - 1) / phases;
        taps = longest + (longest & 1);
        var coefficients = new float[phases * taps];
        for (var j = 0; j < SincTaps; j++)
        {
            var m = j - ((SincTaps - 1) / 2.0);
            var x = Math.PI * m / phases;
            var sinc = Math.Abs(m) < 1e-9 ? 1.0 : Math.Sin(x) / x;
            var window = 0.5 * (1 - Math.Cos(2 * Math.PI * j / (SincTaps - 1)));
            coefficients[((j % phases) * taps) + (j / phases)] = (float)(sinc * window);
        }

        return coefficients;
    }

    /// <summary>
    /// Gets the interpolation phases used at <paramref name="oversampling"/> (4, 2 or 1), phase after phase, each
    /// <see cref="TapsPerPhase"/> taps: all four Annex 2 phases at 4x, phases 0 and 2 at 2x, none at 1x. Shared with
    /// the true-peak limiter so that what it holds under the ceiling is what this detector measures.
    /// </summary>
    public static float[] CreatePhaseCoefficients(int oversampling)
    {
        var phases = oversampling == 1 ? 0 : oversampling;
        var coefficients = new float[phases * TapsPerPhase];
        var step = phases == 0 ? 0 : 4 / phases;
        for (var p = 0; p < phases; p++)
        {
            AnnexPhases.AsSpan(p * step * TapsPerPhase, TapsPerPhase).CopyTo(coefficients.AsSpan(p * TapsPerPhase));
        }

        return coefficients;
    }

    /// <summary>Gets the over-sampling factor for <paramref name="sampleRate"/>: 4 below 96 kHz, 2 below 192 kHz, else 1.</summary>
    public static int GetOversampling(int sampleRate) => sampleRate < 96_000 ? 4 : sampleRate < 192_000 ? 2 : 1;

    /// <summary>Gets the largest interpolated absolute value of <paramref name="channel"/> so far (linear; 0 when 1x).</summary>
    public float GetPeak(int channel) => _peak[channel];

    /// <summary>Clears the delay lines and the maxima.</summary>
    public void Reset()
    {
        foreach (var work in _work)
        {
            Array.Clear(work);
        }

        Array.Clear(_peak);
    }

    /// <summary>Feeds <paramref name="input"/> as the continuation of channel <paramref name="channel"/>.</summary>
    public void Process(int channel, ReadOnlySpan<float> input)
    {
        if (_phases == 0)
        {
            return;
        }

        var work = _work[channel];
        var peak = _peak[channel];
        while (!input.IsEmpty)
        {
            var count = Math.Min(Chunk, input.Length);
            input[..count].CopyTo(work.AsSpan(_history));
            peak = Math.Max(peak, ChunkPeak(work, count));
            work.AsSpan(count, _history).CopyTo(work);
            input = input[count..];
        }

        _peak[channel] = peak;
    }

    // work[_history + n] is input sample n of the chunk; output n of phase p is Σ_m c_p[m]·work[History + n − m].
    // Every phase keeps two accumulators (even and odd taps) so that 8 (4x) or 4 (2x) independent FMA chains hide
    // the FMA latency; one serial chain of 12 per phase would leave the multiply units idle most of the time.
    private float ChunkPeak(float[] work, int count)
    {
        ref var origin = ref MemoryMarshal.GetArrayDataReference(work);
        ref var c = ref MemoryMarshal.GetArrayDataReference(_coefficientVectors);
        var taps = _taps;
        var history = _history;
        var width = Vector<float>.Count;
        var max = Vector<float>.Zero;
        var n = 0;
        if (_phases == 4)
        {
            for (; n + width <= count; n += width)
            {
                Vector<float> a0 = default, b0 = default, a1 = default, b1 = default, a2 = default, b2 = default, a3 = default, b3 = default;
                for (var m = 0; m < taps; m += 2)
                {
                    var xa = Vector.LoadUnsafe(ref origin, (nuint)(history + n - m));
                    var xb = Vector.LoadUnsafe(ref origin, (nuint)(history + n - m - 1));
                    a0 = Vector.FusedMultiplyAdd(Unsafe.Add(ref c, m), xa, a0);
                    b0 = Vector.FusedMultiplyAdd(Unsafe.Add(ref c, m + 1), xb, b0);
                    a1 = Vector.FusedMultiplyAdd(Unsafe.Add(ref c, taps + m), xa, a1);
                    b1 = Vector.FusedMultiplyAdd(Unsafe.Add(ref c, taps + m + 1), xb, b1);
                    a2 = Vector.FusedMultiplyAdd(Unsafe.Add(ref c, (2 * taps) + m), xa, a2);
                    b2 = Vector.FusedMultiplyAdd(Unsafe.Add(ref c, (2 * taps) + m + 1), xb, b2);
                    a3 = Vector.FusedMultiplyAdd(Unsafe.Add(ref c, (3 * taps) + m), xa, a3);
                    b3 = Vector.FusedMultiplyAdd(Unsafe.Add(ref c, (3 * taps) + m + 1), xb, b3);
                }

                max = Vector.Max(max, Vector.Max(Vector.Max(Vector.Abs(a0 + b0), Vector.Abs(a1 + b1)), Vector.Max(Vector.Abs(a2 + b2), Vector.Abs(a3 + b3))));
            }
        }
        else
        {
            for (; n + width <= count; n += width)
            {
                Vector<float> a0 = default, b0 = default, a1 = default, b1 = default;
                for (var m = 0; m < taps; m += 2)
                {
                    var xa = Vector.LoadUnsafe(ref origin, (nuint)(history + n - m));
                    var xb = Vector.LoadUnsafe(ref origin, (nuint)(history + n - m - 1));
                    a0 = Vector.FusedMultiplyAdd(Unsafe.Add(ref c, m), xa, a0);
                    b0 = Vector.FusedMultiplyAdd(Unsafe.Add(ref c, m + 1), xb, b0);
                    a1 = Vector.FusedMultiplyAdd(Unsafe.Add(ref c, taps + m), xa, a1);
                    b1 = Vector.FusedMultiplyAdd(Unsafe.Add(ref c, taps + m + 1), xb, b1);
                }

                max = Vector.Max(max, Vector.Max(Vector.Abs(a0 + b0), Vector.Abs(a1 + b1)));
            }
        }

        var peak = 0f;
        for (var i = 0; i < width; i++)
        {
            peak = Math.Max(peak, max[i]);
        }

        for (; n < count; n++)
        {
            for (var p = 0; p < _phases; p++)
            {
                float even = 0f, odd = 0f;
                for (var m = 0; m < taps; m += 2)
                {
                    even = MathF.FusedMultiplyAdd(_coefficients[(p * taps) + m], work[history + n - m], even);
                    odd = MathF.FusedMultiplyAdd(_coefficients[(p * taps) + m + 1], work[history + n - m - 1], odd);
                }

                peak = Math.Max(peak, MathF.Abs(even + odd));
            }
        }

        return peak;
    }
}
