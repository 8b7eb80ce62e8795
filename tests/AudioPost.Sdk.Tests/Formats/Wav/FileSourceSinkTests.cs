using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.Formats.Wav;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Formats.Wav;

/// <summary>The graph nodes over the format registry: FileSink records, FileSource plays back at timeline positions.</summary>
public sealed class FileSourceSinkTests
{
    private const int Rate = 48000;
    private const int Channels = 2;
    private const int Length = 10_000;

    [Fact]
    public void FileSinkThenFileSource_AtPositionsIncludingSeeksAndEdges_RendersExactly()
    {
        using var directory = new TempDirectory();
        var path = directory.File("render.wav");
        var signal = TestSignals.Exact(SampleFormat.Pcm24, Channels, Length);
        Record(path, signal, SampleFormat.Pcm24, blockFrames: 333);

        using var source = new FileSource(path);
        Assert.Equal(Channels, source.ChannelCount);
        Assert.Equal(Length, source.Length);
        Assert.Equal(SampleFormat.Pcm24, source.Info.SampleFormat);
        source.Prepare(new ProcessSpec(Rate, 512, Channels));

        using var buffer = new AudioBuffer(Channels, 512);
        long[] positions = [0, 512, 1024, 4000, 100, 100, -300, -512, Length - 200, Length, Length + 5000, -1_000_000, long.MinValue + 1, long.MaxValue - 512, 0];
        foreach (var position in positions)
        {
            foreach (var frames in new[] { 512, 17 })
            {
                var block = buffer.GetBlock(frames);
                block.GetChannel(0).Fill(float.NaN);
                block.GetChannel(1).Fill(float.NaN);
                source.Read(block, new ProcessContext(0, position, Rate, isOffline: true));
                for (var c = 0; c < Channels; c++)
                {
                    var samples = block.GetChannel(c);
                    for (var i = 0; i < frames; i++)
                    {
                        var t = position + i;
                        var expected = t >= 0 && t < Length ? signal[(c * Length) + t] : 0f;
                        Assert.True(expected == samples[i], $"position {position}, frame {i}, channel {c}: expected {expected}, got {samples[i]}");
                    }
                }
            }
        }
    }

    [Fact]
    public void FileSink_WithMetadata_WritesBroadcastWave()
    {
        using var directory = new TempDirectory();
        var path = directory.File("scene.wav");
        var metadata = new AudioMetadata
        {
            Broadcast = new BroadcastExtension { Description = "scene at 01:00:00:00", TimeReference = 172_800_000 },
            IXml = IXmlMetadata.Create().WithTimecodeRate(25, 1, dropFrame: false),
        };
        using (var sink = new FileSink(path) { Metadata = metadata })
        {
            sink.Prepare(new ProcessSpec(Rate, 256, 2));
            sink.Write(new ReadOnlyAudioBlock(new float[512], 2, 256), new ProcessContext(0, 0, Rate, isOffline: true));
            sink.Complete();
        }

        using var reader = AudioFormatRegistry.Default.OpenRead(path);
        Assert.Equal(metadata.Broadcast, reader.Info.Metadata.Broadcast);
        Assert.Equal("25/1", reader.Info.Metadata.IXml?.TimecodeRate);
        Assert.Equal(256, reader.Info.Frames);
    }

    [Fact]
    public void FileSink_Float32AndExtensionDetection_RecordsExactSamples()
    {
        using var directory = new TempDirectory();
        var path = directory.File("take.WAV");
        var signal = TestSignals.Exact(SampleFormat.Float32, 6, 2000);
        using (var sink = new FileSink(path, SampleFormat.Float32))
        {
            Assert.Same(WavFormat.Instance, sink.FileFormat);
            sink.Prepare(new ProcessSpec(Rate, 256, 6));
            var block = TestSignals.Block(signal, 6);
            for (var done = 0; done < 2000; done += 256)
            {
                sink.Write(block.Slice(done, Math.Min(256, 2000 - done)), new ProcessContext(done, done, Rate, isOffline: true));
            }

            Assert.Equal(2000, sink.FramesWritten);
            sink.Complete();
            sink.Complete();
        }

        using var reader = AudioFormatRegistry.Default.OpenRead(path);
        Assert.Equal(ChannelLayout.Surround51, reader.Info.ChannelLayout);
        Assert.Equal(signal, WavRoundTripTests.ReadAll(reader, 300));
    }

    [Fact]
    public void FileSink_UnknownExtension_WritesWav()
    {
        using var directory = new TempDirectory();
        var path = directory.File("take.raw-audio");
        var sink = new FileSink(path);

        Assert.Same(WavFormat.Instance, sink.FileFormat);
        Assert.Equal(SampleFormat.Pcm24, sink.SampleFormat);
        sink.Complete();
        sink.Dispose();
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void FileSource_PrepareWithOtherRateOrChannels_Throws()
    {
        using var directory = new TempDirectory();
        var path = directory.File("short.wav");
        Record(path, TestSignals.Exact(SampleFormat.Pcm16, Channels, 100), SampleFormat.Pcm16, 100);
        using var source = new FileSource(path);

        Assert.Throws<ArgumentException>(() => source.Prepare(new ProcessSpec(44100, 64, Channels)));
        Assert.Throws<ArgumentException>(() => source.Prepare(new ProcessSpec(Rate, 64, 1)));
    }

    [Fact]
    public void FileSource_Read_AllocatesNothingOver10000Blocks()
    {
        using var directory = new TempDirectory();
        var path = directory.File("loop.wav");
        Record(path, TestSignals.Exact(SampleFormat.Pcm24, Channels, Rate), SampleFormat.Pcm24, 4096);
        using var source = new FileSource(path);
        source.Prepare(new ProcessSpec(Rate, 256, Channels));
        using var buffer = new AudioBuffer(Channels, 256);

        // Positions wrap past the end, so the loop also seeks backwards and reads across the end into silence.
        AllocationAssert.NoAllocations(
            i => source.Read(buffer.Block, new ProcessContext(i * 256L, ((i * 256L) % (Rate + 1000)) - 500, Rate, isOffline: true)),
            iterations: 10_000);
    }

    [Fact]
    public void FileSink_Write_AllocatesNothingOver10000Blocks()
    {
        using var directory = new TempDirectory();
        var path = directory.File("long.wav");
        using var sink = new FileSink(path, SampleFormat.Pcm24);
        sink.Prepare(new ProcessSpec(Rate, 256, Channels));
        using var buffer = new AudioBuffer(Channels, 256);
        buffer.GetChannel(0).Fill(0.25f);
        buffer.GetChannel(1).Fill(-0.25f);

        // 10,000 blocks of 256 frames is over 50 s at 48 kHz: dozens of header refreshes fall inside the measurement.
        AllocationAssert.NoAllocations(
            i => sink.Write(buffer.Block, new ProcessContext(i * 256L, i * 256L, Rate, isOffline: true)),
            iterations: 10_000);

        sink.Complete();
        using var reader = AudioFormatRegistry.Default.OpenRead(path);
        Assert.Equal(10_200 * 256, reader.Info.Frames);
    }

    [Fact]
    public void FileReader_ReadAndSeek_AllocateNothingOnAMemoryStream()
    {
        var bytes = WavEncoderTests.WriteFile(SampleFormat.Float32, ChannelLayout.Stereo, 4096);
        using var reader = WavDecoder.Instance.Open(new MemoryStream(bytes));
        var scratch = new float[2 * 128];

        AllocationAssert.NoAllocations(
            i =>
            {
                if (reader.Read(new AudioBlock(scratch, 2, 128)) < 128)
                {
                    reader.Seek(i % 7);
                }
            },
            iterations: 10_000);
    }

    private static void Record(string path, float[] planar, SampleFormat format, int blockFrames)
    {
        var frames = planar.Length / Channels;
        using var sink = new FileSink(path, format);
        sink.Prepare(new ProcessSpec(Rate, blockFrames, Channels));
        var block = TestSignals.Block(planar, Channels);
        for (var done = 0; done < frames; done += blockFrames)
        {
            var count = Math.Min(blockFrames, frames - done);
            sink.Write(block.Slice(done, count), new ProcessContext(done, done, Rate, isOffline: true));
        }

        sink.Complete();
    }
}
