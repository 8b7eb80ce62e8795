using System.Buffers.Binary;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Aiff;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Aiff;

/// <summary>
/// AIFF files left behind by writers that never finished, and what <see cref="DecoderOptions.RecoveryMode"/> gets back
/// from them: default reading trusts the header, recovery reads the audio that is there.
/// </summary>
public sealed class AiffRecoveryTests
{
    private static readonly DecoderOptions Recovery = new() { RecoveryMode = true };

    [Fact]
    public void Open_TruncatedCopy_DefaultIsTypedErrorRecoveryReadsWholeFrames()
    {
        var signal = TestSignals.Exact(SampleFormat.Pcm24, 2, 1000);
        var file = Write(signal, SampleFormat.Pcm24, 2);

        // Cut the file inside frame 600 (6 bytes per frame): SSND now claims more than the file holds.
        var header = file.Length - (1000 * 6);
        var truncated = file[..(header + (600 * 6) + 4)];

        var exception = Assert.Throws<AudioFormatException>(() => AiffDecoder.Instance.Open(new MemoryStream(truncated)));
        Assert.Contains("chunk 'SSND' claims", exception.Message, StringComparison.Ordinal);

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(truncated), Recovery);
        Assert.Equal(600, reader.Info.Frames);
        var samples = WavRoundTripTests.ReadAll(reader, 128);
        for (var c = 0; c < 2; c++)
        {
            Assert.Equal(signal.AsSpan(c * 1000, 600).ToArray(), samples.AsSpan(c * 600, 600).ToArray());
        }
    }

    [Fact]
    public void Open_KilledWriterWithFramesPastTheLastRefresh_DefaultStopsAtRefreshRecoveryGetsEverything()
    {
        const int Rate = 1000;
        var signal = TestSignals.Exact(SampleFormat.Pcm16, 2, 2500);
        using var directory = new TempDirectory();
        var path = directory.File("killed.aiff");

        // No FileStream buffer and a one-frame writer buffer: every frame written is on disk when the process "dies".
        var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        var encoder = new AiffEncoder(new AiffEncoderOptions { HeaderRefreshInterval = TimeSpan.FromSeconds(1) });
        var writer = encoder.Create(stream, new AudioSpec(Rate, ChannelLayout.Stereo), SampleFormat.Pcm16, new EncoderOptions { BufferSize = 1 });
        try
        {
            WavRoundTripTests.WriteInBlocks(writer, signal, 2, 100);

            // What a crash would leave: the bytes on disk now, with no Complete and no Dispose.
            var snapshot = directory.File("snapshot.aiff");
            using (var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            using (var copy = File.Create(snapshot))
            {
                source.CopyTo(copy);
            }

            using (var strict = AudioFormatRegistry.Default.OpenRead(snapshot))
            {
                Assert.Equal(2000, strict.Info.Frames);
            }

            using var recovered = AudioFormatRegistry.Default.OpenRead(snapshot, Recovery);
            Assert.Equal(2500, recovered.Info.Frames);
            Assert.Equal(signal, WavRoundTripTests.ReadAll(recovered, 333));
        }
        finally
        {
            writer.Dispose();
        }
    }

    [Fact]
    public void Open_KilledBeforeTheFirstRefresh_RecoveryReadsTheFramesBehindTheEmptyHeader()
    {
        var signal = TestSignals.Exact(SampleFormat.Float32, 1, 3000);
        using var stream = new MemoryStream();
        var encoder = new AiffEncoder(new AiffEncoderOptions { HeaderRefreshInterval = TimeSpan.Zero });
        var writer = encoder.Create(stream, new AudioSpec(48000, ChannelLayout.Mono), SampleFormat.Float32, new EncoderOptions { LeaveOpen = true, BufferSize = 4 });
        writer.Write(TestSignals.Block(signal, 1));
        var snapshot = stream.ToArray();

        using (var strict = AiffDecoder.Instance.Open(new MemoryStream(snapshot)))
        {
            Assert.Equal(0, strict.Info.Frames);
        }

        using var recovered = AiffDecoder.Instance.Open(new MemoryStream(snapshot), Recovery);
        Assert.Equal(3000, recovered.Info.Frames);
        Assert.Equal(signal, WavRoundTripTests.ReadAll(recovered, 500));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(uint.MaxValue)]
    [InlineData(4u)]
    [InlineData(30u)]
    public void Open_StaleFormSize_RecoveryReadsEveryChunk(uint formSize)
    {
        var data = Ramp(8);
        var file = AiffBytes.Form("AIFF", formSize, AiffBytes.Comm(frames: 8), AiffBytes.Ssnd(data));

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file), Recovery);

        Assert.Equal(8, reader.Info.Frames);
        Assert.Equal(Decode(data), WavRoundTripTests.ReadAll(reader, 3));
    }

    [Fact]
    public void Open_FormSizeTooSmall_DefaultFailsWithoutSsnd()
    {
        var file = AiffBytes.Form("AIFF", 30, AiffBytes.Comm(frames: 8), AiffBytes.Ssnd(Ramp(8)));

        var exception = Assert.Throws<AudioFormatException>(() => AiffDecoder.Instance.Open(new MemoryStream(file)));

        Assert.Contains("without an 'SSND' chunk", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_CommDeclaresZeroFramesWithAudioInSsnd_DefaultReadsNothingRecoveryReadsTheSsndFrames()
    {
        var data = Ramp(6);
        var file = AiffBytes.Aiff(AiffBytes.Comm(frames: 0), AiffBytes.Ssnd([.. data, 1, 2]));

        using (var strict = AiffDecoder.Instance.Open(new MemoryStream(file)))
        {
            Assert.Equal(0, strict.Info.Frames);
        }

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file), Recovery);
        Assert.Equal(6, reader.Info.Frames);
        Assert.Equal(Decode(data), WavRoundTripTests.ReadAll(reader, 4));
    }

    [Fact]
    public void Open_CommCountBelowSsndWithoutStaleSizes_RecoveryKeepsTheDeclaredCount()
    {
        // Frames beyond numSampleFrames inside a consistent SSND are padding, not lost audio.
        var file = AiffBytes.Aiff(AiffBytes.Comm(frames: 3), AiffBytes.Ssnd(Ramp(6)));

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file), Recovery);

        Assert.Equal(3, reader.Info.Frames);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Open_StreamedSsndWithFFFFFFFFSize_ReadsToTheEndInBothModes(bool recovery)
    {
        var data = Ramp(5);
        var file = AiffBytes.Form("AIFF", uint.MaxValue, AiffBytes.Comm(frames: 5), AiffBytes.Ssnd(data, statedSize: uint.MaxValue));

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file), new DecoderOptions { RecoveryMode = recovery });

        Assert.Equal(5, reader.Info.Frames);
        Assert.Equal(Decode(data), WavRoundTripTests.ReadAll(reader, 2));
    }

    [Fact]
    public void Open_SsndSizeZero_RecoveryReadsToTheEnd()
    {
        var data = Ramp(4);
        var file = AiffBytes.Aiff(AiffBytes.Comm(frames: 0), [.. AiffBytes.Chunk("SSND", [])[..8], 0, 0, 0, 0, 0, 0, 0, 0, .. data]);

        Assert.Throws<AudioFormatException>(() => AiffDecoder.Instance.Open(new MemoryStream(file)));

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file), Recovery);
        Assert.Equal(4, reader.Info.Frames);
        Assert.Equal(Decode(data), WavRoundTripTests.ReadAll(reader, 4));
    }

    [Fact]
    public void Open_PrintableChunkAfterSsnd_RecoveryKeepsItAChunk()
    {
        var file = AiffBytes.Aiff(AiffBytes.Comm(frames: 2), AiffBytes.Ssnd(Ramp(2)), AiffBytes.Chunk("ANNO", [.. "note"u8]));

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file), Recovery);

        Assert.Equal(2, reader.Info.Frames);
    }

    private static byte[] Write(float[] signal, SampleFormat format, int channels)
    {
        using var stream = new MemoryStream();
        using (var writer = new AiffEncoder().Create(stream, new AudioSpec(8000, ChannelLayout.FromChannelCount(channels)), format, new EncoderOptions { LeaveOpen = true }))
        {
            WavRoundTripTests.WriteInBlocks(writer, signal, channels, 256);
        }

        return stream.ToArray();
    }

    /// <summary>Big-endian 16-bit stereo frames whose first byte is never printable ASCII (negative samples).</summary>
    private static byte[] Ramp(int frames)
    {
        var data = new byte[frames * 4];
        for (var i = 0; i < frames * 2; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(data.AsSpan(i * 2), (short)(-20000 + (i * 100)));
        }

        return data;
    }

    /// <summary>What <see cref="Ramp"/> decodes to, planar.</summary>
    private static float[] Decode(byte[] data)
    {
        var frames = data.Length / 4;
        var planar = new float[frames * 2];
        for (var f = 0; f < frames; f++)
        {
            for (var c = 0; c < 2; c++)
            {
                planar[(c * frames) + f] = BinaryPrimitives.ReadInt16BigEndian(data.AsSpan(((f * 2) + c) * 2)) / 32768f;
            }
        }

        return planar;
    }
}
