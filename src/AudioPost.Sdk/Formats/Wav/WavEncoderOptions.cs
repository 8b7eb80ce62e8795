namespace AudioPost.Sdk.Formats.Wav;

/// <summary>
/// How <see cref="WavEncoder"/> writes files. Immutable once constructed (init-only), so one instance may be shared
/// by any number of threads and encoders.
/// </summary>
public sealed class WavEncoderOptions
{
    private readonly TimeSpan _headerRefreshInterval = TimeSpan.FromSeconds(1);
    private readonly EncoderOptions _general = EncoderOptions.Default;

    /// <summary>Gets the shared instance holding every default.</summary>
    public static WavEncoderOptions Default { get; } = new();

    /// <summary>
    /// Gets how much audio, in stream time, may be written between two refreshes of the sizes in the header; default
    /// 1 second. <see cref="TimeSpan.Zero"/> turns refreshing off, so sizes are written only by
    /// <see cref="IAudioFileWriter.Flush"/> and <see cref="IAudioFileWriter.Complete"/>.
    /// </summary>
    /// <remarks>
    /// A refresh pushes the buffered frames to the stream, patches the RIFF, <c>data</c> and <c>fact</c> sizes and
    /// flushes the stream, so if the process dies before <see cref="IAudioFileWriter.Complete"/> the file on disk is
    /// still a valid WAV holding every frame up to the last refresh. Each refresh costs a few small writes and seeks;
    /// at 1 s that is negligible. The interval is converted to frames at the file's rate (at least 1) and checked
    /// after each written block, so refreshes land on block boundaries.
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
    /// Gets the size, in bytes, past which the RIFF or data size no longer fits and the file is promoted to RF64.
    /// Always 0xFFFFFFFF in use; tests lower it to exercise promotion without writing 4 GiB.
    /// </summary>
    internal long LargeFileThreshold { get; init; } = WavConstants.MaxRiffSize;

    /// <summary>
    /// Gets the general options used when <see cref="WavEncoder.Create"/> is called without options; default
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
