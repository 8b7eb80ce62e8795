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
