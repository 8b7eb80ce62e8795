using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Filters;
using AudioPost.Sdk.Dsp.Restoration;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Dynamics;
using AudioPost.Sdk.Processing.Filters;
using AudioPost.Sdk.Processing.Restoration;

namespace AudioPost.Sdk.Mastering;

/// <summary>
/// The one-call podcast clean-up: high-pass → de-hum → noise reduction → de-ess → EQ → compressor → leveler →
/// loudness normalisation (default −16 LUFS, −1 dBTP, through <see cref="LoudnessNormalizer"/>), file to file, with a
/// report of loudness, noise floor and gain riding.
/// </summary>
/// <remarks>
/// <para><b>Procedure.</b> The input is streamed once through the processors (prepared for its rate and channels; their
/// summed latency is compensated: the first frames are dropped and zeros flush the tail, so the output is aligned with
/// and as long as the input) into a temporary 32-bit float WAV file beside the system's temporary folder, measured on
/// the way (input loudness, both noise floors); the normaliser then reads that file and writes the delivery through
/// <c>createOutput</c>, with the input's metadata and the delivered loudness in <c>bext</c>. The temporary file is
/// deleted at the end, also on failure.</para>
/// <para><b>Threads.</b> Blocking I/O; allocates; not for an audio thread. Calls with distinct readers may run
/// concurrently.</para>
/// </remarks>
public static class PodcastChain
{
    private const int BlockFrames = 4096;

    /// <summary>Cleans <paramref name="input"/> and writes the delivery through <paramref name="createOutput"/>.</summary>
    /// <param name="input">The recording; read from its start (it must support seeking to 0).</param>
    /// <param name="createOutput">Creates the writer for the input's rate and layout given the metadata to store; the
    /// chain completes and disposes it.</param>
    /// <param name="options">Settings, or null for the defaults.</param>
    /// <param name="cancellationToken">Checked between blocks.</param>
    /// <returns>The measurements and what was applied.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="createOutput"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The chain's output has no measurable loudness (silence).</exception>
    /// <exception cref="IOException">Reading or writing failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static PodcastReport Process(
        IAudioFileReader input, Func<AudioMetadata, IAudioFileWriter> createOutput, PodcastChainOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(createOutput);
        options ??= new PodcastChainOptions();
        var target = new NormalizationTarget(options.TargetLufs, options.TruePeakDbtp, "podcast-chain");
        var info = input.Info;
        var stages = new List<(string Name, IAudioProcessor Processor)>();
        DeHumProcessor? dehum = null;
        LevelerProcessor? leveler = null;
        if (options.HighPassHz > 0)
        {
            stages.Add(("highpass", new BiquadFilterProcessor(BiquadType.HighPass, options.HighPassHz, 0.7071f)));
        }

        if (options.Hum is { } hum)
        {
            dehum = new DeHumProcessor(hum, options.HumHarmonics);
            stages.Add(("dehum", dehum));
        }

        if (options.NoiseReduction is { } noiseReduction)
        {
            stages.Add(("denoise", noiseReduction()));
        }

        if (options.DeEsserThresholdDb is { } deEss)
        {
            stages.Add(("deesser", new DeEsserProcessor(thresholdDb: deEss)));
        }

        if (options.PresenceDb != 0)
        {
            stages.Add(("eq", new BiquadFilterProcessor(BiquadType.Peak, 3_000f, 1f, options.PresenceDb)));
        }

        if (options.CompressorThresholdDb is { } threshold)
        {
            stages.Add(("compressor", new CompressorProcessor(threshold, 3f, 6f, 10f, 150f)));
        }

        if (options.LevelerTargetLufs is { } level)
        {
            leveler = new LevelerProcessor(level, options.LevelerRangeDb, options.LevelerRangeDb);
            stages.Add(("leveler", leveler));
        }

        var temporary = Path.Combine(Path.GetTempPath(), $"audiopost-podcast-{Guid.NewGuid():N}.wav");
        try
        {
            var inputMeter = new Dsp.Loudness.LoudnessMeter(info.SampleRate, info.ChannelLayout);
            var floorBefore = new NoiseFloorMeter(info.SampleRate);
            var floorChain = new NoiseFloorMeter(info.SampleRate);
            using (var writer = AudioFormatRegistry.Default.Create(temporary, info.Spec, SampleFormat.Float32))
            {
                Render(input, stages, inputMeter, floorBefore, floorChain, writer, cancellationToken);
                writer.Complete();
            }

            NormalizationResult normalization;
            using (var chained = AudioFormatRegistry.Default.OpenRead(temporary))
            {
                normalization = new LoudnessNormalizer(target).Normalize(
                    chained,
                    metadata => createOutput(WithInputMetadata(info.Metadata, metadata)),
                    cancellationToken);
            }

            return new PodcastReport
            {
                Normalization = normalization,
                InputLoudnessLufs = inputMeter.Integrated,
                InputTruePeakDbtp = inputMeter.TruePeak,
                NoiseFloorBeforeDbfs = floorBefore.NoiseFloorDbfs,
                NoiseFloorAfterDbfs = floorChain.NoiseFloorDbfs + normalization.GainDb,
                LevelerMinGainDb = leveler?.MinGainDb ?? 0,
                LevelerMaxGainDb = leveler?.MaxGainDb ?? 0,
                LevelerMeanGainDb = leveler?.MeanGainDb ?? 0,
                Hum = dehum?.DetectedFrequency,
                Stages = [.. stages.Select(s => s.Name)],
            };
        }
        finally
        {
            try
            {
                File.Delete(temporary);
            }
            catch (IOException)
            {
                // Best effort: a temporary file left behind is not worth failing the delivery for.
            }
        }
    }

    // The input's metadata, with the delivered loudness the normaliser measured in the bext fields.
    private static AudioMetadata WithInputMetadata(AudioMetadata input, AudioMetadata normalized) =>
        input with
        {
            Broadcast = (input.Broadcast ?? new BroadcastExtension()) with
            {
                LoudnessValue = normalized.Broadcast?.LoudnessValue,
                LoudnessRange = normalized.Broadcast?.LoudnessRange,
                MaxTruePeakLevel = normalized.Broadcast?.MaxTruePeakLevel,
                MaxMomentaryLoudness = normalized.Broadcast?.MaxMomentaryLoudness,
                MaxShortTermLoudness = normalized.Broadcast?.MaxShortTermLoudness,
            },
        };

    private static void Render(
        IAudioFileReader input,
        List<(string Name, IAudioProcessor Processor)> stages,
        Dsp.Loudness.LoudnessMeter inputMeter,
        NoiseFloorMeter floorBefore,
        NoiseFloorMeter floorChain,
        IAudioFileWriter writer,
        CancellationToken cancellationToken)
    {
        var info = input.Info;
        var spec = new ProcessSpec(info.SampleRate, BlockFrames, info.ChannelCount);
        var latency = 0;
        foreach (var (_, processor) in stages)
        {
            processor.Prepare(spec);
            latency += processor.LatencyFrames;
        }

        long frame = 0;
        using var buffer = new AudioBuffer(info.ChannelCount, BlockFrames);
        var pass = new LatencyCompensatedRead(input, buffer, latency);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!pass.Next(out var block, out var isInput))
            {
                break;
            }

            if (isInput)
            {
                inputMeter.Process(block);
                floorBefore.Process(block);
            }

            var context = new ProcessContext(frame, frame, info.SampleRate, isOffline: true);
            foreach (var (_, processor) in stages)
            {
                processor.Process(block, context);
            }

            frame += block.FrameCount;
            var output = pass.Trim(block);
            if (output.FrameCount > 0)
            {
                floorChain.Process(output);
                writer.Write(output);
            }
        }
    }
}
