using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Aiff;
using AudioPost.Sdk.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats;

/// <summary>The refusals WAV and AIFF encoders share, and who owns the stream when Create refuses.</summary>
public sealed class SeekableEncoderTests
{
    private static readonly AudioSpec Stereo48k = new(48_000, ChannelLayout.Stereo);

    public static TheoryData<string> Encoders() => ["WAV", "AIFF"];

    [Theory]
    [MemberData(nameof(Encoders))]
    public void Create_NonSeekableStream_NamesTheContainerAndDisposesTheStream(string container)
    {
        var stream = new TrackedStream(canSeek: false);

        var exception = Assert.Throws<ArgumentException>(() => Encoder(container).Create(stream, Stereo48k, SampleFormat.Pcm16));

        Assert.Equal("stream", exception.ParamName);
        Assert.StartsWith($"The {container} encoder needs a writable, seekable stream", exception.Message, StringComparison.Ordinal);
        Assert.True(stream.Disposed);
    }

    [Theory]
    [MemberData(nameof(Encoders))]
    public void Create_DefaultSpecLeftOpen_ThrowsAndKeepsTheStream(string container)
    {
        var stream = new TrackedStream(canSeek: true);

        var exception = Assert.Throws<ArgumentException>(() => Encoder(container).Create(stream, default, SampleFormat.Pcm16, new EncoderOptions { LeaveOpen = true }));

        Assert.Equal("spec", exception.ParamName);
        Assert.False(stream.Disposed);
        Assert.Equal(0, stream.Length);
    }

    [Theory]
    [MemberData(nameof(Encoders))]
    public void Create_UndefinedSampleFormat_ThrowsAndDisposesTheStream(string container)
    {
        var stream = new TrackedStream(canSeek: true);

        Assert.Throws<ArgumentOutOfRangeException>(() => Encoder(container).Create(stream, Stereo48k, (SampleFormat)99));

        Assert.True(stream.Disposed);
    }

    private static IAudioEncoder Encoder(string container) => container == "WAV" ? new WavEncoder() : new AiffEncoder();

    private sealed class TrackedStream(bool canSeek) : MemoryStream
    {
        public bool Disposed { get; private set; }

        public override bool CanSeek => canSeek && !Disposed;

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
