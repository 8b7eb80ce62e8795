namespace AudioPost.Sdk.Formats.Aiff;

/// <summary>
/// How <see cref="AiffEncoder"/> writes files. Immutable once constructed (init-only), so one instance may be shared
/// by any number of threads and encoders.
/// </summary>
public sealed class AiffEncoderOptions
{
    private readonly TimeSpan _headerRefreshInterval = TimeSpan.FromSeconds(1);
    private readonly EncoderOptions _general = EncoderOptions.Default;
    private readonly AiffVariant _variant = AiffVariant.Automatic;

    /// <summary>Gets the shared instance holding every default.</summary>
    public static AiffEncoderOptions Default { get; } = new();

    /// <summary>
    /// Gets how much audio, in stream time, may be written between two refreshes of the sizes in the header; default
    /// 1 second. <see cref="TimeSpan.Zero"/> turns refreshing off, so sizes are written only by
    /// <see cref="IAudioFileWriter.Flush"/> and <see cref="IAudioFileWriter.Complete"/>.
    /// </summary>
    /// <remarks>
    /// A refresh pushes the buffered frames to the stream, patches the FORM size, the COMM frame count and the SSND
    /// size, and flushes the stream, so if the process dies before <see cref="IAudioFileWriter.Complete"/> the file on
    /// disk is still a valid AIFF holding every frame up to the last refresh. The interval is converted to frames at
    /// the file's rate (at least 1) and checked after each written block, so refreshes land on block boundaries.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan HeaderRefreshInterval
    {
        get => _headerRefreshInterval;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            _headerRefreshInterval = value;
        }
    }

    /// <summary>
    /// Gets whether plain AIFF or AIFF-C is written, and with which byte order; default
    /// <see cref="AiffVariant.Automatic"/> (plain AIFF for integer PCM, AIFF-C for float).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="AiffVariant"/>.</exception>
    public AiffVariant Variant
    {
        get => _variant;
        init
        {
            if (value is < AiffVariant.Automatic or > AiffVariant.AiffCLittleEndian)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown AIFF variant.");
            }

            _variant = value;
        }
    }

    /// <summary>
    /// Gets the general options used when <see cref="AiffEncoder.Create"/> is called without options; default
    /// <see cref="EncoderOptions.Default"/>.
    /// </summary>
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
