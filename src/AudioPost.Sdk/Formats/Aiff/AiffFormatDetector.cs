using System.Diagnostics.CodeAnalysis;
using AudioPost.Sdk.IO;

namespace AudioPost.Sdk.Formats.Aiff;

/// <summary>
/// Recognises AIFF and AIFF-C files by their first 12 bytes: "FORM", any 32-bit size, then "AIFF" or "AIFC".
/// Stateless, thread-safe and allocation-free.
/// </summary>
public sealed class AiffFormatDetector : IAudioFormatDetector
{
    /// <summary>Gets 12: the FORM header.</summary>
    public int HeaderSize => AiffConstants.FormHeaderSize;

    /// <inheritdoc/>
    public bool TryDetectFormat(ReadOnlySpan<byte> header, [NotNullWhen(true)] out IAudioFileFormat? format)
    {
        if (header.Length >= AiffConstants.FormHeaderSize
            && FourCC.Read(header) == AiffConstants.FormId
            && FourCC.Read(header[8..]) is AiffConstants.AiffId or AiffConstants.AifcId)
        {
            format = AiffFormat.Instance;
            return true;
        }

        format = null;
        return false;
    }
}
