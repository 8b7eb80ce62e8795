using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Formats.SndFile.Tests;

/// <summary>Writing: what each codec refuses, the options, and the writer's lifecycle.</summary>
public sealed class SndFileEncoderTests
{
    [Theory]
    [InlineData(44100)]
    [InlineData(96000)]
    public void Create_OpusAtARateOpusDoesNotRun_ThrowsNotSupportedNamingTheRates(int rate)
    {
        NativePeers.RequireLibSndFile();
        var exception = Assert.Throws<NotSupportedException>(
            () => new SndFileEncoder(SndFileFormat.Opus).Create(new MemoryStream(), new AudioSpec(rate, ChannelLayout.Stereo), SampleFormat.Float32));
        Assert.Contains("48000", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SampleFormat.Pcm32)]
    [InlineData(SampleFormat.Float32)]
    [InlineData(SampleFormat.Float64)]
    public void Create_FlacWithoutAnIntegerDepthItStores_ThrowsNotSupported(SampleFormat format)
    {
        var stream = new MemoryStream();
        Assert.Throws<NotSupportedException>(
            () => new SndFileEncoder(SndFileFormat.Flac).Create(stream, new AudioSpec(44100, ChannelLayout.Stereo), format));
        Assert.False(stream.CanWrite);
    }

    [Fact]
    public void Create_Mp3WithSixChannels_ThrowsNotSupported() =>
        Assert.Throws<NotSupportedException>(
            () => new SndFileEncoder(SndFileFormat.Mp3).Create(new MemoryStream(), new AudioSpec(44100, ChannelLayout.Surround51), SampleFormat.Pcm16));

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void CompressionLevel_OutOfRange_Throws(double level) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SndFileEncoderOptions { CompressionLevel = level });

    [Fact]
    public void Create_Mp3_IsWritableWithThisLibsndfile()
    {
        NativePeers.RequireLibSndFile();
        try
        {
            using var memory = SndFileDecoderTests.Encode("mp3", Audio.Sines(2, 4410, 44100), 44100);
            Assert.True(memory.Length > 0);
        }
        catch (NotSupportedException exception)
        {
            // Only a libsndfile built without LAME gets here; the message must say so.
            Assert.Contains("LAME", exception.Message, StringComparison.Ordinal);
            Assert.Skip("This libsndfile cannot write MP3: " + exception.Message);
        }
    }

    [Theory]
    [InlineData("ogg", null)]
    [InlineData("opus", null)]
    [InlineData("mp3", null)]
    [InlineData("mp3", SndFileBitrateMode.Constant)]
    [InlineData("mp3", SndFileBitrateMode.Average)]
    [InlineData("mp3", SndFileBitrateMode.Variable)]
    [InlineData("flac", null)]
    public void Create_CompressionLevel_LevelZeroMakesLargerFilesThanLevelOne(string extension, SndFileBitrateMode? mode)
    {
        NativePeers.RequireLibSndFile();
        Assert.True(new AudioFormatRegistryBuilder().AddSndFileFormats().Build().TryGetFormatByExtension("x." + extension, out var found));
        var format = (SndFileFormat)found;
        var rate = format == SndFileFormat.Opus ? 48000 : 44100;
        var source = Audio.Sines(2, rate, rate);
        long Size(double level)
        {
            using var memory = new MemoryStream();
            var options = new SndFileEncoderOptions { CompressionLevel = level, BitrateMode = mode };
            using (var writer = new SndFileEncoder(format, options).Create(
                memory, new AudioSpec(rate, ChannelLayout.Stereo), SampleFormat.Pcm16, new EncoderOptions { LeaveOpen = true }))
            {
                Audio.Write(writer, source, 2);
            }

            return memory.Length;
        }

        var (best, smallest) = (Size(0), Size(1));
        Assert.True(best > smallest, $"level 0 gave {best} bytes, level 1 gave {smallest}");
    }

    [Theory]
    [InlineData("opus")]
    [InlineData("ogg")]
    [InlineData("flac")]
    public void Create_BitrateModeForAFormatOtherThanMp3_ThrowsNotSupported(string extension)
    {
        Assert.True(new AudioFormatRegistryBuilder().AddSndFileFormats().Build().TryGetFormatByExtension("x." + extension, out var format));
        Assert.Throws<NotSupportedException>(
            () => new SndFileEncoder((SndFileFormat)format, new SndFileEncoderOptions { BitrateMode = SndFileBitrateMode.Constant })
                .Create(new MemoryStream(), new AudioSpec(48000, ChannelLayout.Stereo), SampleFormat.Pcm16));
    }

    [Fact]
    public void Write_AfterComplete_Throws_AndDisposeIsIdempotent()
    {
        NativePeers.RequireLibSndFile();
        var writer = new SndFileEncoder(SndFileFormat.OggVorbis).Create(
            new MemoryStream(), new AudioSpec(44100, ChannelLayout.Mono), SampleFormat.Float32);
        writer.Write(new ReadOnlyAudioBlock(new float[100], 1, 100));
        writer.Complete();
        writer.Complete();

        Assert.Throws<InvalidOperationException>(() => writer.Write(new ReadOnlyAudioBlock(new float[100], 1, 100)));
        writer.Dispose();
        writer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => writer.Flush());
    }

    [Fact]
    public void Write_AfterOpen_AllocatesNothing()
    {
        NativePeers.RequireLibSndFile();
        // Room for everything up front: a growing MemoryStream allocates, the writer itself must not.
        using var writer = new SndFileEncoder(SndFileFormat.Flac).Create(
            new MemoryStream(16 * 1024 * 1024), new AudioSpec(44100, ChannelLayout.Stereo), SampleFormat.Pcm16);
        var samples = Audio.ExactNoise(16, 2, 256);

        AllocationAssert.NoAllocations(_ => writer.Write(new ReadOnlyAudioBlock(samples, 2, 256)), iterations: 2000);
    }

    [Theory]
    [InlineData("flac")]
    [InlineData("ogg")]
    [InlineData("mp3")]
    public void Write_StreamFails_ThrowsIOExceptionAndTheProcessSurvives(string extension)
    {
        NativePeers.RequireLibSndFile();
        Assert.True(new AudioFormatRegistryBuilder().AddSndFileFormats().Build().TryGetFormatByExtension("x." + extension, out var format));
        var stream = new FullStream(capacity: 2000);
        var writer = new SndFileEncoder((SndFileFormat)format).Create(stream, new AudioSpec(44100, ChannelLayout.Stereo), SampleFormat.Pcm16);

        // Codecs buffer, so the failure may surface in Write or only when the file is finished.
        var exception = Assert.Throws<IOException>(() =>
        {
            Audio.Write(writer, Audio.ExactNoise(16, 2, 44100), 2);
            writer.Complete();
        });
        Assert.Contains("disk full", exception.Message, StringComparison.Ordinal);

        // When Write failed, disposing finishes the file, which hits the full disk again; either way it releases everything.
        var onDispose = Record.Exception(writer.Dispose);
        Assert.True(onDispose is null or IOException, $"unexpected {onDispose}");
        writer.Dispose();
    }

    [Fact]
    public void Library_Version_IsLibsndfiles()
    {
        NativePeers.RequireLibSndFile();
        Assert.StartsWith("libsndfile-1.", SndFileLibrary.Version, StringComparison.Ordinal);
    }

    /// <summary>A memory stream that refuses to grow past a capacity, like a full disk.</summary>
    private sealed class FullStream(int capacity) : MemoryStream
    {
        // MemoryStream routes span writes of derived types through this overload.
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Position + count > capacity)
            {
                throw new IOException("disk full");
            }

            base.Write(buffer, offset, count);
        }
    }
}
