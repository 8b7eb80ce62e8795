namespace AudioPost.Sdk.Formats.Metadata;

/// <summary>
/// A named position in a file (a marker, or cue point), or a named span of it (a region). Immutable and thread-safe.
/// </summary>
/// <remarks>
/// In WAV a marker is a <c>cue </c> point with an optional <c>LIST/adtl</c> label (<c>labl</c>) and note
/// (<c>note</c>); a region is a cue point with a labelled text chunk (<c>ltxt</c>) that gives its length.
/// </remarks>
public sealed record AudioMarker
{
    private readonly long _position;
    private readonly long _length;

    /// <summary>Creates a marker or region.</summary>
    /// <param name="position">The first sample frame, 0 or more.</param>
    /// <param name="label">The name, or <see langword="null"/>.</param>
    /// <param name="length">The length in sample frames: 0 for a marker, more for a region.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="position"/> or <paramref name="length"/> is negative.</exception>
    public AudioMarker(long position, string? label = null, long length = 0)
    {
        Position = position;
        Label = label;
        Length = length;
    }

    /// <summary>Gets the first sample frame the marker or region points at, 0 or more.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long Position
    {
        get => _position;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    /// <summary>Gets the length in sample frames: 0 for a marker, more for a region.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long Length
    {
        get => _length;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _length = value;
        }
    }

    /// <summary>Gets the name shown in editors, or <see langword="null"/>.</summary>
    public string? Label { get; init; }

    /// <summary>Gets a longer comment, or <see langword="null"/>.</summary>
    public string? Note { get; init; }

    /// <summary>Gets whether this is a region (<see cref="Length"/> greater than 0) rather than a marker.</summary>
    public bool IsRegion => Length > 0;
}
