namespace AudioPost.Sdk.Formats.Metadata;

/// <summary>
/// What a file says about its audio beyond the samples: the Broadcast Wave <c>bext</c> chunk, the <c>iXML</c>
/// production metadata, and markers and regions. Immutable and thread-safe (the marker list is copied when set), and
/// equal to another instance with the same content.
/// </summary>
/// <remarks>
/// Readers fill what their format carries (<see cref="AudioFileInfo.Metadata"/>); writers store what their format can
/// hold of <see cref="EncoderOptions.Metadata"/> and ignore the rest (AIFF has no <c>bext</c>), so converting between
/// formats keeps everything the target can represent.
/// </remarks>
public sealed record AudioMetadata
{
    private readonly IReadOnlyList<AudioMarker> _markers = [];

    /// <summary>Gets the instance with nothing in it.</summary>
    public static AudioMetadata Empty { get; } = new();

    /// <summary>Gets the Broadcast Wave extension (<c>bext</c>), or <see langword="null"/> when the file has none.</summary>
    public BroadcastExtension? Broadcast { get; init; }

    /// <summary>Gets the <c>iXML</c> document, or <see langword="null"/> when the file has none.</summary>
    public IXmlMetadata? IXml { get; init; }

    /// <summary>
    /// Gets the markers and regions, ordered by <see cref="AudioMarker.Position"/> (then by length) when read from a
    /// file; empty by default.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public IReadOnlyList<AudioMarker> Markers
    {
        get => _markers;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _markers = Array.AsReadOnly([.. value]);
        }
    }

    /// <summary>Gets whether there is no metadata at all.</summary>
    public bool IsEmpty => Broadcast is null && IXml is null && Markers.Count == 0;

    /// <inheritdoc/>
    public bool Equals(AudioMetadata? other) =>
        other is not null && Equals(Broadcast, other.Broadcast) && Equals(IXml, other.IXml) && Markers.SequenceEqual(other.Markers);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Broadcast, IXml, Markers.Count);
}
