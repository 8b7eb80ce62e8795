using System.Runtime.InteropServices;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;

namespace AudioPost.Sdk.Tests.Formats.Interop;

/// <summary>Helpers for the tests that read files the peers wrote.</summary>
internal static class PeerWrittenWav
{
    /// <summary>Writes <see cref="InteropSignal.PeerSource"/> as headerless interleaved little-endian doubles and returns the path.</summary>
    public static string WriteRawSource(string directory, int channels)
    {
        var path = Path.Combine(directory, "source.f64.raw");
        File.WriteAllBytes(path, MemoryMarshal.AsBytes(InteropSignal.PeerSource(channels).AsSpan()).ToArray());
        return path;
    }

    /// <summary>
    /// Opens a file with our reader; an RF64 file skips the test while our decoder still rejects RF64 with an
    /// <see cref="AudioFormatException"/> naming it, so the test starts checking by itself once RF64 reading lands.
    /// </summary>
    public static IAudioFileReader OpenSkippingUnsupportedRf64(string path)
    {
        try
        {
            return AudioFormatRegistry.Default.OpenRead(path);
        }
        catch (AudioFormatException exception) when (exception.Message.Contains("RF64", StringComparison.Ordinal))
        {
            Assert.Skip($"RF64 reading lands with the RF64 decoder (today: {exception.Message})");
            throw;
        }
    }

    /// <summary>Asserts what our reader reports for a peer-written file of <see cref="InteropSignal.Frames"/> frames.</summary>
    public static void AssertInfo(AudioFileInfo info, SampleFormat format, ChannelLayout layout, uint expectedMask)
    {
        Assert.Equal(format, info.SampleFormat);
        Assert.Equal(InteropSignal.SampleRate, info.SampleRate);
        Assert.Equal(InteropSignal.Frames, info.Frames);
        Assert.Equal(layout, info.ChannelLayout);
        Assert.Equal(expectedMask, info.ChannelLayout.ToWaveChannelMask());
    }
}
