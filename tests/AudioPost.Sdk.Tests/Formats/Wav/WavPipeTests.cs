using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.Formats.Wav;
using AudioPost.Sdk.Tests.Formats.Interop;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Formats.Wav;

public sealed class WavPipeTests
{
    private const int Frames = 2000;

    // 64-byte segments: headers, chunks and frames (up to 48 bytes for 5.1 double) straddle segment boundaries.
    private static readonly PipeOptions SmallSegments = new(minimumSegmentSize: 64, useSynchronizationContext: false);

    // Never pauses its writer: a whole file is written before anything reads it.
    private static readonly PipeOptions Unbounded = new(pauseWriterThreshold: 0, useSynchronizationContext: false);

    public static TheoryData<SampleFormat, int, bool> FormatsChannelsAndSizing()
    {
        var data = new TheoryData<SampleFormat, int, bool>();
        foreach (var format in Enum.GetValues<SampleFormat>())
        {
            foreach (var channels in new[] { 1, 2, 6 })
            {
                data.Add(format, channels, false);
                data.Add(format, channels, true);
            }
        }

        return data;
    }

    public static TheoryData<string, byte[], long, string> MalformedFiles() => WavMalformedInputTests.MalformedFiles();

    [Theory]
    [MemberData(nameof(FormatsChannelsAndSizing))]
    public async Task RoundTrip_EveryFormatAndChannelCountThroughSmallSegments_ReturnsEverySampleExactly(SampleFormat format, int channels, bool sized)
    {
        var ct = TestContext.Current.CancellationToken;
        var signal = TestSignals.Exact(format, channels, Frames);
        var layout = ChannelLayout.FromChannelCount(channels);
        var encoded = new Pipe(SmallSegments);
        var relayed = new Pipe(SmallSegments);
        var copy = new MemoryStream();

        // Small flushes on the writer, odd-sized writes into the reader's pipe.
        var producer = Task.Run(
            async () =>
            {
                var options = new EncoderOptions { BufferSize = 100 };
                await using var writer = WavPipeWriter.Create(encoded.Writer, new AudioSpec(44100, layout), format, options, sized ? Frames : (long?)null);
                await WriteAllAsync(writer, signal, channels, blockFrames: 333, ct);
            },
            ct);
        var relay = Task.Run(() => RelayInOddChunksAsync(encoded.Reader, relayed.Writer, copy, ct), ct);

        await using var reader = await WavPipeReader.OpenAsync(relayed.Reader, cancellationToken: ct);
        Assert.Equal(format, reader.Info.SampleFormat);
        Assert.Equal(44100, reader.Info.SampleRate);
        Assert.Equal(layout, reader.Info.ChannelLayout);
        Assert.Equal(sized, reader.IsLengthKnown);
        Assert.Equal(sized ? Frames : 0, reader.Info.Frames);
        var read = await ReadAllAsync(reader, blockFrames: 101, ct);
        await producer;
        await relay;

        Assert.Equal(signal, read);
        Assert.Equal(Frames, reader.Position);

        // The streamed convention (sizes 0xFFFFFFFF) and the exact sizes are both what the seekable decoder reads.
        var file = copy.ToArray();
        Assert.Equal(sized ? (uint)(file.Length - 8) : uint.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4)));
        using var decoder = WavDecoder.Instance.Open(new MemoryStream(file));
        Assert.Equal(Frames, decoder.Info.Frames);
        using var buffer = new AudioBuffer(channels, Frames);
        Assert.Equal(Frames, decoder.Read(buffer.Block));
        Assert.Equal(signal, Planar(buffer, Frames));
    }

    [Fact]
    public async Task Create_WithExpectedFrames_WritesTheSameBytesAsWavEncoder()
    {
        var ct = TestContext.Current.CancellationToken;
        var signal = TestSignals.Exact(SampleFormat.Pcm24, 1, 101);
        var metadata = new AudioMetadata
        {
            Broadcast = new BroadcastExtension { Description = "pipe", TimeReference = 48000 },
            IXml = IXmlMetadata.Parse("<BWFXML><PROJECT>p</PROJECT></BWFXML>"),
            Markers = [new AudioMarker(10, "a"), new AudioMarker(20, "region", 30)],
        };
        var spec = new AudioSpec(48000, ChannelLayout.Mono);
        using var stream = new MemoryStream();
        using (var encoder = new WavEncoder().Create(stream, spec, SampleFormat.Pcm24, new EncoderOptions { LeaveOpen = true, Metadata = metadata }))
        {
            encoder.Write(TestSignals.Block(signal, 1));
        }

        var pipe = new Pipe(Unbounded);
        var writer = WavPipeWriter.Create(pipe.Writer, spec, SampleFormat.Pcm24, new EncoderOptions { Metadata = metadata }, expectedFrames: 101);
        await WriteAllAsync(writer, signal, 1, blockFrames: 50, ct);

        // 101 frames of 3 bytes: the odd data chunk needs its pad byte before the markers.
        Assert.Equal(stream.ToArray(), await DrainAsync(pipe.Reader, ct));
    }

    [Fact]
    public async Task OpenAsync_Rf64File_TakesTheSizesFromDs64()
    {
        var ct = TestContext.Current.CancellationToken;
        var signal = TestSignals.Exact(SampleFormat.Float32, 2, 1000);
        using var stream = new MemoryStream();

        // A low promotion threshold makes a small RF64 file: 'RF64', ds64, and 0xFFFFFFFF in the 32-bit sizes.
        var encoder = new WavEncoder(new WavEncoderOptions { LargeFileThreshold = 2000 });
        using (var writer = encoder.Create(stream, new AudioSpec(48000, ChannelLayout.Stereo), SampleFormat.Float32, new EncoderOptions { LeaveOpen = true }))
        {
            writer.Write(TestSignals.Block(signal, 2));
        }

        var file = stream.ToArray();
        Assert.Equal("RF64"u8.ToArray(), file[..4]);
        var pipe = new Pipe(SmallSegments);
        var feeding = FeedInOddChunksAsync(pipe.Writer, file, ct);
        await using var reader = await WavPipeReader.OpenAsync(pipe.Reader, cancellationToken: ct);

        Assert.True(reader.IsLengthKnown);
        Assert.Equal(1000, reader.Info.Frames);
        Assert.Equal(signal, await ReadAllAsync(reader, 64, ct));
        await feeding;
    }

    [Fact]
    public async Task Create_ExpectedFramesPast4GiB_WritesAnRf64HeaderWithExactSizes()
    {
        var ct = TestContext.Current.CancellationToken;
        const long Frames = 1L << 30;
        var pipe = new Pipe(Unbounded);
        _ = WavPipeWriter.Create(pipe.Writer, new AudioSpec(48000, ChannelLayout.Stereo), SampleFormat.Float32, expectedFrames: Frames);
        await pipe.Writer.FlushAsync(ct);
        Assert.True(pipe.Reader.TryRead(out var result));
        var header = result.Buffer.ToArray();

        Assert.Equal("RF64"u8.ToArray(), header[..4]);
        Assert.Equal(uint.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)));
        Assert.Equal("ds64"u8.ToArray(), header[12..16]);
        Assert.Equal((ulong)(header.Length - 8 + (Frames * 8)), BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(20)));
        Assert.Equal((ulong)(Frames * 8), BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(28)));
        Assert.Equal((ulong)Frames, BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(36)));
        Assert.Equal(uint.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(header.Length - 4)));
    }

    [Fact]
    public async Task OpenAsync_BextAndIXmlBeforeData_AreParsedAndMarkersAfterDataAreNot()
    {
        var ct = TestContext.Current.CancellationToken;
        var bext = new BroadcastExtension { Description = "scene 4", Originator = "AudioPost", TimeReference = 123456789, CodingHistory = "A=PCM,F=48000\r\n" };
        var ixml = IXmlMetadata.Parse("<BWFXML><PROJECT>streamed</PROJECT></BWFXML>");
        var metadata = new AudioMetadata { Broadcast = bext, IXml = ixml, Markers = [new AudioMarker(5, "after data")] };
        var signal = TestSignals.Exact(SampleFormat.Pcm16, 2, 64);
        var source = new Pipe(Unbounded);
        var writer = WavPipeWriter.Create(source.Writer, new AudioSpec(48000, ChannelLayout.Stereo), SampleFormat.Pcm16, new EncoderOptions { Metadata = metadata }, 64);
        await WriteAllAsync(writer, signal, 2, blockFrames: 64, ct);
        var file = await DrainAsync(source.Reader, ct);

        var pipe = new Pipe(SmallSegments);
        var feeding = FeedInOddChunksAsync(pipe.Writer, file, ct);
        await using var reader = await WavPipeReader.OpenAsync(pipe.Reader, cancellationToken: ct);
        Assert.Equal(signal, await ReadAllAsync(reader, 17, ct));
        await feeding;

        Assert.Equal(bext, reader.Info.Metadata.Broadcast);
        Assert.Equal(ixml.Xml, reader.Info.Metadata.IXml?.Xml);
        Assert.Empty(reader.Info.Metadata.Markers);

        // The seekable decoder sees the markers after the samples as well.
        using var decoder = WavDecoder.Instance.Open(new MemoryStream(file));
        Assert.Equal(bext, decoder.Info.Metadata.Broadcast);
        Assert.Single(decoder.Info.Metadata.Markers);
    }

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public async Task OpenAndRead_MalformedFile_ThrowsTheSameExceptionAsWavDecoder(string name, byte[] file, long offset, string reason)
    {
        var ct = TestContext.Current.CancellationToken;
        var expected = Assert.Throws<AudioFormatException>(() => WavDecoder.Instance.Open(new MemoryStream(file)));
        var pipe = new Pipe(SmallSegments);
        var feeding = FeedInOddChunksAsync(pipe.Writer, file, ct);

        // Header errors come from OpenAsync; samples the pipe never delivers, from ReadAsync after the rest is read.
        var actual = await Assert.ThrowsAsync<AudioFormatException>(async () =>
        {
            await using var reader = await WavPipeReader.OpenAsync(pipe.Reader, cancellationToken: ct);
            await ReadAllAsync(reader, 3, ct);
        });
        await feeding;

        Assert.True(actual.Offset == offset, $"{name}: offset {actual.Offset}, expected {offset} ({actual.Message})");
        Assert.Contains(reason, actual.Reason, StringComparison.Ordinal);
        Assert.Equal(expected.Message, actual.Message);
    }

    [Fact]
    public async Task OpenAsync_LargeUnknownChunkBeforeFmt_IsSkippedWithoutBuffering()
    {
        var ct = TestContext.Current.CancellationToken;

        // 1 MiB of an unknown chunk through a pipe that pauses its writer at 4 KiB: only skipping, not buffering, gets past it.
        var file = WavBytes.Wav(WavBytes.Chunk("junk", new byte[1 << 20]), WavBytes.Fmt(), WavBytes.Data(8));
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 4096, resumeWriterThreshold: 2048, useSynchronizationContext: false));
        var feeding = Task.Run(() => pipe.Writer.WriteAsync(file, ct).AsTask(), ct);
        await using var reader = await WavPipeReader.OpenAsync(pipe.Reader, cancellationToken: ct);
        await feeding;
        await pipe.Writer.CompleteAsync();

        Assert.Equal(2, await reader.ReadAsync(new AudioBuffer(2, 4), 4, ct));
    }

    [Fact]
    public async Task ReadAsync_RecoveryModeWithDataSizeZero_ReadsUntilThePipeCompletes()
    {
        var ct = TestContext.Current.CancellationToken;

        // A writer killed before its first size update: 'data' says 0, the samples follow anyway.
        var samples = new byte[4 * 10];
        samples.AsSpan().Fill(0x05);
        var file = WavBytes.Wav(WavBytes.Fmt(), [.. WavBytes.Data(0), .. samples]);
        var pipe = new Pipe(SmallSegments);
        var feeding = FeedInOddChunksAsync(pipe.Writer, file, ct);
        await using var reader = await WavPipeReader.OpenAsync(pipe.Reader, new DecoderOptions { RecoveryMode = true }, ct);

        Assert.False(reader.IsLengthKnown);
        Assert.Equal(10, (await ReadAllAsync(reader, 4, ct)).Length / 2);
        await feeding;
    }

    [Fact]
    public async Task ReadAsync_StatedLengthReachedWhileThePipeStaysOpen_ReturnsZeroWithoutWaiting()
    {
        var ct = TestContext.Current.CancellationToken;
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(WavBytes.Wav(WavBytes.Fmt(), WavBytes.Data(8)), ct);
        await using var reader = await WavPipeReader.OpenAsync(pipe.Reader, cancellationToken: ct);
        using var buffer = new AudioBuffer(2, 8);

        Assert.Equal(2, await reader.ReadAsync(buffer, 8, ct));
        Assert.Equal(0, await reader.ReadAsync(buffer, 8, ct));
    }

    [Fact]
    public async Task OpenAsync_CancelledWhileWaitingForTheHeader_ThrowsOperationCanceled()
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync("RIFF"u8.ToArray(), cancellation.Token);
        var opening = WavPipeReader.OpenAsync(pipe.Reader, cancellationToken: cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => opening);
    }

    [Fact]
    public async Task ReadAsync_CancelledWhileWaitingForSamples_ThrowsOperationCanceledAndCanContinue()
    {
        var ct = TestContext.Current.CancellationToken;
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(WavBytes.Wav(WavBytes.Fmt(), WavBytes.Data(8, statedSize: uint.MaxValue)).AsMemory(..^2), ct);
        await using var reader = await WavPipeReader.OpenAsync(pipe.Reader, cancellationToken: ct);
        using var buffer = new AudioBuffer(2, 4);

        using (var cancellation = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var reading = reader.ReadAsync(buffer, 4, cancellation.Token).AsTask();
            await cancellation.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
        }

        // One whole frame was decoded before the wait; the rest arrives after it.
        Assert.Equal(1, reader.Position);
        await pipe.Writer.WriteAsync(new byte[2], ct);
        await pipe.Writer.CompleteAsync();
        Assert.Equal(1, await reader.ReadAsync(buffer, 4, ct));
        Assert.Equal(0, await reader.ReadAsync(buffer, 4, ct));
    }

    [Fact]
    public async Task WriteAsync_CancelledWhileTheReaderLags_ThrowsOperationCanceled()
    {
        var ct = TestContext.Current.CancellationToken;
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1024, resumeWriterThreshold: 512, useSynchronizationContext: false));
        var writer = WavPipeWriter.Create(pipe.Writer, new AudioSpec(48000, ChannelLayout.Stereo), SampleFormat.Float32, new EncoderOptions { LeaveOpen = true });
        using var buffer = new AudioBuffer(2, 1024);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var writing = writer.WriteAsync(buffer, 1024, cancellation.Token).AsTask();
        Assert.False(writing.IsCompleted);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writing);
    }

    [Fact]
    public async Task WriteAsync_MoreFramesThanExpected_ThrowsAndWritesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var pipe = new Pipe();
        var writer = WavPipeWriter.Create(pipe.Writer, new AudioSpec(48000, ChannelLayout.Mono), SampleFormat.Pcm16, expectedFrames: 10);
        using var buffer = new AudioBuffer(1, 8);
        await writer.WriteAsync(buffer, 8, ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteAsync(buffer, 8, ct).AsTask());
        Assert.Equal(8, writer.FramesWritten);
    }

    [Fact]
    public async Task CompleteAsync_FewerFramesThanExpected_ThrowsAndFailsThePipe()
    {
        var ct = TestContext.Current.CancellationToken;
        var pipe = new Pipe();
        var writer = WavPipeWriter.Create(pipe.Writer, new AudioSpec(48000, ChannelLayout.Mono), SampleFormat.Pcm16, expectedFrames: 10);
        using var buffer = new AudioBuffer(1, 8);
        await writer.WriteAsync(buffer, 8, ct);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => writer.CompleteAsync(ct).AsTask());
        Assert.Contains("promised 10 frames but 8", exception.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => DrainAsync(pipe.Reader, ct));
    }

    [Fact]
    public async Task ReadAsync_PipeAlreadyHoldsTheBytes_CompletesSynchronouslyWithoutAllocating()
    {
        var ct = TestContext.Current.CancellationToken;
        const int Calls = 1000;
        const int BlockFrames = 16;
        // Room for the warm-up and up to three measured windows (AllocationAssert).
        var signal = TestSignals.Exact(SampleFormat.Pcm24, 6, ((3 * Calls) + 100) * BlockFrames);
        var source = new Pipe(Unbounded);
        var writer = WavPipeWriter.Create(source.Writer, new AudioSpec(48000, ChannelLayout.FromChannelCount(6)), SampleFormat.Pcm24);
        await WriteAllAsync(writer, signal, 6, 4096, ct);
        var file = await DrainAsync(source.Reader, ct);

        // The whole file is in the pipe before the first read, so every ReadAsync can complete synchronously; the
        // thread's allocation counter then covers all of its work. One segment holds it: returning many consumed
        // segments grows the Pipe's own segment pool (about 2 KB over these calls), which is the pipe's cost, not ours.
        var pipe = new Pipe(new PipeOptions(minimumSegmentSize: file.Length, pauseWriterThreshold: 0, useSynchronizationContext: false));
        await pipe.Writer.WriteAsync(file, ct);
        await pipe.Writer.CompleteAsync();
        await using var reader = await WavPipeReader.OpenAsync(pipe.Reader, cancellationToken: ct);
        using var buffer = new AudioBuffer(6, BlockFrames);
        var frames = 0;
        AllocationAssert.NoAllocations(_ => frames += ReadSynchronously(reader, buffer, BlockFrames, ct), iterations: Calls, warmup: 100);
        Assert.Equal(frames, reader.Position);
        Assert.True(frames >= (Calls + 100) * BlockFrames, $"{frames} frames read");
    }

    [Fact]
    public async Task WriteAsync_ReaderKeepsUp_CompletesSynchronouslyWithoutAllocating()
    {
        var ct = TestContext.Current.CancellationToken;
        const int Calls = 1000;
        var pipe = new Pipe(new PipeOptions(useSynchronizationContext: false));
        await using var writer = WavPipeWriter.Create(pipe.Writer, new AudioSpec(48000, ChannelLayout.Stereo), SampleFormat.Pcm16);
        using var buffer = new AudioBuffer(2, 256);
        TestSignals.Exact(SampleFormat.Pcm16, 2, 256).AsSpan(0, 256).CopyTo(buffer.GetChannel(0));

        // Each flush completes synchronously because this thread drains the pipe right after it, like a reader
        // that keeps up; the thread's allocation counter then covers all of WriteAsync's work.
        // (AllocationAssert measures up to three windows: the runtime may allocate once on this thread while it swaps
        // in optimised code for the loop, which CI saw here as 6 432 bytes in one window; WriteAsync allocating per
        // call would show in every window.)
        var calls = 0;
        AllocationAssert.NoAllocations(_ =>
        {
            WriteSynchronously(writer, pipe.Reader, buffer, ct);
            calls++;
        }, iterations: Calls, warmup: 100);
        Assert.Equal(calls * 256L, writer.FramesWritten);
    }

    [Fact]
    public async Task StreamedOutput_ReadByFfmpegFromStdin_DecodesEverySample()
    {
        FfmpegPeer.Require();
        var ct = TestContext.Current.CancellationToken;
        var signal = TestSignals.Exact(SampleFormat.Pcm24, 2, Frames);
        var pipe = new Pipe();
        var writer = WavPipeWriter.Create(pipe.Writer, new AudioSpec(48000, ChannelLayout.Stereo), SampleFormat.Pcm24);
        var producer = WriteAllAsync(writer, signal, 2, 500, ct);

        using var ffmpeg = FfmpegPeer.Start("-v", "error", "-i", "pipe:0", "-f", "f32le", "-");
        var stdout = new MemoryStream();
        var reading = ffmpeg.StandardOutput.BaseStream.CopyToAsync(stdout, ct);
        var errors = ffmpeg.StandardError.ReadToEndAsync(ct);
        await using (var stdin = ffmpeg.StandardInput.BaseStream)
        {
            await pipe.Reader.CopyToAsync(stdin, ct);
        }

        await producer;
        await reading;
        await ffmpeg.WaitForExitAsync(ct);
        Assert.True(ffmpeg.ExitCode == 0, await errors);

        var decoded = MemoryMarshal.Cast<byte, float>(stdout.ToArray()).ToArray();
        Assert.Equal(TestSignals.Interleave(signal, 2), decoded);
    }

    [Fact]
    public async Task OpenAsync_FfmpegWavOnStdout_ReadsTheStreamedFileToItsEnd()
    {
        FfmpegPeer.Require();
        var ct = TestContext.Current.CancellationToken;
        string[] input = ["-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=0.25:sample_rate=44100", "-ac", "2"];
        using var reference = FfmpegPeer.Start([.. input, "-f", "s16le", "-"]);
        var raw = new MemoryStream();
        await reference.StandardOutput.BaseStream.CopyToAsync(raw, ct);
        await reference.WaitForExitAsync(ct);
        var expected = MemoryMarshal.Cast<byte, short>(raw.ToArray()).ToArray();

        // ffmpeg writing WAV to a pipe cannot patch its sizes: RIFF and data say 0xFFFFFFFF, and a LIST/INFO comes first.
        using var ffmpeg = FfmpegPeer.Start([.. input, "-c:a", "pcm_s16le", "-f", "wav", "pipe:1"]);
        var errors = ffmpeg.StandardError.ReadToEndAsync(ct);
        var source = PipeReader.Create(ffmpeg.StandardOutput.BaseStream, new StreamPipeReaderOptions(bufferSize: 333));
        await using var reader = await WavPipeReader.OpenAsync(source, cancellationToken: ct);
        Assert.False(reader.IsLengthKnown);
        Assert.Equal(0, reader.Info.Frames);
        Assert.Equal(SampleFormat.Pcm16, reader.Info.SampleFormat);
        Assert.Equal(2, reader.Info.ChannelCount);
        var read = await ReadAllAsync(reader, 1000, ct);
        await ffmpeg.WaitForExitAsync(ct);
        Assert.True(ffmpeg.ExitCode == 0, await errors);

        var frames = expected.Length / 2;
        Assert.Equal(11025, frames);
        Assert.Equal(frames * 2, read.Length);
        for (var f = 0; f < frames; f++)
        {
            for (var c = 0; c < 2; c++)
            {
                Assert.Equal(expected[(f * 2) + c] / 32768f, read[(c * frames) + f]);
            }
        }
    }

    private static int ReadSynchronously(WavPipeReader reader, AudioBuffer buffer, int frames, CancellationToken ct)
    {
        var pending = reader.ReadAsync(buffer, frames, ct);
        Assert.True(pending.IsCompletedSuccessfully);
        return pending.IsCompletedSuccessfully ? pending.Result : -1;
    }

    private static void WriteSynchronously(WavPipeWriter writer, PipeReader drain, AudioBuffer buffer, CancellationToken ct)
    {
        var pending = writer.WriteAsync(buffer, buffer.FrameCount, ct);
        Assert.True(pending.IsCompletedSuccessfully);
        Assert.True(drain.TryRead(out var result));
        drain.AdvanceTo(result.Buffer.End);
    }

    private static async Task WriteAllAsync(WavPipeWriter writer, float[] planar, int channels, int blockFrames, CancellationToken ct)
    {
        var frames = planar.Length / channels;
        using var buffer = new AudioBuffer(channels, blockFrames);
        for (var at = 0; at < frames; at += blockFrames)
        {
            var count = Math.Min(blockFrames, frames - at);
            for (var c = 0; c < channels; c++)
            {
                planar.AsSpan((c * frames) + at, count).CopyTo(buffer.GetChannel(c));
            }

            await writer.WriteAsync(buffer, count, ct);
        }

        await writer.CompleteAsync(ct);
    }

    /// <summary>Reads to the end and returns the samples planar (channel after channel).</summary>
    private static async Task<float[]> ReadAllAsync(WavPipeReader reader, int blockFrames, CancellationToken ct)
    {
        var channels = reader.Info.ChannelCount;
        var parts = Enumerable.Range(0, channels).Select(_ => new List<float>()).ToArray();
        using var buffer = new AudioBuffer(channels, blockFrames);
        int read;
        while ((read = await reader.ReadAsync(buffer, blockFrames, ct)) > 0)
        {
            for (var c = 0; c < channels; c++)
            {
                parts[c].AddRange(buffer.GetChannel(c)[..read]);
            }
        }

        return [.. parts.SelectMany(p => p)];
    }

    private static float[] Planar(AudioBuffer buffer, int frames) =>
        [.. Enumerable.Range(0, buffer.ChannelCount).SelectMany(c => buffer.GetChannel(c)[..frames].ToArray())];

    /// <summary>Writes the bytes in chunks of 1 to 17 bytes, flushing each, so the reader sees them arrive piecemeal.</summary>
    private static async Task FeedInOddChunksAsync(PipeWriter writer, byte[] bytes, CancellationToken ct)
    {
        var random = new Random(bytes.Length);
        for (var at = 0; at < bytes.Length;)
        {
            var count = Math.Min(random.Next(1, 18), bytes.Length - at);
            var result = await writer.WriteAsync(bytes.AsMemory(at, count), ct);
            at += count;
            if (result.IsCompleted)
            {
                // The reader gave up (a rejected header); nobody reads the rest.
                break;
            }
        }

        await writer.CompleteAsync();
    }

    /// <summary>Copies one pipe into another in chunks of 1 to 17 bytes, keeping a copy of the bytes.</summary>
    private static async Task RelayInOddChunksAsync(PipeReader from, PipeWriter to, MemoryStream copy, CancellationToken ct)
    {
        var random = new Random(42);
        while (true)
        {
            var result = await from.ReadAsync(ct);
            foreach (var segment in result.Buffer)
            {
                for (var at = 0; at < segment.Length;)
                {
                    var count = Math.Min(random.Next(1, 18), segment.Length - at);
                    copy.Write(segment.Span.Slice(at, count));
                    await to.WriteAsync(segment.Slice(at, count), ct);
                    at += count;
                }
            }

            from.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        await from.CompleteAsync();
        await to.CompleteAsync();
    }

    private static async Task<byte[]> DrainAsync(PipeReader reader, CancellationToken ct)
    {
        while (true)
        {
            var result = await reader.ReadAsync(ct);
            if (result.IsCompleted)
            {
                var bytes = result.Buffer.ToArray();
                reader.AdvanceTo(result.Buffer.End);
                await reader.CompleteAsync();
                return bytes;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }
}
