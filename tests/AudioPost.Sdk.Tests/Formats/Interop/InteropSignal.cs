using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Tests.Formats.Interop;

/// <summary>
/// Deterministic test audio for the interop tests, and the value every correct decoder must return for each sample.
/// </summary>
/// <remarks>
/// <para>Tolerance: none. Every comparison in the interop tests is exact (0 difference), because nothing in the chain
/// is approximate when the signal is built right:</para>
/// <list type="bullet">
/// <item>Our PCM signals sit on the format's quantization grid (multiples of 2^-(bits-1)), so the encoder's
/// scale-and-round is exact, and every decoder's code / 2^(bits-1) is exact in double. +1.0 is the one sample off the
/// grid: it saturates to the largest code, (2^(bits-1) - 1) / 2^(bits-1), which <see cref="Expected"/> models.</item>
/// <item>Our float signals are float32 values on the 2^-31 grid within [-1, 1] (at most 24 significant bits), so they
/// survive float32 and float64 files, FFmpeg, libsndfile, and SoX's 32-bit integer samples (where +1.0 saturates as
/// <see cref="SoxPeer.ToSoxSample"/> models).</item>
/// <item>Peers decode to 64-bit float (exact for every WAV encoding); our reader returns float32, which is that
/// double rounded once to nearest, so the check is <c>ours == (float)peer</c>.</item>
/// </list>
/// <para>A tolerance would hide exactly the bugs these tests exist for: an off-by-one scale (2^15 vs 2^15 - 1), a
/// missing sign extension in 24-bit, unsigned 8-bit bias, a channel swap.</para>
/// </remarks>
internal static class InteropSignal
{
    public const int SampleRate = 48000;

    /// <summary>Short on purpose: the whole interop suite has to stay fast.</summary>
    public const int Frames = 4800;

    /// <summary>
    /// A planar signal for writing as <paramref name="format"/>: per channel, a fixed head (−1, +1, the largest code,
    /// −1 + 1 LSB, ±1 and ±2 LSB, 0, ±0.5, a channel marker, and for float the largest float below 1 and 2^-24), then
    /// seeded noise on the grid (for 32-bit PCM and float, codes with up to 24 significant bits at random magnitudes).
    /// Distinct noise per channel makes any channel swap or reorder visible.
    /// </summary>
    public static float[] ForFormat(SampleFormat format, int channels, int frames = Frames)
    {
        var random = new Random(7919 + (31 * channels) + (int)format);
        var bits = PcmBits(format);
        var gridBits = bits > 0 ? bits : 32;
        var lsb = Math.ScaleB(1.0, -(gridBits - 1));
        var samples = new float[channels * frames];
        for (var c = 0; c < channels; c++)
        {
            var channel = samples.AsSpan(c * frames, frames);
            double[] head =
            [
                -1, 1, 1 - lsb, -1 + lsb, lsb, -lsb, 2 * lsb, -2 * lsb, 0, 0.5, -0.5, (c + 1) * 3 * lsb,
                1 - Math.ScaleB(1.0, -24), Math.ScaleB(1.0, -24), -Math.ScaleB(1.0, -24),
            ];
            for (var f = 0; f < frames; f++)
            {
                double value;
                if (f < head.Length)
                {
                    value = head[f];
                }
                else if (gridBits <= 24)
                {
                    var half = 1 << (gridBits - 1);
                    value = random.Next(-half, half) * lsb;
                }
                else
                {
                    // 24 significant bits at a random magnitude: exact in float and on the 32-bit grid.
                    long code = random.Next(-(1 << 23), 1 << 23);
                    value = (code << random.Next(0, 9)) * lsb;
                }

                // Every value above is exactly representable as float, except 1 - 2^-31 for float/32-bit, which
                // rounds to 1.0f: harmless, as +1.0 is on the list anyway.
                channel[f] = (float)value;
            }
        }

        return samples;
    }

    /// <summary>The value a correct decoder returns for <paramref name="sample"/> written as <paramref name="format"/>.</summary>
    public static double Expected(SampleFormat format, float sample)
    {
        var bits = PcmBits(format);
        if (bits == 0)
        {
            return sample;
        }

        var scale = Math.ScaleB(1.0, bits - 1);
        var code = Math.Clamp(Math.Round(sample * scale, MidpointRounding.ToEven), -scale, scale - 1);
        return code / scale;
    }

    /// <summary>
    /// A peer-side source signal as interleaved doubles: full scale both ways, values between every PCM grid (so the
    /// peer's own quantizer runs), tiny values, and seeded noise peaking at exactly 1.0 (see <see cref="SndFilePeer"/>).
    /// </summary>
    public static double[] PeerSource(int channels, int frames = Frames, int seed = 104729)
    {
        var random = new Random(seed + channels);
        var samples = new double[channels * frames];
        double[] head = [-1, 1, 0, 1e-9, -1e-9, 0.1, -0.1, 1.0 / 3, -2.0 / 3, 0.999999, -0.999999];
        for (var f = 0; f < frames; f++)
        {
            for (var c = 0; c < channels; c++)
            {
                samples[(f * channels) + c] = f < head.Length
                    ? head[f] * (f < 2 ? 1 : 1 - (0.01 * c))
                    : (random.NextDouble() * 1.8) - 0.9;
            }
        }

        return samples;
    }

    private static int PcmBits(SampleFormat format) => format switch
    {
        SampleFormat.Pcm8 => 8,
        SampleFormat.Pcm16 => 16,
        SampleFormat.Pcm24 => 24,
        SampleFormat.Pcm32 => 32,
        _ => 0,
    };
}
