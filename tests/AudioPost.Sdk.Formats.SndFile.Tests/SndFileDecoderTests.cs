using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Tests.Formats.Wav;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Formats.SndFile.Tests;

/// <summary>Reading: files made by other tools, seeking, allocation, and what goes wrong.</summary>
public sealed class SndFileDecoderTests
{
    private static readonly AudioFormatRegistry Registry = new AudioFormatRegistryBuilder().AddSndFileFormats().Build();

    [Theory]
    [InlineData("16", 1)]
    [InlineData("16", 2)]
    [InlineData("24", 2)]
    [InlineData("24", 6)]
    public void OpenRead_FlacMadeBySox_MatchesFfmpegsDecodeExactly(string bits, int channels)
    {
        NativePeers.RequireSox();
        NativePeers.RequireFfmpeg();
        using var directory = new TempDirectory();
        var path = directory.File("sox.flac");
        NativePeers.Sox("-n", "-r", "44100", "-c", channels.ToString(System.Globalization.CultureInfo.InvariantCulture), "-b", bits, path,
            "synth", "0.5", "sine", "440", "vol", "0.9");

        using var reader = Registry.OpenRead(path);

        Assert.Same(SndFileFormat.Flac, reader.Info.Format);
        Assert.Equal(bits == "16" ? SampleFormat.Pcm16 : SampleFormat.Pcm24, reader.Info.SampleFormat);
        Assert.Equal(22050, reader.Info.Frames);
        Assert.Equal(NativePeers.FfmpegDecode(path), Audio.ReadAll(reader, blockFrames: 4096));
    }

    [Theory]
    [InlineData("flac")]
    [InlineData("ogg")]
    [InlineData("opus")]
    [InlineData("mp3")]
    public void Seek_ThenRead_MatchesTheSameFramesReadSequentially(string extension)
    {
        NativePeers.RequireLibSndFile();
        var rate = extension == "opus" ? 48000 : 44100;
        using var memory = Encode(extension, Audio.Sines(2, rate, rate), rate);
        using var reader = SndFileDecoder.Instance.Open(memory);
        var all = Audio.ReadAll(reader);
        var frame = reader.Info.Frames / 3;

        reader.Seek(frame);
        Assert.Equal(frame, reader.Position);
        var buffer = new float[2 * 500];
        Assert.Equal(500, reader.Read(new AudioBlock(buffer, 2, 500)));

        // FLAC is exact; the lossy decoders restart at a packet boundary and converge within a few hundred samples.
        var tolerance = extension == "flac" ? 0f : 0.02f;
        for (var i = 0; i < 500; i++)
        {
            Assert.Equal(all[(int)((frame + i) * 2)], buffer[i], tolerance);
            Assert.Equal(all[(int)((frame + i) * 2) + 1], buffer[500 + i], tolerance);
        }

        reader.Seek(reader.Info.Frames);
        Assert.Equal(0, reader.Read(new AudioBlock(buffer, 2, 500)));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Seek(reader.Info.Frames + 1));
    }

    [Theory]
    [InlineData("flac", 44100)]
    [InlineData("ogg", 44100)]
    [InlineData("opus", 48000)]
    [InlineData("mp3", 44100)]
    public void Read_AfterOpen_AllocatesNothing(string extension, int rate)
    {
        NativePeers.RequireLibSndFile();
        using var memory = Encode(extension, Audio.Sines(2, rate, rate), rate);
        using var reader = SndFileDecoder.Instance.Open(memory);
        var buffer = new float[2 * 256];

        AllocationAssert.NoAllocations(_ =>
        {
            if (reader.Read(new AudioBlock(buffer, 2, 256)) < 256)
            {
                reader.Seek(0);
            }
        }, iterations: 2000);
    }

    [Theory]
    [InlineData("fLaC")]
    [InlineData("OggS")]
    [InlineData("ID3")]
    [InlineData("")]
    public void Open_CorruptFile_ThrowsAudioFormatExceptionWithLibsndfilesReason(string magic)
    {
        NativePeers.RequireLibSndFile();
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        System.Text.Encoding.ASCII.GetBytes(magic).CopyTo(bytes, 0);

        var exception = Assert.Throws<AudioFormatException>(() => SndFileDecoder.Instance.Open(new MemoryStream(bytes)));
        Assert.Contains("libsndfile", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenRead_CorruptFileByPath_ExceptionNamesTheFile()
    {
        NativePeers.RequireLibSndFile();
        using var directory = new TempDirectory();
        var path = directory.File("broken.flac");
        File.WriteAllBytes(path, [.. "fLaC"u8, 0, 0, 0, 34, 1, 2, 3]);

        var exception = Assert.Throws<AudioFormatException>(() => Registry.OpenRead(path));
        Assert.Equal(path, exception.FilePath);
        Assert.StartsWith(path + ": ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StreamFailsMidway_ThrowsIOExceptionAndTheProcessSurvives()
    {
        NativePeers.RequireLibSndFile();
        using var memory = Encode("flac", Audio.Sines(2, 44100, 44100), 44100);
        var failing = new FailingStream(memory.ToArray());
        using var reader = SndFileDecoder.Instance.Open(failing);
        failing.Fail = true;

        var exception = Assert.Throws<IOException>(() => Audio.ReadAll(reader));
        Assert.Contains("injected", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_UnseekableStream_ThrowsArgumentExceptionAndDisposesIt()
    {
        var stream = new FailingStream([], canSeek: false);
        Assert.Throws<ArgumentException>(() => SndFileDecoder.Instance.Open(stream));
        Assert.Throws<ObjectDisposedException>(() => stream.ReadByte());
    }

    [Fact]
    public void Read_WrongChannelCount_ThrowsArgumentException()
    {
        NativePeers.RequireLibSndFile();
        using var memory = Encode("flac", Audio.Sines(2, 1000, 44100), 44100);
        using var reader = SndFileDecoder.Instance.Open(memory);
        Assert.Throws<ArgumentException>(() => reader.Read(new AudioBlock(new float[10], 1, 10)));
    }

    /// <summary>Encodes stereo sines with our encoder into a memory stream, rewound.</summary>
    internal static MemoryStream Encode(string extension, float[] interleaved, int rate)
    {
        Assert.True(Registry.TryGetFormatByExtension("x." + extension, out var format));
        var memory = new MemoryStream();
        using (var writer = Registry.GetEncoder(format).Create(
            memory, new AudioSpec(rate, ChannelLayout.Stereo), SampleFormat.Pcm16, new EncoderOptions { LeaveOpen = true }))
        {
            Audio.Write(writer, interleaved, 2);
        }

        memory.Position = 0;
        return memory;
    }

    /// <summary>A memory stream that throws on reads once told to.</summary>
    private sealed class FailingStream(byte[] bytes, bool canSeek = true) : MemoryStream(bytes)
    {
        public bool Fail { get; set; }

        public override bool CanSeek => canSeek && base.CanSeek;

        public override int Read(Span<byte> buffer) =>
            Fail ? throw new InvalidOperationException("injected failure") : base.Read(buffer);

        public override int Read(byte[] buffer, int offset, int count) =>
            Fail ? throw new InvalidOperationException("injected failure") : base.Read(buffer, offset, count);
    }
}
