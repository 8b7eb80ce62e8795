namespace AudioPost.Sdk.Formats.SndFile;

/// <summary>
/// How <see cref="SndFileEncoder"/> writes files. Immutable once constructed (init-only), so one instance may be
/// shared by any number of threads and encoders.
/// </summary>
/// <remarks>
/// libsndfile 1.2 has one quality knob, <see cref="CompressionLevel"/>, and no setting in kbit/s: for Opus and MP3
/// the level picks the bitrate (Opus: 256 down to 6 kbit/s per channel; MP3 CBR/ABR at 32 kHz and above: 320 down to
/// 32 kbit/s) or, for MP3 VBR, the LAME quality (level × 10); for Vorbis it is the VBR quality (1 - level); for FLAC
/// the compression preset 0 to 8.
/// </remarks>
public sealed class SndFileEncoderOptions
{
    /// <summary>The level MP3 is encoded at when only <see cref="BitrateMode"/> is set: 0.5, 176 kbit/s CBR at 32 kHz and above.</summary>
    public const double DefaultMp3Level = 0.5;

    private readonly double? _compressionLevel;
    private readonly SndFileBitrateMode? _bitrateMode;
    private readonly EncoderOptions _general = EncoderOptions.Default;

    /// <summary>Gets the shared instance holding every default.</summary>
    public static SndFileEncoderOptions Default { get; } = new();

    /// <summary>
    /// Gets the compression level from 0 (best quality, largest file) to 1 (smallest file, lowest quality), or
    /// <see langword="null"/> (the default) for libsndfile's own default of each codec. Applies to every format.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0 to 1, or not a number.</exception>
    public double? CompressionLevel
    {
        get => _compressionLevel;
        init
        {
            if (value is { } level && !(level is >= 0 and <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(value), level, "The compression level must be 0 to 1.");
            }

            _compressionLevel = value;
        }
    }

    /// <summary>
    /// Gets the bitrate mode for MP3, or <see langword="null"/> (the default) for libsndfile's default. With
    /// <see cref="CompressionLevel"/> unset the level is <see cref="DefaultMp3Level"/>. libsndfile 1.2 has no bitrate
    /// mode for the other formats: setting it for them makes <see cref="SndFileEncoder.Create"/> throw
    /// <see cref="NotSupportedException"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="SndFileBitrateMode"/>.</exception>
    public SndFileBitrateMode? BitrateMode
    {
        get => _bitrateMode;
        init
        {
            if (value is { } mode && !Enum.IsDefined(mode))
            {
                throw new ArgumentOutOfRangeException(nameof(value), mode, "Not a defined bitrate mode.");
            }

            _bitrateMode = value;
        }
    }

    /// <summary>Gets the general options used when <see cref="SndFileEncoder.Create"/> is called without options;
    /// default <see cref="EncoderOptions.Default"/>.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public EncoderOptions General
    {
        get => _general;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _general = value;
        }
    }
}
