using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Timing;

namespace AudioPost.Sdk.Timeline;

/// <summary>
/// One region of a source placed on a track: where it starts on the timeline, which part of the source it plays,
/// its gain and its fades. Immutable once built (init-only properties).
/// </summary>
/// <remarks>
/// <para><b>Positions.</b> <see cref="Position"/> is a timeline frame: sample frames since midnight at the session's
/// sample rate, so a clip spotted at a timecode sits at <see cref="Timecode.ToSampleFrame"/> of that timecode, exactly.
/// The clip plays <see cref="Source"/> from the source's own timeline frame <see cref="SourceIn"/> for
/// <see cref="Length"/> frames: timeline frame <c>Position + k</c> holds source frame <c>SourceIn + k</c>.</para>
/// <para><b>Source.</b> Any positional <see cref="IAudioSource"/> running at the session's rate (a
/// <see cref="FileSource"/>, or a <see cref="ResamplingSource"/> for another rate or a speed change; see
/// <see cref="ClipMedia"/>). Its channel count must equal the track's, or be 1 (copied to every channel). The track
/// prepares and resets it; the <see cref="AudioTimeline"/> disposes it.</para>
/// <para><b>Fades.</b> A fade-in of <c>L</c> frames scales frame <c>Position + k</c> by <c>g(k / L)</c>, so the first
/// frame is silent; a fade-out scales frame <c>End − r</c> (<c>r</c> from 1 to <c>L</c>) by <c>g(r / L)</c>. Where two
/// clips on a track overlap, the track makes the overlap a crossfade (see <see cref="TimelineTrack.CrossfadeShape"/>).</para>
/// </remarks>
public sealed class TimelineClip
{
    private readonly long _sourceIn;
    private readonly long _length;
    private readonly float _gainDb;
    private readonly long _fadeIn;
    private readonly long _fadeOut;
    private readonly FadeShape _fadeInShape = FadeShape.EqualPower;
    private readonly FadeShape _fadeOutShape = FadeShape.EqualPower;

    /// <summary>Places <paramref name="source"/> at timeline frame <paramref name="position"/> for
    /// <paramref name="length"/> frames.</summary>
    /// <param name="source">The audio; positional, at the session's sample rate.</param>
    /// <param name="position">The timeline frame of the clip's first sample (samples since midnight).</param>
    /// <param name="length">Timeline frames played, 1 or more.</param>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is below 1.</exception>
    public TimelineClip(IAudioSource source, long position, long length)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        Source = source;
        Position = position;
        _length = length;
    }

    /// <summary>Gets the audio the clip plays.</summary>
    public IAudioSource Source { get; }

    /// <summary>Gets the timeline frame of the clip's first sample (sample frames since midnight at the session rate).</summary>
    public long Position { get; }

    /// <summary>Gets the number of timeline frames the clip plays, 1 or more.</summary>
    public long Length => _length;

    /// <summary>Gets the timeline frame just after the clip's last sample.</summary>
    public long End => Position + _length;

    /// <summary>Gets or inits a name for diagnostics (the file name, say).</summary>
    public string? Name { get; init; }

    /// <summary>Gets or inits the source frame played at <see cref="Position"/>, 0 or more; default 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long SourceIn
    {
        get => _sourceIn;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _sourceIn = value;
        }
    }

    /// <summary>Gets or inits the clip gain in dB, −144 (silence) to +24; default 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the range, or NaN.</exception>
    public float GainDb
    {
        get => _gainDb;
        init
        {
            if (!(value >= Decibels.SilenceDb && value <= GainProcessor.MaxGainDb))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"Clip gain must be from {Decibels.SilenceDb} to {GainProcessor.MaxGainDb} dB.");
            }

            _gainDb = value;
        }
    }

    /// <summary>Gets or inits the fade-in length in frames, 0 (none, the default) to <see cref="Length"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or longer than the clip.</exception>
    public long FadeIn
    {
        get => _fadeIn;
        init => _fadeIn = CheckFade(value);
    }

    /// <summary>Gets or inits the fade-out length in frames, 0 (none, the default) to <see cref="Length"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or longer than the clip.</exception>
    public long FadeOut
    {
        get => _fadeOut;
        init => _fadeOut = CheckFade(value);
    }

    /// <summary>Gets or inits the fade-in curve; default <see cref="FadeShape.EqualPower"/>.</summary>
    public FadeShape FadeInShape
    {
        get => _fadeInShape;
        init => _fadeInShape = CheckShape(value);
    }

    /// <summary>Gets or inits the fade-out curve; default <see cref="FadeShape.EqualPower"/>.</summary>
    public FadeShape FadeOutShape
    {
        get => _fadeOutShape;
        init => _fadeOutShape = CheckShape(value);
    }

    private long CheckFade(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, _length);
        return value;
    }

    private static FadeShape CheckShape(FadeShape value) =>
        Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown fade shape.");
}
