using System.Globalization;
using System.Runtime.InteropServices;
using AudioPost.Sdk.Dsp.Dynamics;
using AudioPost.Sdk.Processing.Dynamics;
using AudioPost.Sdk.Tests.Formats.Interop;
using AudioPost.Sdk.Tests.Formats.Wav;
using static AudioPost.Sdk.Tests.Processing.Dynamics.DynamicsSignals;

namespace AudioPost.Sdk.Tests.Processing.Dynamics;

/// <summary>
/// The compressor's static curve against FFmpeg's <c>acompressor</c> on the same stepped-level 1 kHz tone (−40 to
/// 0 dBFS in 4 dB steps of 0.5 s, rising, so every step settles): each step's settled output level from both, and the
/// analytic curve.
/// </summary>
/// <remarks>
/// FFmpeg's envelope runs on the linear level with coefficients <c>4000 / (ms · fs)</c> per sample, so its times are 4×
/// ours for the same smoothing. Peak: FFmpeg's fastest attack (0.01 ms: instant) and a 2 s release hold the crest
/// like our peak detector. RMS: FFmpeg squares and smooths with attack = release = 40 ms, a 10 ms mean square, which
/// is our RMS window. Knee 1 (FFmpeg's hard knee) against our 0 dB knee.
/// </remarks>
public sealed class CompressorFfmpegComparisonTests
{
    private const int StepFrames = Rate / 2;
    private const int Measured = 4_800;

    private static float[] SteppedTone(out int[] levels)
    {
        levels = [.. Enumerable.Range(0, 11).Select(i => -40 + (4 * i))];
        var tone = new float[levels.Length * StepFrames];
        var phase = 0.0;
        for (var s = 0; s < levels.Length; s++)
        {
            var amplitude = Gain(levels[s]);
            for (var n = 0; n < StepFrames; n++, phase += 2 * Math.PI * 1000 / Rate)
            {
                tone[(s * StepFrames) + n] = amplitude * (float)Math.Sin(phase);
            }
        }

        return tone;
    }

    private static float[] Ffmpeg(float[] input, string filter)
    {
        using var directory = new TempDirectory();
        var inPath = directory.File("in.f32");
        var outPath = directory.File("out.f32");
        File.WriteAllBytes(inPath, MemoryMarshal.AsBytes(input.AsSpan()).ToArray());
        FfmpegPeer.Run("-f", "f32le", "-ar", "48000", "-ac", "1", "-i", inPath, "-af", filter, "-f", "f32le", "-ar", "48000", outPath);
        return MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(outPath)).ToArray();
    }

    [Theory]
    [InlineData(DetectionMode.Peak)]
    [InlineData(DetectionMode.Rms)]
    public void StaticCurve_SteppedTone_AgreesWithFfmpegAcompressor(DetectionMode detection)
    {
        FfmpegPeer.Require();
        const float Threshold = -20f, Ratio = 4f, Makeup = 2f;
        var input = SteppedTone(out var levels);
        var ours = Run(new CompressorProcessor(Threshold, Ratio, 0f, 1f, 500f, Makeup, detection, rmsWindowMilliseconds: 10), input);
        var times = detection == DetectionMode.Peak ? "attack=0.01:release=2000" : "attack=40:release=40";
        var filter = string.Create(
            CultureInfo.InvariantCulture,
            $"acompressor=threshold={Gain(Threshold):R}:ratio={Ratio}:{times}:knee=1:makeup={Gain(Makeup):R}:detection={(detection == DetectionMode.Peak ? "peak" : "rms")}:link=maximum");
        var theirs = Ffmpeg(input, filter);

        Assert.Equal(input.Length, theirs.Length);
        var log = TestContext.Current.TestOutputHelper;
        log?.WriteLine($"{detection}: {filter}");
        log?.WriteLine("input dBFS | curve | ours | ffmpeg | ours − ffmpeg");
        var worst = 0.0;
        foreach (var (level, s) in levels.Select((level, s) => (level, s)))
        {
            var end = (s + 1) * StepFrames;
            var detected = detection == DetectionMode.Peak ? level : level - (10 * Math.Log10(2));
            var curve = level + Makeup - GainComputer.CompressorReductionDb((float)detected, Threshold, Ratio, 0f);
            var ourLevel = SinePeakDb(ours.AsSpan(end - Measured, Measured));
            var theirLevel = SinePeakDb(theirs.AsSpan(end - Measured, Measured));
            log?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{level,6} | {curve,7:F3} | {ourLevel,7:F3} | {theirLevel,7:F3} | {ourLevel - theirLevel,7:F3}"));
            Assert.True(Math.Abs(ourLevel - curve) <= 0.1, $"ours at {level} dBFS: {ourLevel:F3}, curve {curve:F3}");
            worst = Math.Max(worst, Math.Abs(ourLevel - theirLevel));
        }

        log?.WriteLine($"largest difference from ffmpeg: {worst:F3} dB");
        Assert.True(worst <= 0.1, $"ours and ffmpeg differ by up to {worst:F3} dB");
    }
}
