using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Dynamics;
using AudioPost.Sdk.Dsp.Loudness;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Metadata;

namespace AudioPost.Sdk.Mastering;

/// <summary>
/// Offline loudness normalisation of a file (REFERENCE.md §1.9): one gain for all channels brings the integrated
/// loudness (LUFS) to the target; where that gain would break the true-peak ceiling (dBTP), a
/// <see cref="TruePeakLimiter"/> holds the peaks under it. Streams in blocks: memory does not grow with the file.
/// </summary>
/// <remarks>
/// <para><b>Procedure.</b> (1) Measure the input. (2) Gain = target − measured; if input true peak + gain stays under
/// the ceiling, gain alone is enough (exact: BS.1770 loudness and true peak scale with gain). Otherwise the gained
/// signal goes through the limiter, which lowers the loudness a little; a dry run renders and measures the output and
/// corrects the gain by target − measured, repeated until the output is within 0.02 LU (usually one or two
/// corrections; at most <see cref="MaxDryRuns"/> dry runs). The limiter keeps the ceiling whatever the gain, so the
/// correction never trades the ceiling for loudness. (3) The final pass renders the same deterministic chain again and
/// writes it, with the output's measured loudness (from the last dry run) in the <c>bext</c> version 2 fields, since a
/// WAV writer puts <c>bext</c> before the audio. Values are measured on the 32-bit float render; PCM of 16 bits or
/// more changes them by far less than the 0.01 resolution of <c>bext</c>, except where a value sits on a rounding
/// edge.</para>
/// <para><b>Alignment.</b> The limiter's latency is compensated: its first <see cref="TruePeakLimiter.LatencyFrames"/>
/// output frames are dropped and as many zeros flush it at the end, so the output has the input's length and is
/// sample-aligned with it.</para>
/// <para><b>Threads.</b> Not thread-safe per call (the reader is used by one call); distinct normalisers or calls on
/// distinct readers may run concurrently. Blocking I/O; allocates its buffers per call; not for an audio thread.</para>
/// </remarks>
public sealed class LoudnessNormalizer
{
    /// <summary>How close to the target the output is guaranteed to measure, in LU: ±0.1.</summary>
    public const double ToleranceLu = 0.1;

    /// <summary>The most dry runs (render and measure without writing) made to correct the gain after limiting.</summary>
    public const int MaxDryRuns = 6;

    // Aim well inside the tolerance so that PCM quantisation and bext rounding cannot push the result out.
    private const double ConvergenceLu = 0.02;

    /// <summary>
    /// The default <see cref="TruePeakMarginDb"/>, 0.3 dB: true-peak meters with other interpolation filters read up to
    /// about 0.2 dB above the BS.1770 Annex 2 filter on broadband transients (libebur128's windowed sinc does; see
    /// REFERENCE.md §1.8), so the result must stay that far under the ceiling to pass their QC too.
    /// </summary>
    public const double DefaultTruePeakMarginDb = 0.3;

    private double _truePeakMarginDb = DefaultTruePeakMarginDb;

    private const int BlockFrames = 8192;

    /// <summary>Creates a normaliser for <paramref name="target"/>.</summary>
    /// <param name="target">The loudness and ceiling to reach.</param>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
    public LoudnessNormalizer(NormalizationTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
    }

    /// <summary>Gets the target.</summary>
    public NormalizationTarget Target { get; }

    /// <summary>
    /// Gets how far under the ceiling the output's true peak (by this SDK's meter) is held, in dB, 0 to 3; default
    /// <see cref="DefaultTruePeakMarginDb"/>. Gain alone is used when the predicted true peak stays this far under the
    /// ceiling; otherwise the limiter aims here.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0 to 3.</exception>
    public double TruePeakMarginDb
    {
        get => _truePeakMarginDb;
        init
        {
            if (!(value >= 0 && value <= 3))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The margin must be 0 to 3 dB.");
            }

            _truePeakMarginDb = value;
        }
    }

    /// <summary>Measures a whole file from its start (LUFS, LU, dBTP, dBFS), leaving the reader at its end.</summary>
    /// <param name="input">The file; must support <see cref="IAudioFileReader.Seek"/> to 0.</param>
    /// <param name="cancellationToken">Checked between blocks.</param>
    /// <returns>The meter, having measured the file (for <see cref="LoudnessMeter.Combine"/> or its readings).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The file's sample rate is outside 8–384 kHz.</exception>
    /// <exception cref="IOException">Reading failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static LoudnessMeter Measure(IAudioFileReader input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var meter = new LoudnessMeter(input.Info.SampleRate, input.Info.ChannelLayout);
        input.Seek(0);
        using var buffer = new AudioBuffer(input.Info.ChannelCount, BlockFrames);
        int frames;
        while ((frames = input.Read(buffer.Block)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            meter.Process(buffer.GetBlock(frames));
        }

        return meter;
    }

    /// <summary>
    /// Normalises <paramref name="input"/> into the writer <paramref name="createOutput"/> returns (file to file,
    /// streaming). The writer is created once, after the measurement passes, with the input's metadata whose
    /// <c>bext</c> (created when absent) carries the output's measured loudness; the normaliser completes and disposes it.
    /// </summary>
    /// <param name="input">The source; read from its start several times (it must support seeking to 0).</param>
    /// <param name="createOutput">Creates the writer for the input's rate and layout given the metadata to store.</param>
    /// <param name="cancellationToken">Checked between blocks.</param>
    /// <returns>The measurements and what was applied.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">The input has no measurable loudness (silence or shorter than 400 ms).</exception>
    /// <exception cref="IOException">Reading or writing failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public NormalizationResult Normalize(
        IAudioFileReader input, Func<AudioMetadata, IAudioFileWriter> createOutput, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(createOutput);

        var before = Measure(input, cancellationToken).GetSnapshot();
        if (double.IsNegativeInfinity(before.Integrated))
        {
            throw new InvalidOperationException("The input has no measurable loudness (silence, or shorter than one 400 ms gating block), so no gain can be derived.");
        }

        var passes = 1;
        var gainDb = Target.IntegratedLufs - before.Integrated;
        var limited = before.TruePeak + gainDb > Target.TruePeakCeilingDbtp - TruePeakMarginDb;
        LoudnessSnapshot after;
        double reduction;
        for (var run = 1; ; run++)
        {
            var meter = new LoudnessMeter(input.Info.SampleRate, input.Info.ChannelLayout);
            reduction = Render(input, gainDb, limited, meter, writer: null, cancellationToken);
            passes++;
            after = meter.GetSnapshot();
            var error = Target.IntegratedLufs - after.Integrated;
            if (!limited || Math.Abs(error) <= ConvergenceLu || run == MaxDryRuns || !double.IsFinite(error))
            {
                break;
            }

            gainDb += error;
        }

        var metadata = input.Info.Metadata with { Broadcast = WithLoudness(input.Info.Metadata.Broadcast, after) };
        using (var writer = createOutput(metadata) ?? throw new InvalidOperationException("createOutput returned null."))
        {
            Render(input, gainDb, limited, meter: null, writer, cancellationToken);
            writer.Complete();
        }

        passes++;

        return new NormalizationResult
        {
            Target = Target,
            Input = before,
            Output = after,
            GainDb = gainDb,
            Limited = limited,
            MaxLimiterGainReductionDb = reduction,
            Passes = passes,
        };
    }

    /// <summary>Returns <paramref name="source"/> (or a new extension) with the five loudness fields set from
    /// <paramref name="reading"/>, rounded to the stored 0.01; undefined readings (−∞, NaN) leave a field empty.</summary>
    /// <param name="source">The extension to keep the other fields of, or null.</param>
    /// <param name="reading">The measured loudness.</param>
    /// <returns>The extension to write (version 2).</returns>
    public static BroadcastExtension WithLoudness(BroadcastExtension? source, LoudnessSnapshot reading) =>
        (source ?? new BroadcastExtension()) with
        {
            LoudnessValue = Stored(reading.Integrated),
            LoudnessRange = Stored(reading.LoudnessRange),
            MaxTruePeakLevel = Stored(reading.TruePeak),
            MaxMomentaryLoudness = Stored(reading.MaxMomentary),
            MaxShortTermLoudness = Stored(reading.MaxShortTerm),
        };

    private static double? Stored(double value) =>
        double.IsFinite(value)
            ? BroadcastExtension.RoundToStored(Math.Clamp(value, BroadcastExtension.MinLoudness, BroadcastExtension.MaxLoudness))
            : null;

    // Renders gain (and limiter) from the input's start into the meter and/or writer; returns the limiter's largest
    // gain reduction in dB. Deterministic, so a dry run and the final pass produce the same samples.
    private double Render(
        IAudioFileReader input, double gainDb, bool limited, LoudnessMeter? meter, IAudioFileWriter? writer, CancellationToken cancellationToken)
    {
        var info = input.Info;
        var limiter = limited ? new TruePeakLimiter(info.SampleRate, info.ChannelCount, Target.TruePeakCeilingDbtp, safetyMarginDb: TruePeakMarginDb) : null;
        var gain = (float)Math.Pow(10, gainDb / 20);
        using var buffer = new AudioBuffer(info.ChannelCount, BlockFrames);

        // The limiter's first LatencyFrames frames are the zeros its delay line started with: dropped, and zeros
        // after the input push its last frames out.
        var pass = new LatencyCompensatedRead(input, buffer, limiter?.LatencyFrames ?? 0);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!pass.Next(out var block, out var isInput))
            {
                break;
            }

            if (isInput)
            {
                for (var c = 0; c < info.ChannelCount; c++)
                {
                    foreach (ref var sample in block[c])
                    {
                        sample *= gain;
                    }
                }
            }

            limiter?.Process(block);
            var output = pass.Trim(block);
            if (output.FrameCount == 0)
            {
                continue;
            }

            meter?.Process(output);
            writer?.Write(output);
        }

        return limiter?.MaxGainReductionDb ?? 0;
    }
}
