using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Filters;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Processing.Filters;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Tests.Formats.Wav;
using AudioPost.Sdk.Timeline;
using AudioPost.Sdk.Timing;

namespace AudioPost.Sdk.Tests.Timeline;

/// <summary>A session of clips from files, with fades, inserts and automation, rendered with its tracks on several
/// threads: the file holds the same samples as a render on one thread.</summary>
public sealed class TimelineParallelRenderTests
{
    private const int Rate = 48_000;

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 3)]
    public void Render_SessionOfFileClipsWithFadesAndAutomation_IsBitIdenticalToOneThread(int seed, int threads)
    {
        using var directory = new TempDirectory();
        var random = new Random(seed);
        var files = new string[4];
        for (var i = 0; i < files.Length; i++)
        {
            files[i] = directory.File($"source{i}.wav");
            WriteNoise(files[i], random, frames: 30_000 + (i * 7_919), channels: 1 + (i % 2));
        }

        var blockSize = random.Next(1, 3_000);
        var serial = directory.File("serial.wav");
        var parallel = directory.File("parallel.wav");
        RenderSession(files, seed, serial, new TimelineRenderOptions { SampleFormat = SampleFormat.Float32, BlockSize = blockSize, MaxDegreeOfParallelism = 1 });
        RenderSession(files, seed, parallel, new TimelineRenderOptions { SampleFormat = SampleFormat.Float32, BlockSize = blockSize, MaxDegreeOfParallelism = threads });

        var expected = TimelineFiles.ReadAll(serial, out var info);
        var actual = TimelineFiles.ReadAll(parallel, out _);
        Assert.Equal(2, info.ChannelCount);
        Assert.True(info.Frames > 20_000);
        Assert.True(expected[0].Any(s => s != 0f), "The render produced only silence.");
        for (var c = 0; c < expected.Length; c++)
        {
            Assert.Equal(expected[c], actual[c]);
        }

        Assert.Equal(File.ReadAllBytes(serial), File.ReadAllBytes(parallel));
    }

    private static void RenderSession(string[] files, int seed, string output, TimelineRenderOptions options)
    {
        var random = new Random(seed * 31);
        using var timeline = new AudioTimeline(Rate, Timecode.Parse("01:00:00:00", FrameRate.Fps25));
        for (var t = 0; t < 7; t++)
        {
            var file = files[t % files.Length];
            using var probe = AudioFormatRegistry.Default.OpenRead(file);
            var track = new TimelineTrack($"track {t}", probe.Info.ChannelCount) { GainDb = -3f - t, Pan = (t / 3f) - 1f };
            var at = timeline.StartFrame + random.Next(0, 20_000);
            for (var k = 0; k < 2; k++)
            {
                var media = ClipMedia.Open(file, Rate);
                var length = Math.Min(media.Length, random.Next(8_000, 30_000));
                track.Add(new TimelineClip(media, at, length) { FadeIn = random.Next(0, 2_000), FadeOut = random.Next(0, 3_000), GainDb = -1.5f * k });
                at += length + random.Next(-1_500, 5_000);
            }

            var eq = new BiquadFilterProcessor(BiquadType.Peak, 800f + (400f * t), 1f, 5f);
            eq.Frequency.SetValueAtTime(800f + (400f * t), 5_000).ExponentialRampToValueAtTime(4_000f, 40_000);
            var gain = new GainProcessor(0f);
            gain.Gain.SetValueAtTime(0f, 10_000 + (t * 333)).LinearRampToValueAtTime(-12f, 50_000);
            track.Inserts.Add(eq);
            track.Inserts.Add(gain);
            timeline.Tracks.Add(track);
        }

        TimelineFileRenderer.Render(timeline, output, options, cancellationToken: TestContext.Current.CancellationToken);
    }

    private static void WriteNoise(string path, Random random, int frames, int channels)
    {
        var samples = new float[frames * channels];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)((random.NextDouble() * 2) - 1) * 0.3f;
        }

        var layout = channels == 1 ? ChannelLayout.Mono : ChannelLayout.Stereo;
        using var writer = AudioFormatRegistry.Default.Create(path, new AudioSpec(Rate, layout), SampleFormat.Float32);
        writer.Write(new ReadOnlyAudioBlock(samples, channels, frames));
        writer.Complete();
    }
}
