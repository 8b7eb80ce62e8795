using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats;

/// <summary>
/// The header-refresh checks the WAV and AIFF crash-safety tests share: what a reader finds on disk while a writer is
/// still open, for an encoder configured with a given refresh interval.
/// </summary>
internal static class RefreshIntervalHarness
{
    /// <summary>
    /// Writes 2.5 s of stereo at 8 kHz with the default one-second refresh, copies the file on disk before completing
    /// (what a killed process leaves), and checks the copy reads as the first 2 s exactly; the completed file has all.
    /// </summary>
    /// <param name="fileName">The file name; its extension picks the format.</param>
    /// <param name="format">The sample format.</param>
    /// <param name="expectedFormat">The format the copy must be detected as.</param>
    public static void AssertKilledWriterReadableUpToLastRefresh(string fileName, SampleFormat format, IAudioFileFormat expectedFormat)
    {
        const int Rate = 8000;
        const int BlockFrames = 1000;
        using var directory = new TempDirectory();
        var path = directory.File(fileName);
        var signal = TestSignals.Exact(format, 2, Rate * 5 / 2);

        var writer = AudioFormatRegistry.Default.Create(path, new AudioSpec(Rate, ChannelLayout.Stereo), format);
        try
        {
            WavRoundTripTests.WriteInBlocks(writer, signal, 2, BlockFrames);
            Assert.Equal(Rate * 5 / 2, writer.FramesWritten);

            // What a crash would leave: the bytes on disk now, with no Complete and no Dispose.
            var snapshot = directory.File("after-crash" + Path.GetExtension(fileName));
            using (var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            using (var copy = File.Create(snapshot))
            {
                source.CopyTo(copy);
            }

            using var reader = AudioFormatRegistry.Default.OpenRead(snapshot);
            Assert.Same(expectedFormat, reader.Info.Format);
            Assert.Equal(2 * Rate, reader.Info.Frames);
            var recovered = WavRoundTripTests.ReadAll(reader, 333);
            var frames = 2 * Rate;
            var total = signal.Length / 2;
            Assert.Equal(signal.AsSpan(0, frames).ToArray(), recovered[..frames]);
            Assert.Equal(signal.AsSpan(total, frames).ToArray(), recovered[frames..]);
        }
        finally
        {
            writer.Dispose();
        }

        using var completed = AudioFormatRegistry.Default.OpenRead(path);
        Assert.Equal(Rate * 5 / 2, completed.Info.Frames);
    }

    /// <summary>With no refresh interval, nothing shows until <see cref="IAudioFileWriter.Flush"/>.</summary>
    /// <param name="encoder">An encoder whose header refresh interval is zero.</param>
    /// <param name="decoder">The decoder of the same format.</param>
    public static void AssertHeaderStaysEmptyUntilFlush(IAudioEncoder encoder, IAudioDecoder decoder)
    {
        using var stream = new MemoryStream();
        using var writer = encoder.Create(stream, new AudioSpec(100, ChannelLayout.Mono), SampleFormat.Float32, new EncoderOptions { LeaveOpen = true, BufferSize = 64 });
        writer.Write(TestSignals.Block(TestSignals.Exact(SampleFormat.Float32, 1, 1000), 1));

        Assert.Equal(0, FramesOnDisk(stream, decoder));

        writer.Flush();
        Assert.Equal(1000, FramesOnDisk(stream, decoder));
    }

    /// <summary>At 1 kHz with a 100 ms interval and 30-frame blocks, the header is refreshed after the fourth block
    /// (the first block boundary past the interval), not mid-block.</summary>
    /// <param name="encoder">An encoder whose header refresh interval is 100 ms.</param>
    /// <param name="decoder">The decoder of the same format.</param>
    public static void AssertRefreshesOnBlockBoundariesAfterEachInterval(IAudioEncoder encoder, IAudioDecoder decoder)
    {
        using var stream = new MemoryStream();
        using var writer = encoder.Create(stream, new AudioSpec(1000, ChannelLayout.Mono), SampleFormat.Pcm16, new EncoderOptions { LeaveOpen = true });
        var block = new ReadOnlyAudioBlock(new float[30], 1, 30);

        for (var i = 0; i < 3; i++)
        {
            writer.Write(block);
        }

        Assert.Equal(0, FramesOnDisk(stream, decoder));
        writer.Write(block);
        Assert.Equal(120, FramesOnDisk(stream, decoder));
    }

    /// <summary>The frames a reader opening a copy of <paramref name="stream"/> now would find.</summary>
    public static long FramesOnDisk(MemoryStream stream, IAudioDecoder decoder)
    {
        using var reader = decoder.Open(new MemoryStream(stream.ToArray()));
        return reader.Info.Frames;
    }
}
