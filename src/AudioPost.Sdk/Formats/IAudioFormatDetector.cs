using System.Diagnostics.CodeAnalysis;

namespace AudioPost.Sdk.Formats;

/// <summary>
/// Recognises a format from the first bytes of a file (its magic numbers), without reading anything else.
/// </summary>
/// <remarks>
/// Detectors must be stateless and thread-safe: the registry calls them concurrently from any thread. They must not
/// throw for any input; a header they do not recognise, including one shorter than <see cref="HeaderSize"/>, simply
/// yields <see langword="false"/>.
/// </remarks>
public interface IAudioFormatDetector
{
    /// <summary>
    /// Gets the number of leading bytes, 1 or more, the detector needs to decide. The registry reads the largest
    /// <see cref="HeaderSize"/> of all its detectors once and hands each detector the whole prefix it read, which
    /// may be shorter when the file is.
    /// </summary>
    int HeaderSize { get; }

    /// <summary>Decides whether <paramref name="header"/> starts a file of this detector's format.</summary>
    /// <param name="header">The first bytes of the file; any length, possibly shorter than <see cref="HeaderSize"/>.</param>
    /// <param name="format">The recognised format when this returns <see langword="true"/>; otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the header is recognised.</returns>
    bool TryDetectFormat(ReadOnlySpan<byte> header, [NotNullWhen(true)] out IAudioFileFormat? format);
}
