using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Formats.SndFile.Tests;

/// <summary>
/// Lossy files made by ffmpeg read by us, and lossy files made by us read by ffmpeg. Lossy decoders legitimately
/// differ in how much encoder delay and padding they strip, so lengths are compared within
/// <see cref="LengthToleranceFrames"/> and samples after aligning the best lag within that range; the bounds are
/// relative RMS errors (error energy over signal energy, as an amplitude ratio).
/// </summary>
public sealed class LossyInteropTests
{
    /// <summary>One MP3 granule (1152) plus the LAME/Opus/Vorbis delays (at most 576 + 529, 312, 0): generous but
    /// still far below the 1 s test signal, so a wrong length is caught.</summary>
    private const int LengthToleranceFrames = 2304;

    private const int Seconds = 1;

    public static TheoryData<string, string, string[], int, double> FfmpegMadeFiles() => new()
    {
        // Two decoders of the same file agree far closer than either agrees with the source: libsndfile 1.2 and
        // ffmpeg 5.1 (same libvorbis/libopus/mpg123-class decoders) measure below 1e-5 at lag 0.
        { "vorbis.ogg", "ogg-vorbis", ["-c:a", "libvorbis", "-q:a", "5"], 44100, 1e-3 },
        { "vorbis.oga", "ogg-vorbis", ["-c:a", "libvorbis", "-q:a", "5"], 48000, 1e-3 },
        { "opus.opus", "opus", ["-c:a", "libopus", "-b:a", "128k"], 48000, 1e-3 },
        { "mp3.mp3", "mp3", ["-c:a", "libmp3lame", "-b:a", "192k"], 44100, 1e-3 },
        { "mp3-no-id3.mp3", "mp3", ["-c:a", "libmp3lame", "-b:a", "128k", "-id3v2_version", "0", "-write_xing", "0"], 44100, 1e-3 },
    };

    // Against the source signal, at default quality: measured 0.004 to 0.011.
    public static TheoryData<string, int, int, double> OurFiles() => new()
    {
        { "ogg", 44100, 1, 0.05 },
        { "ogg", 48000, 2, 0.05 },
        { "opus", 48000, 1, 0.05 },
        { "opus", 48000, 2, 0.05 },
        { "mp3", 44100, 2, 0.05 },
        { "mp3", 22050, 1, 0.05 },
    };

    [Theory]
    [MemberData(nameof(FfmpegMadeFiles))]
    public void OpenRead_FileMadeByFfmpeg_AgreesWithFfmpegsDecode(string name, string formatName, string[] codec, int rate, double bound)
    {
        NativePeers.RequireFfmpeg();
        using var directory = new TempDirectory();
        var path = directory.File(name);
        string[] arguments =
        [
            "-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"sine=frequency=440:sample_rate={rate}:duration={Seconds}"),
            "-ac", "2", .. codec, path,
        ];
        NativePeers.Ffmpeg(arguments);

        var registry = new AudioFormatRegistryBuilder().AddSndFileFormats().Build();
        using var reader = registry.OpenRead(path);
        var ours = Audio.ReadAll(reader);
        var reference = NativePeers.FfmpegDecode(path);

        Assert.Equal(formatName, reader.Info.Format.Name);
        Assert.Equal(SampleFormat.Float32, reader.Info.SampleFormat);
        Assert.Equal(2, reader.Info.ChannelCount);
        Assert.Equal(rate, reader.Info.SampleRate);
        // Without a Xing/LAME header the MP3 length is libsndfile's estimate, and decoding may end a little short of it.
        Assert.InRange(ours.Length / 2, reader.Info.Frames - LengthToleranceFrames, reader.Info.Frames);
        Assert.InRange(reader.Info.Frames, (rate * Seconds) - LengthToleranceFrames, (rate * Seconds) + LengthToleranceFrames);
        Assert.InRange(ours.Length / 2, (reference.Length / 2) - LengthToleranceFrames, (reference.Length / 2) + LengthToleranceFrames);
        var (error, lag) = Audio.AlignedRelativeError(reference, ours, 2, LengthToleranceFrames);
        Assert.True(error < bound, $"relative RMS error {error:F5} at lag {lag} exceeds {bound}");
        Assert.Equal(0, lag);
    }

    [Theory]
    [InlineData("ogg")]
    [InlineData("opus")]
    public void Create_Surround51_IsStoredInVorbisOrderSoFfmpegMapsItBack(string extension)
    {
        NativePeers.RequireFfmpeg();
        using var directory = new TempDirectory();
        var path = directory.File("surround." + extension);
        const int Rate = 48000;
        var source = Audio.Sines(6, Rate, Rate, lfeChannel: ChannelLayout.Surround51.IndexOf(ChannelRole.LowFrequency));
        var registry = new AudioFormatRegistryBuilder().AddSndFileFormats().Build();
        using (var writer = registry.Create(path, new AudioSpec(Rate, ChannelLayout.Surround51), SampleFormat.Float32))
        {
            Audio.Write(writer, source, 6);
        }

        // ffmpeg decodes Vorbis/Opus 5.1 into WAVE order (L R C LFE Ls Rs), the order we wrote in. Measured about
        // 0.08 (six channels share the default bitrate); misplaced channels give more than 1.
        var (error, lag) = Audio.AlignedRelativeError(source, NativePeers.FfmpegDecode(path), 6, LengthToleranceFrames);
        Assert.True(error < 0.2, $"relative RMS error {error:F5} at lag {lag}: channels misplaced?");

        using var reader = registry.OpenRead(path);
        Assert.Equal(
            [ChannelRole.FrontLeft, ChannelRole.FrontCenter, ChannelRole.FrontRight, ChannelRole.SideLeft, ChannelRole.SideRight, ChannelRole.LowFrequency],
            reader.Info.ChannelLayout.Roles.ToArray());
    }

    [Theory]
    [MemberData(nameof(OurFiles))]
    public void Create_FileDecodedByFfmpeg_HasTheDurationAndResemblesTheSource(string extension, int rate, int channels, double bound)
    {
        NativePeers.RequireFfmpeg();
        using var directory = new TempDirectory();
        var path = directory.File("ours." + extension);
        var frames = rate * Seconds;
        var source = Audio.Sines(channels, frames, rate);
        var registry = new AudioFormatRegistryBuilder().AddSndFileFormats().Build();
        using (var writer = registry.Create(path, new AudioSpec(rate, ChannelLayout.FromChannelCount(channels)), SampleFormat.Float32))
        {
            Audio.Write(writer, source, channels);
        }

        var decoded = NativePeers.FfmpegDecode(path);

        Assert.InRange(decoded.Length / channels, frames - LengthToleranceFrames, frames + LengthToleranceFrames);
        var (error, lag) = Audio.AlignedRelativeError(source, decoded, channels, LengthToleranceFrames);
        Assert.True(error < bound, $"relative RMS error {error:F5} at lag {lag} exceeds {bound}");
    }
}
