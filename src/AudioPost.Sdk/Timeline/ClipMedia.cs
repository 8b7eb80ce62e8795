using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Resampling;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sources;

namespace AudioPost.Sdk.Timeline;

/// <summary>
/// An audio file made ready for a clip: read from a source-in point, converted to the session's sample rate and
/// speed-changed when asked, through the band-limited resampler. A positional <see cref="IAudioSource"/> whose frame 0
/// is the source-in point, at the session rate.
/// </summary>
/// <remarks>
/// <para>When the file's rate is the session's and there is no speed change, frames pass through untouched (bit
/// exact). Otherwise source frame <c>n</c> plays the file at <c>sourceIn + n · fileRate · speed / sessionRate</c>,
/// exactly, through a <see cref="ResamplingSource"/> with the <see cref="ResamplerQuality.High"/> filter (125 dB
/// rejection, no latency: the resampler reads ahead).</para>
/// <para>Real-time safety is the file source's: allocation-free reads, blocking disk I/O (fine offline). Not
/// thread-safe. Dispose it (or the <see cref="AudioTimeline"/> holding its clip) to close the file.</para>
/// </remarks>
public sealed class ClipMedia : IAudioSource, IDisposable
{
    private readonly FileSource _file;
    private readonly IAudioSource _chain;

    private ClipMedia(FileSource file, IAudioSource chain, int sessionRate, long sourceIn, SpeedChange speed)
    {
        _file = file;
        _chain = chain;
        SessionSampleRate = sessionRate;
        SourceInFileFrames = sourceIn;
        Speed = speed;
    }

    /// <summary>Gets what the file's header says: rate, layout, length and metadata (bext, iXML).</summary>
    public AudioFileInfo Info => _file.Info;

    /// <summary>Gets the session rate this source plays at, in Hz.</summary>
    public int SessionSampleRate { get; }

    /// <summary>Gets the file frame played at source frame 0.</summary>
    public long SourceInFileFrames { get; }

    /// <summary>Gets the speed change applied.</summary>
    public SpeedChange Speed { get; }

    /// <summary>Gets whether frames pass through a resampler (another rate, or a speed change).</summary>
    public bool IsResampled => _chain is ResamplingSource;

    /// <inheritdoc />
    public int ChannelCount => _file.ChannelCount;

    /// <summary>Gets the number of session-rate frames from the source-in point to the end of the file (rounded
    /// down).</summary>
    public long Length => MapFileFramesToSession(Info.Frames - SourceInFileFrames);

    /// <summary>Opens <paramref name="path"/> for a clip in a session at <paramref name="sessionSampleRate"/>.</summary>
    /// <param name="path">The audio file.</param>
    /// <param name="sessionSampleRate">The session's rate in Hz, 1 or more.</param>
    /// <param name="sourceInFileFrames">The file frame the clip starts playing from, 0 to the file's length.</param>
    /// <param name="speed">A speed change; default none.</param>
    /// <param name="registry">The formats to open with; <see cref="AudioFormatRegistry.Default"/> when null.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rate or source-in is out of range, or the speed undefined.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="AudioFormatException">The file is not a registered format, or is malformed.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ClipMedia Open(string path, int sessionSampleRate, long sourceInFileFrames = 0, SpeedChange speed = SpeedChange.None, AudioFormatRegistry? registry = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sessionSampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(sourceInFileFrames);
        var (speedNumerator, speedDenominator) = speed.GetRatio();
        var file = new FileSource(path, registry);
        try
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(sourceInFileFrames, file.Length);
            IAudioSource chain = sourceInFileFrames == 0 ? file : new OffsetSource(file, sourceInFileFrames);
            if (file.Info.SampleRate != sessionSampleRate || speed != SpeedChange.None)
            {
                chain = CreateResampler(chain, file.Info.SampleRate, speedNumerator, speedDenominator);
            }

            return new ClipMedia(file, chain, sessionSampleRate, sourceInFileFrames, speed);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Gets the timeline frame a BWF asks to be placed at (auto-spot): its bext TimeReference, counted at the file's
    /// rate, converted to <paramref name="sessionSampleRate"/> exactly and rounded half up when it falls between two
    /// samples.
    /// </summary>
    /// <param name="info">The file's header.</param>
    /// <param name="sessionSampleRate">The session's rate in Hz, 1 or more.</param>
    /// <returns>The timeline frame, or null when the file has no bext chunk.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="info"/> is null.</exception>
    public static long? GetSpotFrame(AudioFileInfo info, int sessionSampleRate)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentOutOfRangeException.ThrowIfLessThan(sessionSampleRate, 1);
        if (info.Metadata.Broadcast is not { } bext)
        {
            return null;
        }

        var twice = (2 * (UInt128)bext.TimeReference * (uint)sessionSampleRate) + (uint)info.SampleRate;
        return checked((long)(twice / (2 * (UInt128)(uint)info.SampleRate)));
    }

    /// <summary>Converts a number of file frames to session frames at this source's rate and speed, rounded down.</summary>
    /// <param name="fileFrames">File frames, 0 or more.</param>
    /// <returns>Session frames.</returns>
    public long MapFileFramesToSession(long fileFrames)
    {
        var (num, den) = Speed.GetRatio();
        return checked((long)((Int128)Math.Max(0, fileFrames) * SessionSampleRate * den / ((Int128)Info.SampleRate * num)));
    }

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        if (spec.SampleRate != SessionSampleRate)
        {
            throw new ArgumentException($"The clip was opened for {SessionSampleRate} Hz but the graph runs at {spec.SampleRate} Hz.", nameof(spec));
        }

        _chain.Prepare(spec);
    }

    /// <inheritdoc />
    public void Reset() => _chain.Reset();

    /// <inheritdoc />
    public void Read(AudioBlock destination, in ProcessContext context) => _chain.Read(destination, context);

    /// <summary>Closes the file. Idempotent.</summary>
    public void Dispose() => _file.Dispose();

    private static ResamplingSource CreateResampler(IAudioSource inner, int fileRate, int speedNumerator, int speedDenominator) =>
        new(inner, fileRate, speedNumerator, speedDenominator, ResamplerQuality.High);
}
