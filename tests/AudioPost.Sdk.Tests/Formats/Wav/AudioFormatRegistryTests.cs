using System.Diagnostics.CodeAnalysis;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Aiff;
using AudioPost.Sdk.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Wav;

public sealed class AudioFormatRegistryTests
{
    [Fact]
    public void Default_HasWavAndAiffWithEncoders()
    {
        var registry = AudioFormatRegistry.Default;

        Assert.Equal([WavFormat.Instance, AiffFormat.Instance], registry.Formats);
        Assert.IsType<AiffEncoder>(registry.GetEncoder(AiffFormat.Instance));
        Assert.Same(AiffDecoder.Instance, registry.GetDecoder(AiffFormat.Instance));
        Assert.IsType<WavEncoder>(registry.GetEncoder(WavFormat.Instance));
        Assert.Same(WavDecoder.Instance, registry.GetDecoder(WavFormat.Instance));
        Assert.Equal(12, registry.MaxHeaderSize);
    }

    [Fact]
    public void TryDetect_HeaderBeatsExtension()
    {
        var registry = new AudioFormatRegistryBuilder()
            .AddModule(new WavModule())
            .AddFormat(FakeFormat.Instance, WavDecoder.Instance, null, new FakeDetector())
            .Build();

        Assert.True(registry.TryDetect(WavBytes.Minimal(), "take.fake", out var byHeader));
        Assert.Same(WavFormat.Instance, byHeader);

        Assert.True(registry.TryDetect("FAKE...."u8, "take.wav", out var byOtherHeader));
        Assert.Same(FakeFormat.Instance, byOtherHeader);
    }

    [Fact]
    public void TryDetect_UnknownHeader_FallsBackToExtensionCaseInsensitively()
    {
        Assert.True(AudioFormatRegistry.Default.TryDetect("????"u8, "/some/dir/Take.WAVE", out var format));
        Assert.Same(WavFormat.Instance, format);

        Assert.False(AudioFormatRegistry.Default.TryDetect("????"u8, "take.mp3", out _));
        Assert.False(AudioFormatRegistry.Default.TryDetect("????"u8, null, out _));
    }

    [Fact]
    public void Detect_Stream_RestoresPosition()
    {
        var stream = new MemoryStream(WavBytes.Minimal());

        Assert.Same(WavFormat.Instance, AudioFormatRegistry.Default.Detect(stream));
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public void GetEncoder_ReadOnlyOrUnregisteredFormat_ThrowsNotSupported()
    {
        var registry = new AudioFormatRegistryBuilder()
            .AddFormat(FakeFormat.Instance, WavDecoder.Instance, null, new FakeDetector())
            .Build();

        Assert.False(registry.TryGetEncoder(FakeFormat.Instance, out _));
        Assert.Throws<NotSupportedException>(() => registry.GetEncoder(FakeFormat.Instance));
        Assert.Throws<NotSupportedException>(() => registry.GetDecoder(WavFormat.Instance));
    }

    [Fact]
    public void ToBuilder_AddingAFormatAgain_ReplacesItWithoutTouchingTheOriginal()
    {
        var options = new WavEncoderOptions { HeaderRefreshInterval = TimeSpan.FromSeconds(5) };
        var custom = AudioFormatRegistry.Default.ToBuilder().AddModule(new WavModule(options)).Build();

        Assert.Equal(AudioFormatRegistry.Default.Formats, custom.Formats);
        Assert.Same(options, Assert.IsType<WavEncoder>(custom.GetEncoder(WavFormat.Instance)).Options);
        Assert.Same(WavEncoderOptions.Default, Assert.IsType<WavEncoder>(AudioFormatRegistry.Default.GetEncoder(WavFormat.Instance)).Options);
    }

    [Fact]
    public void OpenRead_MissingFile_ThrowsFileNotFound()
    {
        using var directory = new TempDirectory();

        Assert.Throws<FileNotFoundException>(() => AudioFormatRegistry.Default.OpenRead(directory.File("missing.wav")));
    }

    [Fact]
    public void Create_Path_WritesAFileTheRegistryReadsBack()
    {
        using var directory = new TempDirectory();
        var path = directory.File("x.wav");
        using (var writer = AudioFormatRegistry.Default.Create(path, new AudioSpec(96000, ChannelLayout.Mono), SampleFormat.Pcm16))
        {
            writer.Write(new ReadOnlyAudioBlock(new float[10], 1, 10));
        }

        using var reader = AudioFormatRegistry.Default.OpenRead(path);
        Assert.Equal(96000, reader.Info.SampleRate);
        Assert.Equal(10, reader.Info.Frames);
    }

    [Fact]
    public void AudioFileInfo_Properties_DeriveFromFramesAndRate()
    {
        var info = new AudioFileInfo(WavFormat.Instance, SampleFormat.Pcm24, 48000, ChannelLayout.Surround51, 72000);

        Assert.Equal(6, info.ChannelCount);
        Assert.Equal(1.5, info.DurationSeconds);
        Assert.Equal(TimeSpan.FromSeconds(1.5), info.Duration);
        Assert.Equal(new AudioSpec(48000, ChannelLayout.Surround51), info.Spec);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AudioFileInfo(WavFormat.Instance, SampleFormat.Pcm24, 0, ChannelLayout.Mono, 0));
    }

    private sealed class FakeFormat : IAudioFileFormat
    {
        public static readonly FakeFormat Instance = new();

        public string Name => "fake";

        public IReadOnlyList<string> FileExtensions { get; } = ["fake"];

        public IReadOnlyList<string> MimeTypes { get; } = [];
    }

    private sealed class FakeDetector : IAudioFormatDetector
    {
        public int HeaderSize => 4;

        public bool TryDetectFormat(ReadOnlySpan<byte> header, [NotNullWhen(true)] out IAudioFileFormat? format)
        {
            format = header.StartsWith("FAKE"u8) ? FakeFormat.Instance : null;
            return format is not null;
        }
    }
}
