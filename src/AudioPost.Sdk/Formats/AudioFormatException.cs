using System.Globalization;

namespace AudioPost.Sdk.Formats;

/// <summary>
/// A file is malformed, or describes something its decoder does not support. The message says what is wrong,
/// where (the file and the byte offset, when known) and why, in the form
/// <c>in.wav: offset 36: chunk 'data' claims 4000000 bytes but only 1000 remain</c>.
/// </summary>
/// <remarks>
/// Decoders throw only this type for bad input, never an exception from deeper down (index, overflow, argument),
/// so callers can tell a bad file from a bug. Instances are not modified after they are thrown by the SDK, so they
/// may be read from any thread.
/// </remarks>
public class AudioFormatException : Exception
{
    /// <summary>Creates an exception with a generic reason and no location.</summary>
    public AudioFormatException()
        : this("The audio file is malformed or not supported.")
    {
    }

    /// <summary>Creates an exception with a reason and no location.</summary>
    /// <param name="message">What is wrong and why.</param>
    public AudioFormatException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with a reason, no location and a cause.</summary>
    /// <param name="message">What is wrong and why.</param>
    /// <param name="innerException">The exception that revealed the problem, or <see langword="null"/>.</param>
    public AudioFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Reason = message ?? string.Empty;
    }

    /// <summary>Creates an exception for a problem found at a byte offset.</summary>
    /// <param name="reason">What is wrong and why, without the location, for example
    /// "chunk 'data' claims 4000000 bytes but only 1000 remain".</param>
    /// <param name="offset">The byte offset in the stream of the field or chunk that is wrong, 0 or more.</param>
    public AudioFormatException(string reason, long offset)
        : this(reason, offset, filePath: null, innerException: null)
    {
    }

    /// <summary>Creates an exception for a problem found at a byte offset of a named file.</summary>
    /// <param name="reason">What is wrong and why, without the location.</param>
    /// <param name="offset">The byte offset in the stream of the field or chunk that is wrong, 0 or more.</param>
    /// <param name="filePath">The path of the file as the caller gave it, or <see langword="null"/> when unknown.</param>
    /// <param name="innerException">The exception that revealed the problem, or <see langword="null"/>.</param>
    public AudioFormatException(string reason, long offset, string? filePath, Exception? innerException)
        : base(reason, innerException)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        Reason = reason ?? string.Empty;
        Offset = offset;
        FilePath = filePath;
    }

    /// <summary>Gets what is wrong and why, without the file or offset.</summary>
    public string Reason { get; }

    /// <summary>Gets the byte offset, from the start of the stream, of the field or chunk that is wrong; <see langword="null"/> when unknown.</summary>
    public long? Offset { get; }

    /// <summary>Gets the path of the file as the caller gave it; <see langword="null"/> when the file was opened from a stream.</summary>
    public string? FilePath { get; private set; }

    /// <summary>Gets "<c>file: offset N: reason</c>", leaving out the parts that are unknown.</summary>
    public override string Message
    {
        get
        {
            var path = FilePath is null ? string.Empty : FilePath + ": ";
            return Offset is { } offset
                ? string.Create(CultureInfo.InvariantCulture, $"{path}offset {offset}: {Reason}")
                : path + Reason;
        }
    }

    /// <summary>Records the file path on an exception thrown by a stream-level decoder, before it is rethrown.</summary>
    internal void SetFilePathIfMissing(string filePath) => FilePath ??= filePath;
}
