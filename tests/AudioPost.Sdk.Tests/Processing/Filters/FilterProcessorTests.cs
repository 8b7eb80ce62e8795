using System.Numerics;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Filters;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Filters;
using AudioPost.Sdk.Tests.Dsp.Filters;

namespace AudioPost.Sdk.Tests.Processing.Filters;

/// <summary>The filter processors measured through their graph interface: responses, automation, bypass, latency.</summary>
public sealed class FilterProcessorTests
{
    private const int Block = 256;
    private const int Length = 1 << 14;

    /// <summary>Runs <paramref name="processor"/> over planar storage in blocks, with timeline frames from 0.</summary>
    private static void Run(IAudioProcessor processor, float[] storage, int channels, int frames, int sampleRate)
    {
        for (var offset = 0; offset < frames; offset += Block)
        {
            var count = Math.Min(Block, frames - offset);
            processor.Process(new AudioBlock(storage.AsSpan(offset), channels, count, frames), new ProcessContext(offset, offset, sampleRate, true));
        }
    }

    private static double[] ImpulseResponse(IAudioProcessor processor, int sampleRate)
    {
        processor.Prepare(new ProcessSpec(sampleRate, Block, 1));
        var storage = new float[Length];
        storage[0] = 1;
        Run(processor, storage, 1, Length, sampleRate);
        return Array.ConvertAll(storage, x => (double)x);
    }

    private static void AssertResponse(double[] h, Func<double, Complex> expected, int sampleRate)
    {
        foreach (var f in FilterProbe.Frequencies(sampleRate))
        {
            var measured = FilterProbe.Dtft(h, f, sampleRate);
            Assert.True((measured - expected(f)).Magnitude < 2e-5, $"at {f:F1} Hz: {measured} vs {expected(f)}");
        }
    }

    [Theory]
    [InlineData(BiquadType.Peak, 44_100)]
    [InlineData(BiquadType.HighShelf, 48_000)]
    [InlineData(BiquadType.Notch, 96_000)]
    [InlineData(BiquadType.LowPass, 48_000)]
    public void BiquadFilterProcessor_Response_IsTheCookbookDesign(BiquadType type, int sampleRate)
    {
        var h = ImpulseResponse(new BiquadFilterProcessor(type, 2500, 1.5f, -7), sampleRate);
        var design = BiquadCoefficients.Design(type, sampleRate, 2500, 1.5f, -7);

        AssertResponse(h, f => design.Response(f, sampleRate), sampleRate);
    }

    [Theory]
    [InlineData(44_100)]
    [InlineData(96_000)]
    public void ButterworthAndLinkwitzRileyProcessors_AreMinus3And6DbAtCutoff(int sampleRate)
    {
        var butterworth = ImpulseResponse(new ButterworthFilterProcessor(FilterPass.HighPass, 5, 800), sampleRate);
        var linkwitzRiley = ImpulseResponse(new LinkwitzRileyFilterProcessor(FilterPass.LowPass, 6, 800), sampleRate);

        Assert.Equal(-3.0103, FilterProbe.Db(FilterProbe.Dtft(butterworth, 800, sampleRate)), 1e-3);
        Assert.Equal(-6.0206, FilterProbe.Db(FilterProbe.Dtft(linkwitzRiley, 800, sampleRate)), 1e-3);
        var sections = ButterworthDesign.Butterworth(FilterPass.HighPass, 5, sampleRate, 800);
        AssertResponse(butterworth, f => ButterworthDesign.Response(sections, f, sampleRate), sampleRate);
    }

    [Fact]
    public void ParametricEqProcessor_Response_IsTheProductOfItsEnabledBands()
    {
        const int Rate = 48_000;
        var eq = new ParametricEqProcessor(4);
        eq.Bands[0].Type = BiquadType.HighPass;
        eq.Bands[0].Frequency.Value = 40;
        eq.Bands[1].Gain.Value = -6;
        eq.Bands[1].Q.Value = 3;
        eq.Bands[2].Type = BiquadType.HighShelf;
        eq.Bands[2].Frequency.Value = 6000;
        eq.Bands[2].Gain.Value = 4;
        eq.Bands[3].Gain.Value = 12;
        eq.Bands[3].IsEnabled = false;
        eq.Prepare(new ProcessSpec(Rate, Block, 1));
        eq.Reset();

        var storage = new float[Length];
        storage[0] = 1;
        Run(eq, storage, 1, Length, Rate);
        var h = Array.ConvertAll(storage, x => (double)x);

        var highPass = BiquadCoefficients.Design(BiquadType.HighPass, Rate, 40, 0.7071);
        var peak = BiquadCoefficients.Design(BiquadType.Peak, Rate, eq.Bands[1].Frequency.Value, 3, -6);
        var shelf = BiquadCoefficients.Design(BiquadType.HighShelf, Rate, 6000, 0.7071, 4);
        AssertResponse(h, f => highPass.Response(f, Rate) * peak.Response(f, Rate) * shelf.Response(f, Rate), Rate);
    }

    [Fact]
    public void ParametricEqProcessor_FlatBands_LeaveTheSignalUntouched()
    {
        var eq = new ParametricEqProcessor(8);
        eq.Prepare(new ProcessSpec(48_000, Block, 3));
        var input = FilterProbe.Noise(3 * 4096, 0.5f, seed: 1);
        var storage = (float[])input.Clone();

        Run(eq, storage, 3, 4096, 48_000);

        Assert.Equal(input, storage);
    }

    [Fact]
    public void Bypass_PassesAudioUnchanged_KeepsZeroLatency_AndAutomationRunsOn()
    {
        var filter = new BiquadFilterProcessor(BiquadType.LowPass, 500);
        filter.Prepare(new ProcessSpec(48_000, Block, 2));
        filter.Frequency.SetValueAtTime(500, 0).LinearRampToValueAtTime(5000, 10 * Block);
        filter.IsBypassed = true;
        var input = FilterProbe.Noise(2 * 20 * Block, 0.5f, seed: 2);
        var storage = (float[])input.Clone();

        Run(filter, storage, 2, 20 * Block, 48_000);

        Assert.Equal(input, storage);
        Assert.Equal(0, ((IAudioNode)filter).LatencyFrames);
        Assert.Equal(5000, filter.Frequency.CurrentValue);

        filter.IsBypassed = false;
        var block = new AudioBlock(storage, 2, Block);
        filter.Process(block, new ProcessContext(20 * Block, 20 * Block, 48_000, true));
        Assert.NotEqual(input.AsSpan(0, Block).ToArray(), storage.AsSpan(0, Block).ToArray());
        Assert.Equal(0, ((IAudioNode)filter).LatencyFrames);

        IBypassable[] all = [new ParametricEqProcessor(), new ButterworthFilterProcessor(FilterPass.LowPass, 3, 100), new LinkwitzRileyFilterProcessor(FilterPass.HighPass, 4, 100)];
        foreach (var processor in all)
        {
            var node = (IAudioProcessor)processor;
            node.Prepare(new ProcessSpec(48_000, Block, 2));
            processor.IsBypassed = true;
            storage = (float[])input.Clone();
            Run(node, storage, 2, 20 * Block, 48_000);
            Assert.Equal(input, storage);
            Assert.Equal(0, node.LatencyFrames);
        }
    }

    /// <summary>
    /// A 1 kHz tone through a 1 kHz peak whose gain is thrown from −12 to +12 dB: the parameter glides (20 ms) and
    /// the filter follows sample by sample, so no sample-to-sample step exceeds what the louder steady tone has.
    /// </summary>
    [Fact]
    public void GainChange_IsSmoothed_NoStepLargerThanTheSteadyTonesOwn()
    {
        const int Rate = 48_000;
        const int Frames = Rate / 2;
        const double Amplitude = 0.25;
        var filter = new BiquadFilterProcessor(BiquadType.Peak, 1000, 1, -12);
        filter.Prepare(new ProcessSpec(Rate, Block, 1));
        var storage = new float[Frames];
        for (var i = 0; i < Frames; i++)
        {
            storage[i] = (float)(Amplitude * Math.Sin(2 * Math.PI * 1000 * i / Rate));
        }

        var maxStep = 0.0;
        for (var offset = 0; offset < Frames; offset += Block)
        {
            if (offset == Frames / 2 / Block * Block)
            {
                filter.Gain.Value = 12;
            }

            var count = Math.Min(Block, Frames - offset);
            filter.Process(new AudioBlock(storage.AsSpan(offset, count), 1, count), new ProcessContext(offset, offset, Rate, true));
        }

        for (var i = Rate / 10; i < Frames; i++)
        {
            maxStep = Math.Max(maxStep, Math.Abs(storage[i] - storage[i - 1]));
        }

        // The steady +12 dB tone's largest step: amplitude × 10^(12/20) × 2 sin(π f / fs).
        var steadyStep = Amplitude * Math.Pow(10, 12.0 / 20) * 2 * Math.Sin(Math.PI * 1000 / Rate);
        Assert.True(maxStep <= steadyStep * 1.05, $"largest step {maxStep:F5} against the steady tone's {steadyStep:F5}");
        Assert.Equal(12f, filter.Gain.CurrentValue);
    }

    [Fact]
    public void Constructors_RejectBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ButterworthFilterProcessor(FilterPass.LowPass, 9, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinkwitzRileyFilterProcessor(FilterPass.LowPass, 5, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BiquadFilterProcessor(BiquadType.Peak, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParametricEqProcessor(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParametricEqProcessor(33));
    }
}
