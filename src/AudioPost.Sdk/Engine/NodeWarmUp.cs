using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Filters;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Dynamics;
using AudioPost.Sdk.Processing.Filters;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Processing.Restoration;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Timeline;

namespace AudioPost.Sdk.Engine;

/// <summary>
/// Runs a throwaway instance of a built-in processor, with all its parameters automated, once per type and channel
/// count per process, on the control thread that compiles a graph: the code a node reaches only when its parameters
/// move is then compiled before the audio thread needs it.
/// </summary>
/// <remarks>
/// <para>Why per node type: a filter at its resting settings (a 0 dB peak band) runs no filter code at all, and its
/// first frequency sweep, possibly minutes into a session, compiled 41 methods on the audio thread (the per-sample
/// coefficient path). Measured per built-in processor in a fresh process with the runtime settings of
/// <c>samples/GameHost</c>: first automation after the first block compiled 41 methods in the biquad and parametric
/// EQ, 14 in the Butterworth and Linkwitz-Riley filters, 3 in the compressor, multiband compressor and leveler, 2 in
/// the de-hummer, 1 in the surround panner, 3 in a timeline track's first fade, 4 in the noise reducer once its noise
/// tracker leaves start-up, none in the others; with this
/// warm-up, none anywhere
/// (<c>benchmarks/RealTimeFirstUse</c>, run by CI).</para>
/// <para>The user's node is never touched: its state, parameters and automation stay as they are. Cost, once per
/// process: the first compile of a graph with the seven warmed types (biquad, parametric EQ, Butterworth, compressor,
/// leveler, de-hum, multiband) took 146 ms against 32 ms before (<c>realtime-first-use compile-cost</c>).
/// Thread-safe; control thread; allocates.</para>
/// </remarks>
internal static class NodeWarmUp
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<(Type Type, int Channels)> Done = [];

    /// <summary>Exercises a throwaway copy of <paramref name="node"/>'s type at <paramref name="spec"/>, if it is a built-in type that needs it and this process has not yet.</summary>
    public static void EnsureDone(object node, in ProcessSpec spec)
    {
        lock (Gate)
        {
            if (!Done.Add((node.GetType(), spec.ChannelCount)))
            {
                return;
            }

            try
            {
                if (node is ClipTrackSource)
                {
                    ExerciseClipTrack(spec);
                }
                else if (Throwaway(node, spec.SampleRate) is { } throwaway)
                {
                    Exercise(throwaway.Processor, throwaway.Parameters, spec);
                }
            }
#pragma warning disable CA1031 // The warm-up is an optimisation: a throwaway that cannot run at this spec must not fail a graph the user's own node was prepared for.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private static (IAudioProcessor Processor, AudioParameter[] Parameters)? Throwaway(object node, int sampleRate)
    {
        switch (node)
        {
            case BiquadFilterProcessor:
                {
                    var filter = new BiquadFilterProcessor(BiquadType.Peak, 1000f, 0.7071f, 0f);
                    return (filter, [filter.Frequency, filter.Q, filter.Gain]);
                }

            case ParametricEqProcessor eq:
                {
                    var copy = new ParametricEqProcessor(eq.Bands.Count);
                    return (copy, [.. copy.Bands.SelectMany(b => new[] { b.Frequency, b.Q, b.Gain })]);
                }

            case ButterworthFilterProcessor butterworth:
                {
                    var filter = new ButterworthFilterProcessor(butterworth.Pass, butterworth.Order, 1000f);
                    return (filter, [filter.Frequency]);
                }

            case LinkwitzRileyFilterProcessor linkwitzRiley:
                {
                    var filter = new LinkwitzRileyFilterProcessor(linkwitzRiley.Pass, linkwitzRiley.Order, 1000f);
                    return (filter, [filter.Frequency]);
                }

            case CompressorProcessor:
                {
                    var compressor = new CompressorProcessor();
                    return (compressor, [compressor.Threshold, compressor.Ratio, compressor.Knee, compressor.Attack, compressor.Release, compressor.Makeup, compressor.Link]);
                }

            case MultibandCompressorProcessor multiband:
                {
                    var crossovers = new float[multiband.BandCount - 1];
                    var top = Math.Min(8_000f, 0.35f * sampleRate);
                    for (var i = 0; i < crossovers.Length; i++)
                    {
                        // Spread over 100 Hz to 8 kHz (or below Nyquist); the bands' code is the same whatever the split.
                        crossovers[i] = 100f * MathF.Pow(top / 100f, (i + 1f) / multiband.BandCount);
                    }

                    var copy = new MultibandCompressorProcessor(crossovers);
                    var parameters = new List<AudioParameter>();
                    for (var b = 0; b < copy.BandCount; b++)
                    {
                        var band = copy.GetBand(b);
                        parameters.AddRange([band.Threshold, band.Ratio, band.Knee, band.Attack, band.Release, band.Makeup]);
                    }

                    return (copy, [.. parameters]);
                }

            case LevelerProcessor:
                {
                    var leveler = new LevelerProcessor();
                    return (leveler, [leveler.Target, leveler.MaxBoost, leveler.MaxCut, leveler.Speed, leveler.Gate]);
                }

            case DeHumProcessor dehum:
                {
                    var copy = new DeHumProcessor(dehum.Frequency, dehum.Harmonics, dehum.TrackingRangeHz);
                    return (copy, [copy.Amount, copy.Bandwidth]);
                }

            case NoiseReductionProcessor noiseReduction:
                {
                    // The noise tracker leaves its start-up averaging after 0.25 s: its running code is first reached
                    // then (measured in a fresh process: 4 methods compiled on the audio thread after the first block
                    // without this, 0 with it).
                    var copy = new NoiseReductionProcessor(NoiseReductionProcessor.DefaultReductionDb, noiseReduction.LinkChannels) { HumRemoval = noiseReduction.HumRemoval };
                    return (copy, [copy.Reduction]);
                }

            case SurroundPannerProcessor panner:
                {
                    var copy = new SurroundPannerProcessor(panner.Layout);
                    return (copy, [copy.Azimuth, copy.Elevation, copy.Spread, copy.LfeLevel]);
                }

            default:
                return null;
        }
    }

    // Rests, ramps every parameter to 70 % of its range, then sets each to 20 % (the glide), to its minimum and to its
    // maximum, over noise with loud bursts: long enough (1.75 s) for the paths that wait for history (a leveler's
    // loudness histogram, a de-hummer's fade when it finds no hum) to run too.
    private static void Exercise(IAudioProcessor processor, AudioParameter[] parameters, ProcessSpec spec)
    {
        processor.Prepare(spec);
        var rate = spec.SampleRate;
        var block = spec.MaxBlockFrames;
        var channels = Math.Max(spec.ChannelCount, processor.GetOutputChannelCount(spec.ChannelCount));
        var storage = new float[channels * block];
        var seed = 0x2545F491u;
        var frame = 0L;
        void Render(double seconds)
        {
            for (var n = 0; n < Math.Ceiling(seconds * rate / block); n++, frame += block)
            {
                // Alternating quiet and loud 0.1 s stretches, so that detectors and gates open and close.
                var gain = frame / (rate / 10) % 2 == 0 ? 0.02f : 1.6f;
                for (var i = 0; i < storage.Length; i++)
                {
                    seed = (seed * 1664525u) + 1013904223u;
                    storage[i] = ((seed >> 8) / 16777216f - 0.5f) * gain;
                }

                processor.Process(new AudioBlock(storage, channels, block), new ProcessContext(frame, frame, rate, isOffline: false));
            }
        }

        void SetAll(float share)
        {
            foreach (var parameter in parameters)
            {
                parameter.Value = parameter.Minimum + (share * (parameter.Maximum - parameter.Minimum));
            }
        }

        Render(0.5);
        var rampEnd = frame + (rate / 4);
        foreach (var parameter in parameters)
        {
            parameter.SetValueAtTime(parameter.CurrentValue, frame).LinearRampToValueAtTime(parameter.Minimum + (0.7f * (parameter.Maximum - parameter.Minimum)), rampEnd);
        }

        Render(0.5);
        SetAll(0.2f);
        Render(0.25);
        SetAll(0f);
        Render(0.25);
        SetAll(1f);
        Render(0.25);
    }

    // A track whose clips fade in and out with every shape and cross-fade where they overlap: the envelope code a
    // timeline first reaches when playback gets to its first fade, which may be minutes in.
    private static void ExerciseClipTrack(ProcessSpec spec)
    {
        var rate = spec.SampleRate;
        var fade = rate / 100;
        var clips = new List<TimelineClip>();
        var shapes = new[] { FadeShape.Linear, FadeShape.EqualPower, FadeShape.SCurve };
        for (var i = 0; i < shapes.Length; i++)
        {
            // Each clip overlaps the next by one fade: fade-outs, fade-ins and cross-fades of every shape.
            clips.Add(new TimelineClip(new ToneSource(440f, -12f, spec.ChannelCount), i * 4L * fade, 5L * fade)
            {
                FadeIn = fade,
                FadeOut = fade,
                FadeInShape = shapes[i],
                FadeOutShape = shapes[(i + 1) % shapes.Length],
                GainDb = -3f * i,
            });
        }

        var track = new ClipTrackSource(spec.ChannelCount, clips);
        track.Prepare(spec);
        var storage = new float[spec.ChannelCount * spec.MaxBlockFrames];
        for (var frame = 0L; frame < 16L * fade; frame += spec.MaxBlockFrames)
        {
            track.Read(new AudioBlock(storage, spec.ChannelCount, spec.MaxBlockFrames), new ProcessContext(frame, frame, rate, isOffline: false));
        }
    }
}
