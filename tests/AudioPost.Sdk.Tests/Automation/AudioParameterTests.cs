using AudioPost.Sdk.Automation;

namespace AudioPost.Sdk.Tests.Automation;

public sealed class AudioParameterTests
{
    /// <summary>Runs the parameter over <paramref name="frames"/> frames in blocks of <paramref name="block"/> and returns every value.</summary>
    private static float[] Run(AudioParameter parameter, int frames, int block, long start = 0)
    {
        parameter.Prepare(48_000, block);
        var values = new float[frames];
        for (var done = 0; done < frames; done += block)
        {
            var count = Math.Min(block, frames - done);
            parameter.Process(start + done, count).Values.CopyTo(values.AsSpan(done));
        }

        return values;
    }

    [Fact]
    public void Process_ConstantBlocksOfChangingLengthsAroundAutomation_AlwaysHoldTheCurrentValue()
    {
        // A constant block is not rewritten when the buffer already holds its value; blocks that grow, automation that
        // overwrites the tail, and a new value must all still come out exactly.
        var parameter = new AudioParameter("p", 2f, -10f, 10f, smoothingSeconds: 0);
        parameter.Prepare(48_000, 512);
        parameter.SetValueAtTime(5f, 1_000);
        long frame = 0;
        foreach (var (length, expected) in new (int, float)[] { (256, 2f), (512, 2f), (100, 2f) })
        {
            var values = parameter.Process(frame, length);
            Assert.True(values.IsConstant);
            Assert.All(values.Values.ToArray(), v => Assert.Equal(expected, v));
            frame += length;
        }

        // Frames 868 to 1,379: the automation overwrites the buffer from frame 1,000; the next block is all 5 again.
        var mixed = parameter.Process(868, 512);
        Assert.Equal(2f, mixed[131]);
        Assert.Equal(5f, mixed[132]);
        Assert.Equal(5f, mixed[511]);
        var after = parameter.Process(1_380, 512);
        Assert.True(after.IsConstant);
        Assert.All(after.Values.ToArray(), v => Assert.Equal(5f, v));
        parameter.SetValueAtTime(-1f, 1_892);
        var changed = parameter.Process(1_892, 300);
        Assert.All(changed.Values.ToArray(), v => Assert.Equal(-1f, v));
        var longer = parameter.Process(2_192, 512);
        Assert.All(longer.Values.ToArray(), v => Assert.Equal(-1f, v));

        // Without automation: a new value after a constant run, in a shorter block and then a longer one.
        var plain = new AudioParameter("q", 2f, -10f, 10f, smoothingSeconds: 0);
        plain.Prepare(48_000, 512);
        Assert.All(plain.Process(0, 512).Values.ToArray(), v => Assert.Equal(2f, v));
        plain.Value = -1f;
        Assert.All(plain.Process(512, 300).Values.ToArray(), v => Assert.Equal(-1f, v));
        Assert.All(plain.Process(812, 512).Values.ToArray(), v => Assert.Equal(-1f, v));
        Assert.All(plain.Process(1_324, 512).Values.ToArray(), v => Assert.Equal(-1f, v));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(1024)]
    public void LinearRamp_ExactValuesAtExactFrames_WhateverTheBlockSize(int block)
    {
        var parameter = new AudioParameter("p", 0f, -10f, 10f);
        parameter.SetValueAtTime(1f, 100).LinearRampToValueAtTime(3f, 300);

        var values = Run(parameter, 400, block);

        Assert.Equal(0f, values[99]);
        Assert.Equal(1f, values[100]);
        Assert.Equal(1.01f, values[101], 6);
        Assert.Equal(2f, values[200]);
        Assert.Equal(2.5f, values[250]);
        Assert.Equal(3f, values[300]);
        Assert.Equal(3f, values[399]);
        for (var i = 100; i <= 300; i++)
        {
            Assert.Equal(1f + ((i - 100) / 100f), values[i], 6);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(256)]
    public void ExponentialRamp_FollowsAConstantRatioPerFrame(int block)
    {
        var parameter = new AudioParameter("p", 1f, 0.001f, 1000f);
        parameter.SetValueAtTime(1f, 0).ExponentialRampToValueAtTime(100f, 1000);

        var values = Run(parameter, 1200, block);

        Assert.Equal(1f, values[0]);
        Assert.Equal(10f, values[500], 4);
        Assert.Equal(100f, values[1000]);
        Assert.Equal(Math.Pow(100, 0.25), values[250], 4);
    }

    [Fact]
    public void SetTarget_ApproachesTheTargetWithTheTimeConstant()
    {
        var parameter = new AudioParameter("p", 0f, 0f, 1f);
        parameter.SetValueAtTime(0f, 0).SetTargetAtTime(1f, 100, 50);

        var values = Run(parameter, 500, 64);

        Assert.Equal(0f, values[100]);
        Assert.Equal(1 - Math.Exp(-1), values[150], 6);
        Assert.Equal(1 - Math.Exp(-4), values[300], 6);
    }

    [Fact]
    public void CancelAndHold_DuringARamp_HoldsTheValueReachedAtThatFrame()
    {
        var parameter = new AudioParameter("p", 0f, 0f, 10f);
        parameter.SetValueAtTime(0f, 0).LinearRampToValueAtTime(10f, 1000).CancelAndHoldAtTime(400);

        var values = Run(parameter, 1200, 100);

        Assert.Equal(2f, values[200], 6);
        Assert.Equal(4f, values[400], 6);
        Assert.Equal(4f, values[1100], 6);
    }

    [Fact]
    public void CancelScheduledValues_AfterAFrame_DropsLaterEvents()
    {
        var parameter = new AudioParameter("p", 0f, 0f, 10f);
        parameter.SetValueAtTime(1f, 10).SetValueAtTime(5f, 100).CancelScheduledValues(50);

        var values = Run(parameter, 200, 32);

        Assert.Equal(1f, values[150]);
    }

    [Fact]
    public void Value_SetByAControlThread_GlidesOverTheSmoothingTime()
    {
        var parameter = new AudioParameter("p", 0f, 0f, 1f, smoothingSeconds: 0.01);
        parameter.Prepare(48_000, 1000);
        parameter.Value = 1f;

        var values = parameter.Process(0, 1000).Values.ToArray();

        Assert.Equal(1f / 480, values[0], 6);
        Assert.Equal(0.5f, values[239], 4);
        Assert.Equal(1f, values[479]);
        Assert.Equal(1f, values[999]);
        Assert.True(values.Zip(values.Skip(1)).All(p => p.Second >= p.First), "The glide is not monotonic.");
    }

    [Fact]
    public void Process_AfterALocateBack_ReplaysTheSameCurve()
    {
        var parameter = new AudioParameter("p", 0f, 0f, 10f);
        parameter.SetValueAtTime(0f, 0).LinearRampToValueAtTime(10f, 1000);
        var first = Run(parameter, 1000, 100);

        var again = Run(parameter, 500, 100, start: 250);

        Assert.Equal(first.Skip(250).Take(500), again);
    }

    [Fact]
    public void Process_ConstantBlocks_AreReportedConstant()
    {
        var parameter = new AudioParameter("p", 0.5f, 0f, 1f);
        parameter.Prepare(48_000, 64);

        var values = parameter.Process(0, 64);

        Assert.True(values.IsConstant);
        Assert.Equal(0.5f, values.First);
    }

    [Fact]
    public async Task Value_FromManyThreads_NeverTearsAndStaysInRange()
    {
        var parameter = new AudioParameter("p", 0f, -1f, 1f);
        parameter.Prepare(48_000, 64);
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(() =>
        {
            var random = new Random(w);
            while (!stop.IsCancellationRequested)
            {
                parameter.Value = (float)((random.NextDouble() * 4) - 2);
            }
        })).ToArray();

        for (var block = 0; block < 2000; block++)
        {
            var values = parameter.Process(block * 64L, 64);
            foreach (var value in values.Values)
            {
                Assert.InRange(value, -1f, 1f);
            }
        }

        stop.Cancel();
        await Task.WhenAll(writers);
    }
}
