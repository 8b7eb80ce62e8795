using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Restoration;

namespace AudioPost.Sdk.Processing.Restoration;

/// <summary>
/// Spectral noise reduction as a graph node: a <see cref="SpectralDenoiser"/> (STFT overlap-add, about 40 ms frames,
/// 10 ms hop) with the reduction amount as an <see cref="AudioParameter"/> and an optional learned
/// <see cref="NoiseProfile"/>. Without a profile the noise is estimated continuously (MCRA-style minimum tracking),
/// so it adapts to a changing noise floor and needs about a second of audio to settle. Mains hum is detected and
/// removed before the spectral stage by an adaptive canceller (<see cref="HumRemoval"/>), so it falls far below the
/// reduction amount.
/// </summary>
/// <remarks>
/// <para><b>Latency.</b> <see cref="LatencyFrames"/> is the STFT frame size (1 920 frames, 40 ms, at 48 kHz); the graph
/// compensates parallel paths for it. An offline user that wants the output aligned with the input drops the first
/// <see cref="LatencyFrames"/> output frames and feeds as many frames of silence at the end (the CLI's
/// <c>denoise</c> does).</para>
/// <para><b>Channels.</b> Any count. Linked by default (one estimate and one set of gains from the channels' mean
/// power), so the stereo image does not move; unlinked treats each channel on its own.</para>
/// <para><b>Threads.</b> Construct, <see cref="Prepare"/>, <see cref="LearnNoiseProfile"/> on a control thread.
/// <see cref="Reduction"/> and <see cref="Profile"/> may be changed from any thread while rendering: the reduction is
/// evaluated per block and applied per 10 ms hop (the value at the end of the latest block), a profile swap takes
/// effect at the next hop. <see cref="Process"/> and <see cref="Reset"/> follow the real-time rules.</para>
/// </remarks>
public sealed class NoiseReductionProcessor : IAudioProcessor
{
    private SpectralDenoiser? _denoiser;
    private NoiseProfile? _profile;

    /// <summary>Creates a noise reducer.</summary>
    /// <param name="reductionDb">The reduction amount in dB, 0 to 60 (the gain floor: the most any frequency is
    /// attenuated, and how much a noise-only passage is lowered); default <see cref="DefaultReductionDb"/>.</param>
    /// <param name="linkChannels">Whether all channels share one noise estimate and one set of gains (default true).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reductionDb"/> is outside 0 to 60.</exception>
    public NoiseReductionProcessor(float reductionDb = DefaultReductionDb, bool linkChannels = true)
    {
        if (!(reductionDb >= 0f && reductionDb <= SpectralDenoiser.MaxReductionDb))
        {
            throw new ArgumentOutOfRangeException(nameof(reductionDb), reductionDb, $"Must be 0 to {SpectralDenoiser.MaxReductionDb} dB.");
        }

        Reduction = new AudioParameter("reduction", reductionDb, 0f, SpectralDenoiser.MaxReductionDb);
        LinkChannels = linkChannels;
    }

    /// <summary>The default reduction amount, in dB.</summary>
    public const float DefaultReductionDb = 12f;

    /// <summary>Gets the reduction amount parameter, in dB (0 to 60). 0 passes the input through, delayed.</summary>
    public AudioParameter Reduction { get; }

    /// <summary>Gets whether the channels share one noise estimate and one set of gains.</summary>
    public bool LinkChannels { get; }

    /// <summary>
    /// Gets or initialises whether mains hum is removed before the spectral stage: <see cref="HumRemoval.Auto"/> (the
    /// default) detects a 50 or 60 Hz harmonic series and removes it with an adaptive, drift-tracking canceller
    /// (no added latency); audio without hum is left to the spectral stage alone. Read at <see cref="Prepare"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not one of the named values (thrown by <see cref="Prepare"/>).</exception>
    public HumRemoval HumRemoval { get; init; } = HumRemoval.Auto;

    /// <summary>
    /// Gets the hum family being removed (<see cref="HumRemoval.Hz50"/> or <see cref="HumRemoval.Hz60"/>), or
    /// <see cref="HumRemoval.Off"/> while none is. Audio thread, or any thread for a reading that may be a hop old.
    /// </summary>
    public HumRemoval ActiveHumRemoval => _denoiser?.ActiveHumRemoval ?? HumRemoval.Off;

    /// <summary>
    /// Gets or sets a learned noise profile, or null (the default) for continuous estimation. Any thread; takes
    /// effect at the next hop. A profile set before <see cref="Prepare"/> is checked there.
    /// </summary>
    /// <exception cref="ArgumentException">Prepared, and the profile's sample rate or channel count does not fit
    /// (it needs the same rate and 1 or the prepared number of channels).</exception>
    public NoiseProfile? Profile
    {
        get => Volatile.Read(ref _profile);
        set
        {
            if (_denoiser is { } denoiser)
            {
                denoiser.Profile = value;
            }

            Volatile.Write(ref _profile, value);
        }
    }

    /// <summary>Gets the STFT frame size in samples after <see cref="Prepare"/> (0 before).</summary>
    public int FrameSize => _denoiser?.FrameSize ?? 0;

    /// <inheritdoc />
    /// <remarks>The STFT frame size: about 40 ms (1 920 frames at 48 kHz). 0 before <see cref="Prepare"/>.</remarks>
    public int LatencyFrames => _denoiser?.LatencyFrames ?? 0;

    /// <inheritdoc />
    public int TailFrames => LatencyFrames;

    /// <summary>
    /// Learns a noise profile from noise-only audio at the prepared sample rate and uses it from the next hop
    /// (see <see cref="NoiseProfile.Learn"/>). Control thread; allocates. Returns the profile.
    /// </summary>
    /// <param name="noise">Noise-only audio, at least one STFT frame long; 1 or the prepared number of channels.</param>
    /// <exception cref="InvalidOperationException">Not prepared.</exception>
    /// <exception cref="ArgumentException">Too short, or a channel count that does not fit.</exception>
    public NoiseProfile LearnNoiseProfile(ReadOnlyAudioBlock noise)
    {
        var denoiser = _denoiser ?? throw new InvalidOperationException("Prepare the noise reducer before learning a profile: the profile depends on the sample rate.");
        var profile = NoiseProfile.Learn(noise, denoiser.SampleRate);
        Profile = profile;
        return profile;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">No channels, too many, or a sample rate outside 8 kHz to 384 kHz.</exception>
    /// <exception cref="ArgumentException">A profile set earlier does not fit the spec.</exception>
    public void Prepare(in ProcessSpec spec)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.ChannelCount, 1);
        var profile = Profile;
        if (profile is not null)
        {
            SpectralDenoiser.CheckProfile(profile, spec.SampleRate, spec.ChannelCount);
        }

        Reduction.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        _denoiser = new SpectralDenoiser(spec.SampleRate, spec.ChannelCount, LinkChannels, Reduction.CurrentValue, HumRemoval)
        {
            Profile = profile,
        };
    }

    /// <inheritdoc />
    public void Reset()
    {
        Reduction.Reset();
        _denoiser?.Reset();
    }

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        var denoiser = _denoiser;
        if (denoiser is null || buffer.FrameCount == 0)
        {
            return;
        }

        denoiser.ReductionDb = Reduction.Process(context.TimelineFrame, buffer.FrameCount).Last;
        denoiser.Process(buffer);
    }
}
