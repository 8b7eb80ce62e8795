using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Chains;
using AudioPost.Sdk.Processing.Delays;
using AudioPost.Sdk.Processing.Dynamics;
using AudioPost.Sdk.Processing.Mixing;

namespace AudioPost.Sdk.Tests.Processing.Chains;

/// <summary>Building processors by name: parameters reach the processor, and every mistake is a typed, located error.</summary>
public sealed class ProcessorFactoryTests
{
    private static readonly ProcessorFactory Factory = ProcessorFactory.CreateDefault();

    [Fact]
    public void CreateChain_PassesEveryParameterToTheProcessor()
    {
        var chain = Factory.CreateChain("compressor threshold=-18 ratio=3 knee=2 attack=5 release=80 makeup=1.5 link=50 lookahead=2; limiter ceiling=-2.5 lookahead=4", 48_000);

        var compressor = Assert.IsType<CompressorProcessor>(chain[0]);
        Assert.Equal(-18f, compressor.Threshold.Value);
        Assert.Equal(3f, compressor.Ratio.Value);
        Assert.Equal(2f, compressor.Knee.Value);
        Assert.Equal(5f, compressor.Attack.Value);
        Assert.Equal(80f, compressor.Release.Value);
        Assert.Equal(1.5f, compressor.Makeup.Value);
        Assert.Equal(50f, compressor.Link.Value);
        Assert.Equal(2.0, compressor.LookAheadMilliseconds);
        var limiter = Assert.IsType<TruePeakLimiterProcessor>(chain[1]);
        Assert.Equal(-2.5, limiter.CeilingDbtp);
    }

    [Fact]
    public void Gain_ScalesTheSignalByTheGivenDecibels()
    {
        var gain = Assert.IsType<GainProcessor>(Factory.Create(ProcessorChainParser.Parse("gain db=-6.0206")[0], 48_000));
        var samples = Enumerable.Repeat(0.8f, 64).ToArray();
        gain.Prepare(new ProcessSpec(48_000, 64, 1));

        gain.Process(new AudioBlock(samples, 1, 64), new ProcessContext(0, 0, 48_000, isOffline: true));

        Assert.All(samples, s => Assert.Equal(0.4f, s, 1e-5f));
    }

    [Fact]
    public void Delay_IsAFractionalDelayOfTheGivenMilliseconds()
    {
        var delay = Assert.IsType<FractionalDelayProcessor>(Factory.CreateChain("delay ms=10", 44_100)[0]);

        Assert.Equal(10f, delay.Delay.Value);
    }

    [Theory]
    [InlineData("reverberate size=1", "unknown processor 'reverberate'; known: ")]
    [InlineData("gain dB=1 volume=3", "unknown parameter 'volume'; it takes db")]
    [InlineData("gain db=loud", "db=loud is not a number")]
    [InlineData("gain db=NaN", "db=NaN is not a number")]
    [InlineData("gain db=30", "db=30 is out of range: -144 to 24 dB")]
    [InlineData("compressor detection=average", "detection=average is not one of peak, rms")]
    [InlineData("limiter ceiling=-1 lookahead=0.1", "lookahead=0.1 is out of range: 0.5 to 20 ms")]
    public void Create_BadSpec_ThrowsNamingTheProcessorAndTheReason(string text, string reason)
    {
        var exception = Assert.Throws<ProcessorSpecException>(() => Factory.CreateChain("gain; " + text, 48_000));

        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
        Assert.Equal(6, exception.Position);
    }

    [Fact]
    public void Register_AddsAToolAuthorsProcessorUnderItsName()
    {
        var factory = ProcessorFactory.CreateDefault()
            .Register("polarity", "polarity (no parameters)", _ => new GainProcessor(0));

        Assert.Contains("polarity", factory.Names);
        Assert.Equal("polarity (no parameters)", factory.GetUsage("polarity"));
        Assert.IsType<GainProcessor>(factory.CreateChain("polarity", 48_000)[0]);
        Assert.Throws<ArgumentException>(() => factory.Register("two words", string.Empty, _ => new GainProcessor()));
    }

    [Fact]
    public void Names_IncludeEveryProcessorTheChainSyntaxPromises()
    {
        string[] promised = ["gain", "highpass", "lowpass", "eq", "lowshelf", "highshelf", "notch", "compressor", "gate", "deesser", "limiter", "delay", "reverb"];

        Assert.All(promised, name => Assert.Contains(name, Factory.Names));
        Assert.All(promised, name => Assert.IsAssignableFrom<IAudioProcessor>(Factory.CreateChain(name, 48_000)[0]));
    }

    [Fact]
    public void Reverb_PassesItsParametersToTheAlgorithmicReverb()
    {
        var reverb = Assert.IsType<AudioPost.Sdk.Processing.Reverb.AlgorithmicReverbProcessor>(Factory.CreateChain("reverb decay=3.5 decayhigh=2 predelay=20 wet=-12", 48_000)[0]);

        Assert.Equal(3.5f, reverb.DecayLow.Value);
        Assert.Equal(2f, reverb.DecayHigh.Value);
        Assert.Equal(20f, reverb.PreDelay.Value);
        Assert.Equal(-12f, reverb.Wet.Value);
    }

    [Fact]
    public void Names_CoverEveryRegisteredProcessorAndEachHasAUsageLine()
    {
        Assert.NotEmpty(Factory.Names);
        Assert.All(Factory.Names, name => Assert.StartsWith(name, Factory.GetUsage(name), StringComparison.Ordinal));
    }
}
