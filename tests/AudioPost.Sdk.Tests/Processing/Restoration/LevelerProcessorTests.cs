using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Loudness;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Restoration;

namespace AudioPost.Sdk.Tests.Processing.Restoration;

/// <summary>
/// The leveler on speech whose level steps by −10 and +10 dB between sections separated by 2 s pauses (a −70 dBFS
/// noise floor): each section's loudness after the leveler, measured by the BS.1770 meter from 3 s into the section,
/// is within 2 LU of the target; the gain does not move inside the pauses; the riding applied is reported.
/// </summary>
public sealed class LevelerProcessorTests
{
    private const int Rate = 48_000;
    private const int Block = 480;

    [Fact]
    public void SteppedSpeech_ComesOutAtTheTarget_AndPausesDoNotPump()
    {
        double[] sectionDb = [0, -10, +10, 0];
        const double SectionSeconds = 12, PauseSeconds = 2;
        var section = (int)(SectionSeconds * Rate);
        var pause = (int)(PauseSeconds * Rate);
        var input = new float[sectionDb.Length * (section + pause)];
        var noise = new Random(5);
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (float)(0.000316 * 1.732 * ((noise.NextDouble() * 2) - 1));
        }

        for (var s = 0; s < sectionDb.Length; s++)
        {
            var speech = RestorationSignals.SpeechLike(Rate, SectionSeconds, seed: 30 + s, level: 0.3);
            var gain = (float)Math.Pow(10, sectionDb[s] / 20);
            var at = s * (section + pause);
            for (var i = 0; i < section; i++)
            {
                input[at + i] += gain * speech[i];
            }
        }

        var leveler = new LevelerProcessor(targetLufs: -20f, maxBoostDb: 24f);
        leveler.Prepare(new ProcessSpec(Rate, Block, 1));
        var latency = leveler.LatencyFrames;
        Assert.Equal(Rate / 5, latency);
        var output = new float[input.Length];
        var storage = new float[Block];
        var gains = new List<(int Frame, double Db)>();
        for (var done = 0; done < input.Length + latency; done += Block)
        {
            storage.AsSpan().Clear();
            var available = Math.Clamp(input.Length - done, 0, Block);
            if (available > 0)
            {
                input.AsSpan(done, available).CopyTo(storage);
            }
            leveler.Process(new AudioBlock(storage, 1, Block), new ProcessContext(done, done, Rate, true));
            for (var i = 0; i < Block; i++)
            {
                var at = done + i - latency;
                if (at >= 0 && at < output.Length)
                {
                    output[at] = storage[i];
                }
            }

            // The gain of the block's last output frame, which is input frame (end − latency).
            gains.Add((done + Block - 1 - latency, leveler.CurrentGainDb));
        }

        var log = TestContext.Current.TestOutputHelper;
        for (var s = 0; s < sectionDb.Length; s++)
        {
            var start = (s * (section + pause)) + (3 * Rate);
            var end = (s * (section + pause)) + section;
            var before = Loudness(input, start, end);
            var after = Loudness(output, start, end);
            log?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"section {s} ({sectionDb[s]:+0;-0;0} dB): in {before:F1} LUFS, out {after:F1} LUFS"));
            Assert.InRange(after, -22, -18);
        }

        for (var s = 0; s < sectionDb.Length - 1; s++)
        {
            // Inside the pause: from the moment the 400 ms window, centred by the look-ahead, has left the speech.
            var from = (s * (section + pause)) + section + (Rate / 4);
            var to = from + pause - (Rate / 2);
            var inside = gains.Where(g => g.Frame >= from && g.Frame < to).Select(g => g.Db).ToArray();
            var spread = inside.Max() - inside.Min();
            log?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pause {s}: gain {inside[0]:F2} dB, moved {spread:F4} dB over {inside.Length} blocks"));
            Assert.True(spread == 0, $"The gain moved {spread} dB in pause {s}.");
        }

        log?.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"gain riding: min {leveler.MinGainDb:F1} dB, max {leveler.MaxGainDb:F1} dB, mean {leveler.MeanGainDb:F1} dB"));
        Assert.True(leveler.MaxGainDb - leveler.MinGainDb > 15, "The leveler should have ridden the ±10 dB steps.");
    }

    [Fact]
    public void Limits_HoldTheGainWithinMaxBoostAndMaxCut()
    {
        var quiet = RestorationSignals.SpeechLike(Rate, 6, seed: 8, level: 0.01);
        var leveler = new LevelerProcessor(targetLufs: -20f, maxBoostDb: 6f, maxCutDb: 3f, gateLufs: -70f);
        RestorationSignals.Process(leveler, Rate, 256, quiet);
        Assert.Equal(6, leveler.MaxGainDb, 6);

        var loud = RestorationSignals.SpeechLike(Rate, 6, seed: 8, level: 0.9);
        leveler = new LevelerProcessor(targetLufs: -30f, maxBoostDb: 6f, maxCutDb: 3f);
        RestorationSignals.Process(leveler, Rate, 256, loud);
        Assert.Equal(-3, leveler.MinGainDb, 6);
    }

    private static double Loudness(float[] signal, int start, int end)
    {
        var meter = new LoudnessMeter(Rate, ChannelLayout.Mono);
        meter.Process(new ReadOnlyAudioBlock(signal.AsSpan(start, end - start), 1, end - start));
        return meter.Integrated;
    }
}
