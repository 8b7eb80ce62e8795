using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Restoration;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Restoration;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Processing.Restoration;

/// <summary>
/// The noise reducer's hum removal (<see cref="HumRemoval"/>): mains hum is detected and cancelled in the time domain
/// before the spectral stage, so it falls far below the reduction amount; material without hum is not touched by it.
/// </summary>
public sealed class NoiseReductionHumTests
{
    private const int Rate = 48_000;

    [Theory]
    [InlineData(HumRemoval.Auto, 50.0)]
    [InlineData(HumRemoval.Auto, 60.0)]
    [InlineData(HumRemoval.Hz50, 50.0)]
    [InlineData(HumRemoval.Hz60, 60.0)]
    public void HumOverQuietNoise_IsRemovedFarBelowTheReductionAmount(HumRemoval mode, double nominal)
    {
        var (noisy, floor) = HumOverNoise(nominal);
        var processor = new NoiseReductionProcessor(12f) { HumRemoval = mode };

        var output = NoiseReductionRunner.RunAligned(processor, noisy, Rate);

        var start = 3 * Rate;
        var change = NoiseMaterial.LevelDb(output.AsSpan(start)) - NoiseMaterial.LevelDb(noisy.AsSpan(start, output.Length - start));
        var floorBelow = NoiseMaterial.LevelDb(floor.AsSpan(start, output.Length - start)) - NoiseMaterial.LevelDb(noisy.AsSpan(start, output.Length - start));
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mode} {nominal} Hz: level change {change:F2} dB (the broadband floor is {floorBelow:F2} dB under the hum); active {processor.ActiveHumRemoval}"));
        Assert.Equal(nominal == 50 ? HumRemoval.Hz50 : HumRemoval.Hz60, processor.ActiveHumRemoval);
        // The hum goes; what is left is the broadband floor (30 dB under the hum) lowered by the reduction amount.
        Assert.True(change < -35, $"level change {change:F2} dB");
    }

    [Fact]
    public void HumRemovalOff_LeavesHumToTheSpectralStage_LoweredByTheReductionAmountOnly()
    {
        var (noisy, _) = HumOverNoise(50.0);
        var processor = new NoiseReductionProcessor(12f) { HumRemoval = HumRemoval.Off };

        var output = NoiseReductionRunner.RunAligned(processor, noisy, Rate);

        var start = 3 * Rate;
        var change = NoiseMaterial.LevelDb(output.AsSpan(start)) - NoiseMaterial.LevelDb(noisy.AsSpan(start, output.Length - start));
        Assert.Equal(HumRemoval.Off, processor.ActiveHumRemoval);
        Assert.InRange(change, -13.5, -10.5);
    }

    [Theory]
    [InlineData("speech")]
    [InlineData("white")]
    [InlineData("pink")]
    public void NoHum_IsNotDetected_AndTheOutputEqualsHumRemovalOff(string kind)
    {
        var frames = 10 * Rate;
        var input = kind switch
        {
            "speech" => RestorationSignals.Add(RestorationSignals.SpeechLike(Rate, 10, seed: 41), NoiseMaterial.White(frames, 0.01, seed: 42)),
            "white" => NoiseMaterial.White(frames, 0.05, seed: 43),
            _ => NoiseMaterial.Pink(frames, Rate, 0.05, seed: 44),
        };
        var auto = new NoiseReductionProcessor();
        var off = new NoiseReductionProcessor { HumRemoval = HumRemoval.Off };

        var withAuto = NoiseReductionRunner.RunAligned(auto, input, Rate);
        var withOff = NoiseReductionRunner.RunAligned(off, input, Rate);

        Assert.Equal(HumRemoval.Off, auto.ActiveHumRemoval);
        Assert.Equal(withOff, withAuto);
    }

    [Fact]
    public void Process_StereoWithHumRemoval_AllocatesNothing()
    {
        const int Block = 256;
        var processor = new NoiseReductionProcessor(12f) { HumRemoval = HumRemoval.Hz60 };
        processor.Prepare(new ProcessSpec(Rate, Block, 2));
        var (noisy, _) = HumOverNoise(60.0);
        var storage = new float[2 * Block];
        AllocationAssert.NoAllocations(block =>
        {
            var offset = block % 1_000 * Block;
            noisy.AsSpan(offset, Block).CopyTo(storage);
            noisy.AsSpan(offset, Block).CopyTo(storage.AsSpan(Block));
            processor.Process(new AudioBlock(storage, 2, Block), new ProcessContext((long)block * Block, (long)block * Block, Rate, false));
        });
    }

    // 8 s of hum (8 harmonics, 0.03 Hz off nominal: the mains is never exact) over white noise 30 dB below it.
    private static (float[] Noisy, float[] Floor) HumOverNoise(double nominal)
    {
        var frames = 8 * Rate;
        var hum = NoiseMaterial.Hum(frames, Rate, nominal + 0.03, harmonics: 8, rms: 0.05, seed: 45);
        var floor = NoiseMaterial.White(frames, 0.05 * Math.Pow(10, -30 / 20.0), seed: 46);
        return (RestorationSignals.Add(hum, floor), floor);
    }
}
