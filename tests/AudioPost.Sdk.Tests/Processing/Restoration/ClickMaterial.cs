namespace AudioPost.Sdk.Tests.Processing.Restoration;

/// <summary>
/// The de-click test material and its measures, shared by <see cref="DeClickProcessorTests"/> and
/// <see cref="DeClickPeerTests"/>: ten seconds of speech-like or music-like audio over a −70 dBFS noise floor, clicks
/// of 1 to 50 samples (random decaying, sign-alternating bursts, peaks 0.05 to 0.5) every 1/8 to 1/4 s, and the
/// measure of a click found: the error against the clean signal over the click's span falls by 10 dB or more.
/// </summary>
internal static class ClickMaterial
{
    public const int Rate = 48_000;

    /// <summary>Ten seconds of speech-like or music-like audio over a recording's noise floor (−70 dBFS RMS,
    /// white): digital silence between syllables would make every onset an unpredictable event.</summary>
    public static float[] Clean(string material, int seed)
    {
        var signal = material == "speech" ? RestorationSignals.SpeechLike(Rate, 10, seed) : RestorationSignals.MusicLike(Rate, 10, seed + 1);
        var noise = new Random(seed + 100);
        for (var i = 0; i < signal.Length; i++)
        {
            signal[i] += (float)(0.000316 * 1.732 * ((noise.NextDouble() * 2) - 1));
        }

        return signal;
    }

    /// <summary>The clean signal with clicks added (placed and shaped by <paramref name="seed"/>), and where they are.</summary>
    public static (float[] Clicked, List<(int Start, int Length)> Clicks) AddClicks(float[] clean, int seed = 21)
    {
        var clicked = (float[])clean.Clone();
        var random = new Random(seed);
        var clicks = new List<(int Start, int Length)>();
        for (var at = Rate / 4; at < clean.Length - (Rate / 4); at += (Rate / 8) + random.Next(Rate / 8))
        {
            var length = 1 + random.Next(50);
            var peak = 0.05 + (0.45 * random.NextDouble());
            var sign = random.Next(2) == 0 ? -1 : 1;
            for (var i = 0; i < length; i++)
            {
                // A decaying, sign-alternating burst: the shape of a scratch or a digital error.
                var shape = Math.Exp(-3.0 * i / length) * (i % 3 == 2 ? -0.6 : 1);
                clicked[at + i] += (float)(sign * peak * shape);
            }

            clicks.Add((at, length));
        }

        return (clicked, clicks);
    }

    /// <summary>How many clicks the output repaired: the error against the clean signal over the click's span fell
    /// by 10 dB or more.</summary>
    public static int Found(float[] clean, float[] clicked, float[] output, List<(int Start, int Length)> clicks)
    {
        var found = 0;
        foreach (var (start, length) in clicks)
        {
            var before = Error(clicked, clean, start, start + length);
            var after = Error(output, clean, start, start + length);
            if (after * 10 <= before)
            {
                found++;
            }
        }

        return found;
    }

    /// <summary>Regions where the output differs from the input by more than −80 dBFS, gaps under 64 frames merged:
    /// the repairs a tool made, counted the same way for any tool (ffmpeg does not report its count).</summary>
    public static int ChangedRegions(float[] input, float[] output)
    {
        var regions = 0;
        var lastChanged = int.MinValue / 2;
        for (var i = 0; i < input.Length; i++)
        {
            if (Math.Abs(output[i] - input[i]) > 1e-4f)
            {
                if (i - lastChanged > 64)
                {
                    regions++;
                }

                lastChanged = i;
            }
        }

        return regions;
    }

    private static double Error(float[] signal, float[] reference, int start, int end)
    {
        var sum = 0.0;
        for (var i = start; i < end; i++)
        {
            var d = (double)signal[i] - reference[i];
            sum += d * d;
        }

        return sum;
    }
}
