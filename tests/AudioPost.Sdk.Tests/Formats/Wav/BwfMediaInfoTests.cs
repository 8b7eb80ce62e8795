using System.Globalization;
using System.Text.Json;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.Tests.Formats.Interop;

namespace AudioPost.Sdk.Tests.Formats.Wav;

/// <summary>
/// The BWF metadata we write, as MediaInfo (an independent BWF parser, Debian package <c>mediainfo</c>) reports it.
/// Missing MediaInfo skips locally and fails when CI=true, like every peer.
/// </summary>
public sealed class BwfMediaInfoTests
{
    private static readonly PeerTool MediaInfoTool = new("mediainfo", "--Version", "mediainfo");

    public static TheoryData<int, ulong, double, double> Cases() => new()
    {
        // Sample rate, TimeReference, integrated loudness, true peak.
        { 48000, 172_800_000, -23.0, -1.0 },           // 01:00:00:00 at 25 fps
        { 96000, 8_294_304_000, -16.04, -0.5 },        // 23:59:59: both 32-bit words in use
        { 48000, 172_799_827, -24.37, -2.01 },         // 01:00:00;00 at 29.97 DF
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Write_Bext_MediaInfoReportsTheSameFields(int sampleRate, ulong timeReference, double loudness, double truePeak)
    {
        MediaInfoTool.Require();
        using var directory = new TempDirectory();
        var path = directory.File("bwf.wav");
        var bext = new BroadcastExtension
        {
            Description = "Harbour ambience, scene 12B take 3",
            Originator = "AudioPost.Sdk",
            OriginatorReference = "USID-AP-0001",
            TimeReference = timeReference,
            LoudnessValue = loudness,
            LoudnessRange = 7.25,
            MaxTruePeakLevel = truePeak,
            MaxMomentaryLoudness = -15.37,
            MaxShortTermLoudness = -18.5,
            CodingHistory = "A=PCM,F=48000,W=24,M=stereo,T=AudioPost.Sdk\r\n",
        }.WithOrigination(new DateTime(2026, 11, 24, 7, 15, 30));
        using (var writer = AudioFormatRegistry.Default.Create(
            path, new AudioSpec(sampleRate, ChannelLayout.Stereo), SampleFormat.Pcm24, null, new EncoderOptions { Metadata = new AudioMetadata { Broadcast = bext } }))
        {
            writer.Write(new ReadOnlyAudioBlock(new float[2 * 4800], 2, 4800));
        }

        var (general, audio) = MediaInfo(path);

        Assert.Equal(bext.Description, general.GetProperty("Description").GetString());
        Assert.Equal(bext.Originator, general.GetProperty("Producer").GetString());
        Assert.Equal(bext.OriginatorReference, general.GetProperty("extra").GetProperty("Producer_Reference").GetString());
        Assert.Equal("2026-11-24 07:15:30", general.GetProperty("Encoded_Date").GetString());
        Assert.Equal("A=PCM,F=48000,W=24,M=stereo,T=AudioPost.Sdk", general.GetProperty("Encoded_Library_Settings").GetString());
        Assert.Equal("2", general.GetProperty("extra").GetProperty("bext_Version").GetString());

        // MediaInfo reports TimeReference as a delay in seconds (TimeReference / sample rate).
        Assert.Equal("Container (bext)", audio.GetProperty("Delay_Source").GetString());
        var delay = decimal.Parse(audio.GetProperty("Delay").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(timeReference, (ulong)Math.Round(delay * sampleRate));

        var extra = audio.GetProperty("extra");
        Assert.Equal(Hundredths(loudness), extra.GetProperty("LoudnessValue").GetString());
        Assert.Equal("7.25", extra.GetProperty("LoudnessRange").GetString());
        Assert.Equal(Hundredths(truePeak), extra.GetProperty("MaxTruePeakLevel").GetString());
        Assert.Equal("-15.37", extra.GetProperty("MaxMomentaryLoudness").GetString());
        Assert.Equal("-18.50", extra.GetProperty("MaxShortTermLoudness").GetString());
    }

    private static string Hundredths(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    private static (JsonElement General, JsonElement Audio) MediaInfo(string path)
    {
        var tracks = JsonDocument.Parse(MediaInfoTool.RunText("--Output=JSON", path)).RootElement.GetProperty("media").GetProperty("track");
        JsonElement? general = null, audio = null;
        foreach (var track in tracks.EnumerateArray())
        {
            switch (track.GetProperty("@type").GetString())
            {
                case "General":
                    general = track;
                    break;
                case "Audio":
                    audio = track;
                    break;
            }
        }

        return (general ?? throw new InvalidOperationException("no General track"), audio ?? throw new InvalidOperationException("no Audio track"));
    }
}
