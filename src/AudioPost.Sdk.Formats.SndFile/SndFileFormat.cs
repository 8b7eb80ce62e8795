namespace AudioPost.Sdk.Formats.SndFile;

/// <summary>
/// The formats this package handles through libsndfile: <see cref="Flac"/>, <see cref="OggVorbis"/>,
/// <see cref="Opus"/> and <see cref="Mp3"/>. Singletons, which registries compare by reference; immutable and
/// thread-safe.
/// </summary>
/// <remarks>
/// Ogg Vorbis and Opus share the Ogg container but are separate formats, because the codec decides everything a
/// caller chooses between (sample rates, quality, extension): detection tells them apart by the codec header in the
/// first Ogg page, and <see cref="AudioFormatRegistry.Create(string, Buffers.AudioSpec, Buffers.SampleFormat)"/>
/// picks Opus for ".opus" and Vorbis for ".ogg"/".oga".
/// </remarks>
public sealed class SndFileFormat : IAudioFileFormat
{
    private SndFileFormat(string name, int typeCode, int codecCode, bool isLossy, string[] extensions, string[] mimeTypes)
    {
        Name = name;
        TypeCode = typeCode;
        CodecCode = codecCode;
        IsLossy = isLossy;
        FileExtensions = Array.AsReadOnly(extensions);
        MimeTypes = Array.AsReadOnly(mimeTypes);
    }

    /// <summary>Gets FLAC ("flac"): lossless 8, 16 or 24-bit integer samples, up to 8 channels.</summary>
    public static SndFileFormat Flac { get; } = new(
        "flac", SndFileConstants.TypeFlac, SndFileConstants.Pcm16, isLossy: false, ["flac"], ["audio/flac", "audio/x-flac"]);

    /// <summary>Gets Vorbis in an Ogg container ("ogg-vorbis"): lossy, any rate, up to 255 channels.</summary>
    public static SndFileFormat OggVorbis { get; } = new(
        "ogg-vorbis", SndFileConstants.TypeOgg, SndFileConstants.Vorbis, isLossy: true, ["ogg", "oga"], ["audio/ogg", "audio/vorbis"]);

    /// <summary>Gets Opus in an Ogg container ("opus"): lossy, written at 8, 12, 16, 24 or 48 kHz only.</summary>
    public static SndFileFormat Opus { get; } = new(
        "opus", SndFileConstants.TypeOgg, SndFileConstants.Opus, isLossy: true, ["opus"], ["audio/opus", "audio/ogg"]);

    /// <summary>Gets MPEG-1/2 Audio Layer III ("mp3"): lossy, 1 or 2 channels, 8 to 48 kHz. Writing needs a libsndfile built with LAME.</summary>
    public static SndFileFormat Mp3 { get; } = new(
        "mp3", SndFileConstants.TypeMpeg, SndFileConstants.MpegLayerIII, isLossy: true, ["mp3"], ["audio/mpeg", "audio/mp3"]);

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> FileExtensions { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> MimeTypes { get; }

    /// <summary>Gets whether the codec is lossy: decoded samples approximate what was encoded, and the stored sample
    /// format is reported as <see cref="Buffers.SampleFormat.Float32"/>.</summary>
    public bool IsLossy { get; }

    /// <summary>Gets libsndfile's major type (SF_FORMAT_FLAC, _OGG, _MPEG).</summary>
    internal int TypeCode { get; }

    /// <summary>Gets libsndfile's subtype for writing (the codec; for FLAC the default 16-bit depth).</summary>
    internal int CodecCode { get; }

    /// <summary>Gets <see cref="Name"/>.</summary>
    /// <returns>The name, for example "flac".</returns>
    public override string ToString() => Name;

    /// <summary>Maps libsndfile's SF_INFO.format of an opened file to one of the formats, or null.</summary>
    internal static SndFileFormat? FromLibSndFile(int format) => (format & SndFileConstants.TypeMask, format & SndFileConstants.SubMask) switch
    {
        (SndFileConstants.TypeFlac, _) => Flac,
        (SndFileConstants.TypeOgg, SndFileConstants.Vorbis) => OggVorbis,
        (SndFileConstants.TypeOgg, SndFileConstants.Opus) => Opus,
        (SndFileConstants.TypeMpeg, _) => Mp3,
        _ => null,
    };
}
