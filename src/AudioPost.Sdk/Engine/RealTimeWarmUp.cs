using System.Numerics.Tensors;
using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Loudness;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Dsp.Dynamics;

namespace AudioPost.Sdk.Engine;

/// <summary>
/// Runs, once per process and on a control thread, the shared kernels that audio threads reach only later in a
/// session (the first fader ramp, the first automation curve), so that their first use does not happen on the audio
/// thread.
/// </summary>
/// <remarks>
/// <para>Why: the first call of a method makes the runtime compile it and load the types it names, and that work can
/// allocate on the calling thread. Measured on the GameHost sample: the first gain ramp, a game event well after the
/// first block, reached <see cref="Decibels.ToGain(ReadOnlySpan{float}, Span{float})"/> for the first time and
/// allocated 6,192 bytes on the audio thread when the runtime grew a table of its own (with tiered compilation off it
/// happens every time; with it on, on some machines). Which call pays is not predictable, so every vector kernel the
/// nodes share is called here, at block lengths that take each of its code paths (scalar tail, one vector, many).</para>
/// <para>Node-specific code still compiles on its first block; the allocation tests of each node render after a
/// warm-up for that reason, and a host renders a block before it goes live (the GameHost sample does, and starts its
/// allocation count after that block).</para>
/// <para>Thread-safe; runs once. Control thread: allocates a few kilobytes of scratch. Cost: the first compile in a
/// process (one gain node) took 204 ms against 64 ms before, almost all of it compiling the kernels, which is the work
/// the audio thread no longer does.</para>
/// </remarks>
internal static class RealTimeWarmUp
{
    private static readonly Lock Gate = new();
    private static bool _done;

    /// <summary>Runs the warm-up if this process has not yet; otherwise returns at once.</summary>
    public static void EnsureDone()
    {
        if (Volatile.Read(ref _done))
        {
            return;
        }

        lock (Gate)
        {
            if (_done)
            {
                return;
            }

            foreach (var length in (ReadOnlySpan<int>)[1, 7, 19, 67, 261])
            {
                Kernels(length);
            }

            Automation();
            Loudness();
            Volatile.Write(ref _done, true);
        }
    }

    private static void Kernels(int length)
    {
        var a = new float[length];
        var b = new float[length];
        var c = new float[length];
        var wide = new double[length];
        for (var i = 0; i < length; i++)
        {
            a[i] = 0.25f - (i * 0.001f);
            b[i] = -6f + (i % 13);
        }

        TensorPrimitives.Add(a, b, c);
        TensorPrimitives.Subtract(a, b, c);
        TensorPrimitives.Subtract(1f, a, c);
        TensorPrimitives.Multiply(a, b, c);
        TensorPrimitives.Multiply(a, 0.5f, c);
        TensorPrimitives.MultiplyAdd(a, b, c, c);
        TensorPrimitives.MultiplyAdd(a, 0.5f, c, c);
        TensorPrimitives.Max(a, b, c);
        TensorPrimitives.Max(a, 1e-8f, c);
        TensorPrimitives.Min(a, 24f, c);
        TensorPrimitives.Negate(a, c);
        TensorPrimitives.Abs(a, c); // Non-negative, for the square root and the logarithm below.
        TensorPrimitives.Sqrt(c, c);
        TensorPrimitives.Exp(a, c);
        TensorPrimitives.Log(c, c);
        _ = TensorPrimitives.Dot(a, b);
        _ = TensorPrimitives.SumOfSquares(a);
        _ = TensorPrimitives.MaxMagnitude(a);
        TensorPrimitives.ConvertTruncating(a, wide);
        TensorPrimitives.ConvertTruncating(wide, c);
        TensorPrimitives.ConvertChecked(a, wide);

        Decibels.ToGain(b, c);
        GainMath.ToGain(b, c);
        GainComputer.CompressorReductionDb(b, c, -20f, 4f, 6f);
        AudioMath.ApplyGain(a, 0.5f, c);
        AudioMath.ApplyGain(a, b, c);
        AudioMath.ApplyGainRamp(a, 0f, 1f, c);
        AudioMath.MixInto(a, 0.5f, c);
        _ = AudioMath.Peak(a);
        _ = AudioMath.Rms(a);
    }

    // The BS.1770 meter inside meter taps, the leveler and the normalizer starts its live loudness range only after
    // some seconds of history: 4 s of noise takes it there.
    private static void Loudness()
    {
        // The meter's code is the same at any rate; at 8 kHz the 4 s cost a sixth of what they cost at 48 kHz.
        const int Rate = 8000;
        const int Block = 256;
        var meter = new LoudnessMeter(Rate, ChannelLayout.Stereo);
        var samples = new float[2 * Block];
        var seed = 0x9E3779B9u;
        for (var frame = 0; frame < 4 * Rate; frame += Block)
        {
            var gain = frame / (Rate / 2) % 2 == 0 ? 0.05f : 0.5f;
            for (var i = 0; i < samples.Length; i++)
            {
                seed = (seed * 1664525u) + 1013904223u;
                samples[i] = ((seed >> 8) / 16777216f - 0.5f) * gain;
            }

            meter.Process(new ReadOnlyAudioBlock(samples, 2, Block));
        }
    }

    // Every kind of automation event and both cancels, through blocks that start, cross and end curves.
    private static void Automation()
    {
        const int Block = 64;
        var parameter = new AudioParameter("warm-up", 0f, -96f, 24f);
        parameter.Prepare(48000, Block);
        parameter.SetValueAtTime(-6f, 10)
            .LinearRampToValueAtTime(-12f, 100)
            .ExponentialRampToValueAtTime(-3f, 200)
            .SetTargetAtTime(-20f, 250, 48);
        parameter.CancelScheduledValues(400);
        parameter.CancelAndHoldAtTime(300);
        for (var frame = 0L; frame < 8 * Block; frame += Block)
        {
            _ = parameter.Process(frame, Block);
        }

        parameter.Value = 6f;
        for (var frame = 8L * Block; frame < 20 * Block; frame += Block)
        {
            _ = parameter.Process(frame, Block);
        }
    }
}
