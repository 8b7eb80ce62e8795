using AudioPost.Sdk.Dsp.Restoration;

namespace AudioPost.Sdk.Tests.Dsp.Restoration;

/// <summary>
/// Silence trimming on 1 kHz tone bursts (whole periods, so the first and last sample of each are loud) over a quiet
/// 100 Hz room tone at −46 dBFS, threshold −40 dBFS: pauses of known lengths come out exactly min(length, maximum);
/// shorter-than-minimum pauses are untouched; the joins have no step (sample-to-sample change within 3× the room tone's).
/// </summary>
public sealed class SilenceTrimmerTests
{
    private const int Rate = 48_000;

    [Fact]
    public void Pauses_AreShortenedToExactlyTheMaximum_WithoutClicks()
    {
        int[] pauses = [Rate / 5, Rate / 2, Rate, 5 * Rate / 2];
        const int Burst = 48 * 500;
        var total = ((pauses.Length + 1) * Burst) + pauses.Sum();
        var input = new float[total];
        for (var n = 0; n < total; n++)
        {
            input[n] = (float)(0.005 * Math.Sin(2 * Math.PI * 100 * n / Rate));
        }

        var at = 0;
        for (var b = 0; b <= pauses.Length; b++)
        {
            for (var i = 0; i < Burst; i++)
            {
                input[at + i] += (float)(0.5 * Math.Cos(2 * Math.PI * i / 48));
            }

            at += Burst + (b < pauses.Length ? pauses[b] : 0);
        }

        var options = new SilenceTrimOptions { ThresholdDb = -40, MinPauseMilliseconds = 300, MaxPauseMilliseconds = 700, FadeMilliseconds = 10 };
        var result = SilenceTrimmer.Trim([input], Rate, options);
        var output = result.Channels[0];

        var maxKept = 7 * Rate / 10;
        int[] expected = [.. pauses.Select(p => p >= 3 * Rate / 10 ? Math.Min(p, maxKept) : p)];
        Assert.Equal(total - pauses.Sum() + expected.Sum(), output.Length);
        Assert.Equal(3, result.Pauses.Count);

        // The gaps between bursts in the output: from the sample after a burst's last loud sample to the next loud one.
        var gaps = new List<int>();
        var lastLoud = -1;
        for (var n = 0; n < output.Length; n++)
        {
            if (Math.Abs(output[n]) >= 0.01f)
            {
                if (lastLoud >= 0 && n - lastLoud - 1 > 48)
                {
                    gaps.Add(n - lastLoud - 1);
                }

                lastLoud = n;
            }
        }

        Assert.Equal(expected, gaps);

        // No step at the joins: the largest sample-to-sample change inside the gaps stays near the room tone's own.
        var toneSlope = 0.005 * 2 * Math.PI * 100 / Rate;
        var worst = 0.0;
        for (var n = 1; n < output.Length; n++)
        {
            if (Math.Abs(output[n]) < 0.01f && Math.Abs(output[n - 1]) < 0.01f)
            {
                worst = Math.Max(worst, Math.Abs(output[n] - output[n - 1]));
            }
        }

        Assert.True(worst <= 3 * toneSlope, $"largest change in the pauses {worst:E2}, room tone {toneSlope:E2}");
    }
}
