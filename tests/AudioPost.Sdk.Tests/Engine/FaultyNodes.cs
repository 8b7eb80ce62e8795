using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sources;

namespace AudioPost.Sdk.Tests.Engine;

/// <summary>A processor that throws (an exception it creates once, up front) when it reaches stream frame <see cref="At"/>, and doubles its input before that.</summary>
internal sealed class ThrowingProcessor(long at) : IAudioProcessor
{
    private readonly InvalidOperationException _error = new("the plug-in crashed");

    public long At { get; } = at;

    public int Calls { get; private set; }

    public int GetOutputChannelCount(int inputChannelCount) => inputChannelCount;

    public void Prepare(in ProcessSpec spec)
    {
    }

    public void Reset()
    {
    }

    public void Process(AudioBlock block, in ProcessContext context)
    {
        Calls++;
        if (context.StreamFrame + block.FrameCount > At)
        {
            throw _error;
        }

        for (var c = 0; c < block.ChannelCount; c++)
        {
            foreach (ref var sample in block[c])
            {
                sample *= 2;
            }
        }
    }
}

/// <summary>A source that throws on every block.</summary>
internal sealed class ThrowingSource : IAudioSource
{
    public int ChannelCount => 1;

    public void Prepare(in ProcessSpec spec)
    {
    }

    public void Reset()
    {
    }

    public void Read(AudioBlock destination, in ProcessContext context) => throw new InvalidDataException("corrupt stream");
}

/// <summary>A pass-through that busy-waits <see cref="SpinTicks"/> Stopwatch ticks on the blocks listed in <see cref="SlowBlocks"/> (all blocks when empty).</summary>
internal sealed class SpinProcessor(long spinTicks, params int[] slowBlocks) : IAudioProcessor
{
    private int _block;

    public long SpinTicks { get; } = spinTicks;

    public int[] SlowBlocks { get; } = slowBlocks;

    public int GetOutputChannelCount(int inputChannelCount) => inputChannelCount;

    public void Prepare(in ProcessSpec spec)
    {
    }

    public void Reset()
    {
    }

    public void Process(AudioBlock block, in ProcessContext context)
    {
        var index = _block++;
        if (SlowBlocks.Length == 0 || Array.IndexOf(SlowBlocks, index) >= 0)
        {
            var end = System.Diagnostics.Stopwatch.GetTimestamp() + SpinTicks;
            while (System.Diagnostics.Stopwatch.GetTimestamp() < end)
            {
            }
        }
    }
}

/// <summary>
/// A processor that, from stream frame <see cref="At"/> on, calls a method no other code calls (a generic method over
/// a type of its own, so no other test can have compiled that instantiation): the mid-stream first use the engine's
/// <c>AudioThreadCompiledMethods</c> must see. Writes 1 from then on, its input before.
/// </summary>
internal sealed class LateCodeProcessor(long at) : IAudioProcessor
{
    public long At { get; } = at;

    public int GetOutputChannelCount(int inputChannelCount) => inputChannelCount;

    public void Prepare(in ProcessSpec spec)
    {
    }

    public void Reset()
    {
    }

    public void Process(AudioBlock block, in ProcessContext context)
    {
        if (context.StreamFrame >= At)
        {
            LatePath<LateCodeMarker>.Fill(block);
        }
    }

    private readonly struct LateCodeMarker;

    private static class LatePath<T>
        where T : struct
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        public static void Fill(AudioBlock block)
        {
            for (var c = 0; c < block.ChannelCount; c++)
            {
                block[c].Fill(1f);
            }
        }
    }
}
