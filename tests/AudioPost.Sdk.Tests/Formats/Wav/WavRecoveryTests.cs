using System.Buffers.Binary;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Wav;

/// <summary>
/// Files left behind by writers that never finished: killed after some header refreshes, killed before the first
/// one, or streaming writers that never patch sizes. Default reading trusts the header; recovery mode gets the audio.
/// </summary>
public sealed class WavRecoveryTests
{
    private static readonly DecoderOptions Recovery = new() { RecoveryMode = true };

    [Fact]
    public void Read_KilledWriterWithFramesPastTheLastRefresh_DefaultStopsAtRefreshRecoveryGetsEverything()
    {
        const int Rate = 1000;
        var signal = TestSignals.Exact(SampleFormat.Pcm16, 2, 2500);
        using var stream = new MemoryStream();
        var encoder = new WavEncoder(new WavEncoderOptions { HeaderRefreshInterval = TimeSpan.FromSeconds(1) });
        var writer = encoder.Create(stream, new AudioSpec(Rate, ChannelLayout.Stereo), SampleFormat.Pcm16, new EncoderOptions { LeaveOpen = true, BufferSize = 400 });
        WavRoundTripTests.WriteInBlocks(writer, signal, 2, 100);

        // The process dies here: 2000 frames covered by the last refresh, 2500 minus what the writer still buffers on disk.
        var snapshot = stream.ToArray();
        var onDisk = (snapshot.Length - HeaderSize(snapshot)) / 4;
        Assert.True(onDisk > 2000, $"only {onDisk} frames reached the stream");

        using (var strict = WavDecoder.Instance.Open(new MemoryStream(snapshot)))
        {
            Assert.Equal(2000, strict.Info.Frames);
        }

        using var recovered = WavDecoder.Instance.Open(new MemoryStream(snapshot), Recovery);
        Assert.Equal(onDisk, recovered.Info.Frames);
        var samples = WavRoundTripTests.ReadAll(recovered, 128);
        for (var c = 0; c < 2; c++)
        {
            Assert.Equal(signal.AsSpan(c * 2500, onDisk).ToArray(), samples.AsSpan(c * onDisk, onDisk).ToArray());
        }
    }

    [Fact]
    public void Read_KilledBeforeTheFirstRefresh_RecoveryReadsTheFramesBehindAZeroSize()
    {
        var signal = TestSignals.Exact(SampleFormat.Float32, 1, 3000);
        using var stream = new MemoryStream();
        var encoder = new WavEncoder(new WavEncoderOptions { HeaderRefreshInterval = TimeSpan.Zero });
        var writer = encoder.Create(stream, new AudioSpec(48000, ChannelLayout.Mono), SampleFormat.Float32, new EncoderOptions { LeaveOpen = true, BufferSize = 1024 });
        writer.Write(TestSignals.Block(signal, 1));
        var snapshot = stream.ToArray();

        using (var strict = WavDecoder.Instance.Open(new MemoryStream(snapshot)))
        {
            Assert.Equal(0, strict.Info.Frames);
        }

        using var recovered = WavDecoder.Instance.Open(new MemoryStream(snapshot), Recovery);
        var onDisk = (int)recovered.Info.Frames;
        Assert.True(onDisk >= 2816, $"recovered {onDisk} frames");
        Assert.Equal(signal.AsSpan(0, onDisk).ToArray(), WavRoundTripTests.ReadAll(recovered, 500));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_StreamedFileWithFFFFFFFFSizes_ReadsToTheEndInBothModes(bool recovery)
    {
        var file = WavBytes.Riff(uint.MaxValue, WavBytes.Fmt(), WavBytes.Data(4000, statedSize: uint.MaxValue));

        using var reader = WavDecoder.Instance.Open(new MemoryStream(file), new DecoderOptions { RecoveryMode = recovery });

        Assert.Equal(1000, reader.Info.Frames);
    }

    [Fact]
    public void Read_TruncatedCopy_DefaultIsTypedErrorRecoveryReadsWholeFrames()
    {
        var file = WavBytes.Wav(WavBytes.Fmt(), WavBytes.Data(1002, statedSize: 4000));

        var exception = Assert.Throws<AudioFormatException>(() => WavDecoder.Instance.Open(new MemoryStream(file)));
        Assert.Equal(36, exception.Offset);

        using var reader = WavDecoder.Instance.Open(new MemoryStream(file), Recovery);
        Assert.Equal(250, reader.Info.Frames);
    }

    [Fact]
    public void Read_DataFollowedByARealChunk_RecoveryTrustsTheSize()
    {
        var file = WavBytes.Wav(WavBytes.Fmt(), WavBytes.Data(400), WavBytes.Chunk("LIST", [.. "INFO"u8, 0, 0]));

        using var reader = WavDecoder.Instance.Open(new MemoryStream(file), Recovery);

        Assert.Equal(100, reader.Info.Frames);
    }

    [Fact]
    public void Read_EmptyDataFollowedByARealChunk_RecoveryKeepsItEmpty()
    {
        var file = WavBytes.Wav(WavBytes.Fmt(), WavBytes.Data(0), WavBytes.Chunk("JUNK", new byte[64]));

        using var reader = WavDecoder.Instance.Open(new MemoryStream(file), Recovery);

        Assert.Equal(0, reader.Info.Frames);
    }

    private static int HeaderSize(byte[] file)
    {
        var at = 12;
        while (System.Text.Encoding.ASCII.GetString(file, at, 4) != "data")
        {
            at += 8 + (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 4));
        }

        return at + 8;
    }
}
