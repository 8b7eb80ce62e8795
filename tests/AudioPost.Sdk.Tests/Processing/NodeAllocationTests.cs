using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Delays;
using AudioPost.Sdk.Processing.Metering;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Processing;

/// <summary>One allocation test per built-in node: warm up, then 10,000 blocks with automation running must allocate 0 bytes.</summary>
public sealed class NodeAllocationTests
{
    private const int Block = 256;
    private static readonly ProcessSpec Stereo = new(48_000, Block, 2);

    private static ProcessContext At(int block) => new((long)block * Block, (long)block * Block, 48_000, false);

    private static void AssertProcessor(IAudioProcessor processor, int inputChannels = 2)
    {
        var outputs = processor.GetOutputChannelCount(inputChannels);
        processor.Prepare(Stereo.WithChannelCount(inputChannels));
        var storage = new float[Math.Max(inputChannels, outputs) * Block];
        AllocationAssert.NoAllocations(block =>
        {
            var buffer = new AudioBlock(storage, Math.Max(inputChannels, outputs), Block);
            buffer[0][block % Block] = 0.5f;
            processor.Process(buffer, At(block));
        });
    }

    private static void AssertSource(IAudioSource source)
    {
        source.Prepare(Stereo.WithChannelCount(source.ChannelCount));
        var storage = new float[source.ChannelCount * Block];
        AllocationAssert.NoAllocations(block => source.Read(new AudioBlock(storage, source.ChannelCount, Block), At(block)));
    }

    private static void AssertSink(IAudioSink sink)
    {
        sink.Prepare(Stereo);
        var storage = new float[2 * Block];
        AllocationAssert.NoAllocations(block => sink.Write(new ReadOnlyAudioBlock(storage, 2, Block), At(block)));
    }

    [Fact]
    public void GainProcessor_AutomatedGain_AllocatesNothing()
    {
        var gain = new GainProcessor(-6f);
        gain.Gain.SetValueAtTime(-6f, 0).LinearRampToValueAtTime(0f, Block * 5000L);
        AssertProcessor(gain);
    }

    [Fact]
    public void PanProcessor_MonoInAutomatedPan_AllocatesNothing()
    {
        var pan = new PanProcessor(-1f);
        pan.Pan.SetValueAtTime(-1f, 0).LinearRampToValueAtTime(1f, Block * 5000L);
        AssertProcessor(pan, inputChannels: 1);
    }

    [Fact]
    public void PanProcessor_StereoBalance_AllocatesNothing() => AssertProcessor(new PanProcessor(0.5f, PanLaw.Balance));

    [Fact]
    public void DelayProcessor_InPlace_AllocatesNothing() => AssertProcessor(new DelayProcessor(1000));

    [Fact]
    public void DelayProcessor_SplitFeedbackReadWrite_AllocatesNothing()
    {
        var delay = new DelayProcessor(Block * 2);
        delay.Prepare(Stereo);
        var storage = new float[2 * Block];
        AllocationAssert.NoAllocations(block =>
        {
            var buffer = new AudioBlock(storage, 2, Block);
            delay.ReadDelayed(buffer, At(block));
            delay.WriteInput(buffer, At(block));
        });
    }

    [Fact]
    public void MeterTap_AllocatesNothing()
    {
        var meter = new MeterTap();
        AssertProcessor(meter);
        var readings = new MeterReading[2];
        AllocationAssert.NoAllocations(_ => meter.TryRead(readings));
    }

    [Fact]
    public void MixerBus_FourPortsWithAutomation_AllocatesNothing()
    {
        var bus = new MixerBus(4);
        bus.GetInputGain(1).SetValueAtTime(0f, 0).LinearRampToValueAtTime(-40f, Block * 5000L);
        int[] channels = [2, 2, 1, 0];
        bus.Prepare(Stereo, channels);
        var storage = new float[7 * Block];
        int[] offsets = [0, 2 * Block, 4 * Block, 0];
        var output = new float[2 * Block];
        AllocationAssert.NoAllocations(block =>
        {
            var inputs = new AudioInputs(storage, offsets, channels, Block, Block);
            bus.Process(inputs, new AudioBlock(output, 2, Block), At(block));
        });
    }

    [Fact]
    public void ToneSource_AutomatedFrequency_AllocatesNothing()
    {
        var tone = new ToneSource(440f, -6f, 2);
        tone.Frequency.SetValueAtTime(440f, 0).ExponentialRampToValueAtTime(880f, Block * 5000L);
        AssertSource(tone);
    }

    [Fact]
    public void NoiseSource_Pink_AllocatesNothing() => AssertSource(new NoiseSource(NoiseColor.Pink, -12f, 2));

    [Fact]
    public void NoiseSource_White_AllocatesNothing() => AssertSource(new NoiseSource(NoiseColor.White, -12f, 2));

    [Fact]
    public void SilenceSource_AllocatesNothing() => AssertSource(new SilenceSource(2));

    [Fact]
    public void NullSink_AllocatesNothing() => AssertSink(new NullSink());

    [Fact]
    public void BufferSink_PastItsCapacity_AllocatesNothing() => AssertSink(new BufferSink(Block * 100));
}
