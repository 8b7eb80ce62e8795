using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sinks;

namespace AudioPost.Sdk.Engine;

/// <summary>
/// Records live: takes blocks on the audio thread without blocking and hands them to another sink (a
/// <see cref="FileSink"/>) on a writer thread, starting where <see cref="Arm"/> says so that a recording lines up
/// with the playback it was made against.
/// </summary>
/// <remarks>
/// <para><b>Latency compensation.</b> Sound played at stream frame <c>t</c> comes back in the captured input at stream
/// frame <c>t + round trip</c>. <see cref="Arm"/> the sink with a playback frame and
/// <see cref="AudioEngine.RoundTripLatencyFrames"/>, and frame <c>f</c> of the file is what the microphone heard while
/// playback frame <see cref="FirstPlaybackFrame"/> + <c>f</c> was leaving the speaker: what ADR and Foley recording to
/// picture need.</para>
/// <para><b>Real-time safety.</b> The ring and the writer thread are a <see cref="WriteBehindSink"/> in
/// <see cref="Sources.StreamingMode.RealTime"/>: <see cref="Write"/> copies into a single-producer single-consumer
/// ring and returns; it never allocates, locks or blocks. If the writer thread falls a whole ring behind (a stalled
/// disk), the frames that do not fit are dropped and counted in <see cref="DroppedFrames"/> rather than stalling the
/// audio thread.</para>
/// <para><see cref="Prepare"/> and <see cref="Complete"/> are control-thread calls; the inner sink is used only by the
/// writer thread between them.</para>
/// </remarks>
public sealed class CaptureSink : IAudioSink, IDisposable
{
    private readonly WriteBehindSink _behind;
    private long _written;
    private long _firstPlaybackFrame = -1;
    private long _recordFrom = long.MaxValue;
    private long _roundTrip;
    private bool _disposed;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The sink that does the blocking work, such as a <see cref="FileSink"/>. Owned: completed by <see cref="Complete"/>.</param>
    /// <param name="capacityFrames">Ring size in frames; default 2^18 (5.4 s at 48 kHz).</param>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacityFrames"/> is below 1024.</exception>
    public CaptureSink(IAudioSink inner, int capacityFrames = 1 << 18)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityFrames, 1024);
        _behind = new WriteBehindSink(inner, Sources.StreamingMode.RealTime, capacityFrames);
    }

    /// <summary>
    /// Starts the recording at playback frame <paramref name="playbackFrame"/>: captured frames are kept from stream
    /// frame <paramref name="playbackFrame"/> + <paramref name="roundTripFrames"/> on, so that frame <c>f</c> of the
    /// recording is what came back while playback frame <c>playbackFrame + f</c> was playing. Nothing is recorded
    /// before this is called. Control thread; call it once, after the routing (and so the round trip) is final.
    /// </summary>
    /// <param name="playbackFrame">The playback (stream) frame the recording lines up with; pick one still in the
    /// future, or the recording starts later (see <see cref="FirstPlaybackFrame"/>).</param>
    /// <param name="roundTripFrames">The round trip to compensate, usually <see cref="AudioEngine.RoundTripLatencyFrames"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative.</exception>
    /// <exception cref="InvalidOperationException">The sink is already armed.</exception>
    public void Arm(long playbackFrame, long roundTripFrames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(playbackFrame);
        ArgumentOutOfRangeException.ThrowIfNegative(roundTripFrames);
        if (Volatile.Read(ref _recordFrom) != long.MaxValue)
        {
            throw new InvalidOperationException("The capture is already armed; use a new CaptureSink for another take.");
        }

        Volatile.Write(ref _roundTrip, roundTripFrames);
        Volatile.Write(ref _recordFrom, playbackFrame + roundTripFrames);
    }

    /// <summary>Gets the length of the take in frames: once this many are recorded the rest is ignored. Null (the default) for no limit.</summary>
    public long? FrameLimit { get; init; }

    /// <summary>Gets whether <see cref="FrameLimit"/> frames have been recorded. Thread-safe.</summary>
    public bool IsFull => FrameLimit is { } limit && Volatile.Read(ref _written) >= limit;

    /// <summary>
    /// Gets the playback stream frame that the recording's first frame lines up with: 0 when the sink ran from the
    /// start of the stream, later when it joined a running stream (a plan swap); -1 before anything was recorded.
    /// Thread-safe.
    /// </summary>
    public long FirstPlaybackFrame => Volatile.Read(ref _firstPlaybackFrame);

    /// <summary>Gets the frames handed to the inner sink so far. Thread-safe.</summary>
    public long FramesRecorded => _behind.FramesWritten;

    /// <summary>Gets the frames lost because the writer thread fell a whole ring behind. Thread-safe.</summary>
    public long DroppedFrames => _behind.DroppedFrames;

    /// <inheritdoc />
    /// <remarks>Prepares the inner sink (it may create a file) and starts the writer thread. Control thread.</remarks>
    public void Prepare(in ProcessSpec spec) => _behind.Prepare(spec);

    /// <inheritdoc />
    /// <remarks>Nothing to clear: a recording keeps what it has.</remarks>
    public void Reset()
    {
    }

    /// <inheritdoc />
    /// <remarks>Audio thread; real-time safe.</remarks>
    public void Write(ReadOnlyAudioBlock block, in ProcessContext context)
    {
        var frames = block.FrameCount;
        var recordFrom = Volatile.Read(ref _recordFrom);
        if (recordFrom == long.MaxValue)
        {
            return;
        }

        var skip = (int)Math.Clamp(recordFrom - context.StreamFrame, 0, frames);
        if (skip == frames)
        {
            return;
        }

        if (_firstPlaybackFrame < 0)
        {
            Volatile.Write(ref _firstPlaybackFrame, context.StreamFrame + skip - Volatile.Read(ref _roundTrip));
        }

        var wanted = FrameLimit is { } limit ? (int)Math.Clamp(limit - _written, 0, frames - skip) : frames - skip;
        if (wanted == 0)
        {
            return;
        }

        _behind.Write(block.Slice(skip, wanted), context.Advance(skip));
        Volatile.Write(ref _written, _written + wanted);
    }

    /// <summary>Stops the writer thread after it has written everything received, then completes the inner sink. Control thread; blocks.</summary>
    /// <exception cref="IOException">The inner sink failed on the writer thread (rethrown here, wrapped).</exception>
    public void Complete()
    {
        try
        {
            _behind.Complete();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new IOException("The capture writer thread failed: " + exception.Message, exception);
        }
    }

    /// <summary>Completes the recording if that has not happened, and disposes the inner sink if it is disposable.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            Complete();
        }
        finally
        {
            _behind.Dispose();
        }
    }
}
