using System.Diagnostics.CodeAnalysis;
using AudioPost.Sdk.IO;

namespace AudioPost.Sdk.Formats.Wav;

/// <summary>
/// Recognises RIFF/WAVE files by their first 12 bytes: "RIFF", any 32-bit size, "WAVE". Stateless, thread-safe and
/// allocation-free.
/// </summary>
/// <remarks>RF64 and BW64 files (which start "RF64"/"BW64") are not claimed until the decoder can read them.</remarks>
public sealed class WavFormatDetector : IAudioFormatDetector
{
    /// <summary>Gets 12: the RIFF header.</summary>
    public int HeaderSize => WavConstants.RiffHeaderSize;

    /// <inheritdoc/>
    public bool TryDetectFormat(ReadOnlySpan<byte> header, [NotNullWhen(true)] out IAudioFileFormat? format)
    {
        if (header.Length >= WavConstants.RiffHeaderSize
            && FourCC.Read(header) == WavConstants.RiffId
            && FourCC.Read(header[8..]) == WavConstants.WaveId)
        {
            format = WavFormat.Instance;
            return true;
        }

        format = null;
        return false;
    }
}
