using AudioPost.Sdk.Dsp;

namespace AudioPost.Sdk.Formats.Wav;

/// <summary>
/// Parses a WAV header and then reads its <c>data</c> chunk: the reader behind <see cref="WavDecoder"/>.
/// </summary>
/// <remarks>
/// Reads go through one byte buffer allocated at open and are converted by
/// <see cref="SampleConversion.DeinterleaveToFloat"/> straight into the caller's block (see
/// <see cref="BufferedDecoderCore"/>), so <see cref="BufferedDecoderCore.Read"/> and
/// <see cref="BufferedDecoderCore.Seek"/> never allocate. Not thread-safe (see <see cref="IAudioFileReader"/>).
/// </remarks>
internal sealed class WavDecoderCore : BufferedDecoderCore
{
    private WavDecoderCore(Stream stream, DecoderOptions options, WavHeader header)
        : base(stream, options, CreateInfo(header), header.DataOffset, header.Format.BlockAlign)
    {
    }

    /// <summary>Validates the header of the WAV file at the stream's position and returns a reader at frame 0.</summary>
    /// <exception cref="AudioFormatException">The header is malformed or unsupported.</exception>
    public static WavDecoderCore Open(Stream stream, DecoderOptions options) => new(stream, options, WavHeader.Read(stream, options));

    private static AudioFileInfo CreateInfo(WavHeader header)
    {
        var format = header.Format;

        // A trailing partial frame (a data size that is not a multiple of the block align) is ignored.
        var frames = header.DataSize / format.BlockAlign;
        return new AudioFileInfo(WavFormat.Instance, format.SampleFormat, format.SampleRate, format.Layout, frames)
        {
            Metadata = header.Metadata,
        };
    }
}
