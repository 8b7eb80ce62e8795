using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Tests.Formats.Interop;
using AudioPost.Sdk.Tests.Formats.Wav;
using AudioPost.Sdk.Tests.TestUtilities;
using AudioPost.Sdk.Timeline;
using AudioPost.Sdk.Timing;

namespace AudioPost.Sdk.Tests.Timeline;

/// <summary>Timelines rendered to BWF: clips at timecodes land on their exact samples, and the file says where it
/// starts (checked by our reader and by ffprobe, MediaInfo and SoX).</summary>
public sealed class TimelineRenderTests
{
    private const int Rate = 48_000;

    public static TheoryData<string, string, string[]> SpottingCases() => new()
    {
        // Rate, session start, clip timecodes (a frame that does not start on a whole sample at 29.97 DF).
        { "23.976", "00:59:58:00", ["00:59:59:00", "01:00:00:00", "01:00:00:17", "01:00:01:23"] },
        { "25", "09:59:59:00", ["10:00:00:00", "10:00:00:01", "10:00:01:13"] },
        { "29.97df", "00:59:59;00", ["00:59:59;29", "01:00:00;00", "01:00:00;01", "01:00:00;07"] },
        { "29.97df", "00:00:59;00", ["00:00:59;29", "00:01:00;02", "00:01:00;03"] },
    };

    [Theory]
    [MemberData(nameof(SpottingCases))]
    public void Render_ClipsAtTimecodes_StartOnTheExactSample(string rateLabel, string startLabel, string[] clipLabels)
    {
        using var directory = new TempDirectory();
        var rate = FrameRate.Parse(rateLabel);
        var start = Timecode.Parse(startLabel, rate);
        using var timeline = new AudioTimeline(Rate, start, outputChannelCount: 1);
        var expected = new List<(long Index, float Impulse)>();
        for (var i = 0; i < clipLabels.Length; i++)
        {
            var file = directory.File($"clip{i}.wav");
            var impulse = 0.5f + (0.1f * i);
            TimelineFiles.WriteImpulse(file, Rate, 2_000, impulse);
            var at = Timecode.Parse(clipLabels[i], rate);
            var media = ClipMedia.Open(file, Rate);
            timeline.Add(new TimelineTrack($"track {i}")).Add(new TimelineClip(media, timeline.FrameOf(at), media.Length));
            expected.Add((at.ToSampleFrame(Rate) - start.ToSampleFrame(Rate), impulse));
        }

        var output = directory.File("render.wav");
        TimelineFileRenderer.Render(timeline, output, new TimelineRenderOptions { SampleFormat = SampleFormat.Float32, BlockSize = 331 }, cancellationToken: TestContext.Current.CancellationToken);

        var samples = TimelineFiles.ReadAll(output, out var info)[0];
        Assert.Equal((ulong)start.ToSampleFrame(Rate), info.Metadata.Broadcast!.TimeReference);
        Assert.Equal($"{rate.Numerator}/{rate.Denominator}", info.Metadata.IXml!.TimecodeRate);
        Assert.Equal(rate.IsDropFrame ? "DF" : "NDF", info.Metadata.IXml.TimecodeFlag);
        Assert.Equal((ulong)start.ToSampleFrame(Rate), info.Metadata.IXml.TimestampSamplesSinceMidnight);
        foreach (var (index, impulse) in expected)
        {
            // Silence (or only the other clips' quiet tails) up to the clip; its impulse on the exact sample.
            Assert.True(samples[index - 1] < 0.01f, $"sample {index - 1} before the clip at {index} is {samples[index - 1]}");
            Assert.True(Math.Abs(samples[index] - impulse) < 0.004f, $"clip expected at {index} with {impulse}, found {samples[index]}");
        }
    }

    [Fact]
    public void Render_2997DropFrameHour_TimeReferenceIs172799827_InFfprobeMediaInfoAndSox()
    {
        FfmpegPeer.Require();
        SoxPeer.Require();
        using var directory = new TempDirectory();
        var rate = FrameRate.Fps2997Drop;
        using var timeline = new AudioTimeline(Rate, Timecode.Parse("01:00:00;00", rate), outputChannelCount: 2);
        var clipFile = directory.File("clip.wav");
        TimelineFiles.WriteImpulse(clipFile, Rate, 4_800, 0.9f);
        var media = ClipMedia.Open(clipFile, Rate);
        timeline.Add(new TimelineTrack("dialogue")).Add(new TimelineClip(media, timeline.FrameOf(Timecode.Parse("01:00:00;10", rate)), media.Length));
        var output = directory.File("scene.wav");

        TimelineFileRenderer.Render(timeline, output, new TimelineRenderOptions { SampleFormat = SampleFormat.Pcm24 }, cancellationToken: TestContext.Current.CancellationToken);

        // ffprobe reads bext's TimeReference as the time_reference tag.
        var reference = FfmpegPeer.ProbeText("-show_entries", "format_tags=time_reference", "-of", "default=nw=1:nk=1", output);
        Assert.Equal("172799827", reference);

        // SoX decodes the file to what we wrote: the clip's impulse at 01:00:00;10 - 01:00:00;00, panned centre.
        var decoded = SoxPeer.DecodeToFloat(output);
        var index = Timecode.Parse("01:00:00;10", rate).ToSampleFrame(Rate) - 172_799_827;
        Assert.Equal(16_016, index);
        var ours = TimelineFiles.ReadAll(output, out _);
        Assert.Equal(ours[0].Length * 2, decoded.Length);
        Assert.Equal(0f, decoded[(int)(index - 1) * 2]);
        Assert.Equal(0.9 * Math.Sqrt(0.5), decoded[(int)index * 2], 3);
        for (var i = 0; i < ours[0].Length; i += 97)
        {
            Assert.Equal(ours[0][i], decoded[i * 2], 5);
            Assert.Equal(ours[1][i], decoded[(i * 2) + 1], 5);
        }
    }

    [Fact]
    public void Render_MediaInfo_ReportsTheStartAsTheBextDelay()
    {
        var mediaInfo = new PeerTool("mediainfo", "--Version", "mediainfo");
        mediaInfo.Require();
        using var directory = new TempDirectory();
        using var timeline = new AudioTimeline(Rate, Timecode.Parse("10:00:00:00", FrameRate.Fps25), outputChannelCount: 1);
        timeline.Add(new TimelineTrack("fx")).Add(new TimelineClip(new DcSource(0.1f), timeline.StartFrame, 4_800));
        var output = directory.File("fx.wav");

        TimelineFileRenderer.Render(timeline, output, cancellationToken: TestContext.Current.CancellationToken);

        var text = mediaInfo.RunText("--Inform=Audio;%Delay%|%Delay_Source%", output);
        var parts = text.Split('|');
        // MediaInfo reports the delay in milliseconds: 10 h = 36,000,000 ms.
        Assert.Equal(36_000_000d, double.Parse(parts[0], CultureInfo.InvariantCulture), 3);
        Assert.Equal("Container (bext)", parts[1]);
    }

    [Fact]
    public void AutoSpot_TimeReference_ConvertsToTheSessionRateExactly()
    {
        using var directory = new TempDirectory();
        var file = directory.File("take.wav");

        TimelineFiles.WriteImpulse(file, 44_100, 100, 1f, timeReference: 158_760_000); // 01:00:00:00 at 44.1 kHz
        using (var media = ClipMedia.Open(file, 44_100))
        {
            Assert.Equal(172_800_000, ClipMedia.GetSpotFrame(media.Info, 48_000));
            Assert.Equal(158_760_000, ClipMedia.GetSpotFrame(media.Info, 44_100));
        }

        // 1 sample at 44.1 kHz is 1.088 samples at 48 kHz: rounded half up to 1; 21 samples are 22.857 -> 23.
        TimelineFiles.WriteImpulse(file, 44_100, 100, 1f, timeReference: 21);
        using (var media = ClipMedia.Open(file, 44_100))
        {
            Assert.Equal(23, ClipMedia.GetSpotFrame(media.Info, 48_000));
        }

        TimelineFiles.WriteImpulse(file, 48_000, 100, 1f);
        using (var media = ClipMedia.Open(file, 48_000))
        {
            Assert.Null(ClipMedia.GetSpotFrame(media.Info, 48_000));
        }
    }

    [Fact]
    public void Render_AutoSpottedBwf_PlaysAtItsOwnTimeReference()
    {
        using var directory = new TempDirectory();
        var rate = FrameRate.Fps25;
        using var timeline = new AudioTimeline(Rate, Timecode.Parse("01:00:00:00", rate), outputChannelCount: 1);
        var file = directory.File("take.wav");
        TimelineFiles.WriteImpulse(file, Rate, 1_000, 0.75f, timeReference: 172_800_000 + 12_345);
        var media = ClipMedia.Open(file, Rate);
        timeline.Add(new TimelineTrack("production")).Add(new TimelineClip(media, ClipMedia.GetSpotFrame(media.Info, Rate)!.Value, media.Length));
        var output = directory.File("spotted.wav");

        TimelineFileRenderer.Render(timeline, output, new TimelineRenderOptions { SampleFormat = SampleFormat.Float32 }, cancellationToken: TestContext.Current.CancellationToken);

        var samples = TimelineFiles.ReadAll(output, out _)[0];
        Assert.Equal(12_345 + 1_000, samples.Length);
        Assert.Equal(0f, samples[12_344]);
        Assert.Equal(0.75f, samples[12_345]);
    }

    [Fact]
    public void Render_MuteAndSolo_DecideWhichTracksAreHeard()
    {
        using var directory = new TempDirectory();
        float Level(bool muteA, bool soloB)
        {
            using var timeline = new AudioTimeline(Rate, Timecode.Parse("00:00:00:00", FrameRate.Fps25), outputChannelCount: 1);
            timeline.Add(new TimelineTrack("a") { Mute = muteA }).Add(new TimelineClip(new DcSource(0.25f), 0, 4_800));
            timeline.Add(new TimelineTrack("b") { Solo = soloB }).Add(new TimelineClip(new DcSource(0.5f), 0, 4_800));
            timeline.Add(new TimelineTrack("c")).Add(new TimelineClip(new DcSource(0.125f), 0, 4_800));
            var path = directory.File("mix.wav");
            TimelineFileRenderer.Render(timeline, path, new TimelineRenderOptions { SampleFormat = SampleFormat.Float32 }, cancellationToken: TestContext.Current.CancellationToken);
            return TimelineFiles.ReadAll(path, out _)[0][2_000];
        }

        Assert.Equal(0.875f, Level(false, false));
        Assert.Equal(0.625f, Level(true, false));
        Assert.Equal(0.5f, Level(false, true));
    }

    [Fact]
    public void Render_TrackGainAndPan_ApplyAfterTheClips()
    {
        using var directory = new TempDirectory();
        using var timeline = new AudioTimeline(Rate, Timecode.Parse("00:00:00:00", FrameRate.Fps24), outputChannelCount: 2);
        var track = timeline.Add(new TimelineTrack("pad") { GainDb = -6.0206f, Pan = 1f });
        track.Add(new TimelineClip(new DcSource(1f), 0, 1_000));
        track.Inserts.Add(new AudioPost.Sdk.Processing.Mixing.GainProcessor(6.0206f));
        var path = directory.File("pan.wav");

        TimelineFileRenderer.Render(timeline, path, new TimelineRenderOptions { SampleFormat = SampleFormat.Float32 }, cancellationToken: TestContext.Current.CancellationToken);

        var channels = TimelineFiles.ReadAll(path, out _);
        Assert.Equal(0f, channels[0][500], 5);
        Assert.Equal(1f, channels[1][500], 3);
    }
}
