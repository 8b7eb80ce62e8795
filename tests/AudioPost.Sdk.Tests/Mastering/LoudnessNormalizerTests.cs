using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.Mastering;
using AudioPost.Sdk.Tests.Dsp.Loudness;

namespace AudioPost.Sdk.Tests.Mastering;

public sealed class LoudnessNormalizerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("apsdk-normalize-").FullName;

    public static TheoryData<string, string> PresetsAndMaterials()
    {
        var data = new TheoryData<string, string>();
        foreach (var preset in new[] { "ebu-r128", "atsc-a85", "podcast", "streaming" })
        {
            foreach (var material in new[] { "noise", "transients", "quiet-speech" })
            {
                data.Add(preset, material);
            }
        }

        return data;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [MemberData(nameof(PresetsAndMaterials))]
    public void Normalize_PresetOnMaterial_WithinTenthOfLuAndAtOrBelowCeiling(string preset, string material)
    {
        Assert.True(NormalizationTarget.TryGetPreset(preset, out var target));
        var input = NormalizationMaterial.Create(material);

        var (result, output) = Normalize(input, target);

        var ours = output.Measure();
        var reference = LibEbur128.Measure(output, [LibEbur128.Left, LibEbur128.Right]);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{preset,-10} {material,-13} target {target.IntegratedLufs} LUFS / {target.TruePeakCeilingDbtp} dBTP: in {result.Input.Integrated:F2} LUFS {result.Input.TruePeak:F2} dBTP; gain {result.GainDb:F2} dB, limited {result.Limited} (max GR {result.MaxLimiterGainReductionDb:F2} dB), passes {result.Passes}; out {ours.Integrated:F3} LUFS {ours.TruePeak:F3} dBTP; libebur128 {reference.Integrated:F3} LUFS {reference.TruePeak:F3} dBTP"));
        Assert.Equal(input.Frames, output.Frames);
        Assert.InRange(ours.Integrated, target.IntegratedLufs - 0.1, target.IntegratedLufs + 0.1);
        Assert.InRange(reference.Integrated, target.IntegratedLufs - 0.1, target.IntegratedLufs + 0.1);
        Assert.True(ours.TruePeak <= target.TruePeakCeilingDbtp, $"true peak {ours.TruePeak:F3} dBTP");
        Assert.True(reference.TruePeak <= target.TruePeakCeilingDbtp, $"libebur128 true peak {reference.TruePeak:F3} dBTP");
        Assert.True(result.IsWithinTolerance);
        Assert.Equal(ours.Integrated, result.Output.Integrated, 6);
    }

    [Fact]
    public void Normalize_TransientMaterial_NeedsTheLimiter()
    {
        var (result, _) = Normalize(NormalizationMaterial.Create("transients"), NormalizationTarget.Streaming);

        Assert.True(result.Limited);
        Assert.True(result.MaxLimiterGainReductionDb > 3);
        Assert.True(result.Passes >= 4); // measure, at least two dry runs, write
    }

    [Theory]
    [InlineData("noise", false)]
    [InlineData("transients", true)]
    public void Normalize_Output_IsSampleAlignedWithInput(string material, bool limited)
    {
        var input = NormalizationMaterial.Create(material);

        var (result, output) = Normalize(input, NormalizationTarget.EbuR128);

        Assert.Equal(limited, result.Limited);
        Assert.Equal(input.Frames, output.Frames);
        Assert.Equal(0, CrossCorrelationPeakLag(input.Channel(0), output.Channel(0), maxLag: 64));
        if (!limited)
        {
            // Gain alone: every sample is the input's times one factor.
            var gain = (float)Math.Pow(10, result.GainDb / 20);
            for (var n = 0; n < input.Frames; n += 997)
            {
                Assert.Equal(input.Channel(1)[n] * gain, output.Channel(1)[n]);
            }
        }
    }

    [Theory]
    [InlineData(SampleFormat.Float32)]
    [InlineData(SampleFormat.Pcm24)]
    public void Normalize_BwfOutput_BextCarriesTheMeasuredOutputAndKeepsSourceMetadata(SampleFormat sampleFormat)
    {
        var source = new BroadcastExtension { Description = "Interview take 3", Originator = "AudioPost tests", TimeReference = 48_000 * 3600 };
        var inputPath = NormalizationMaterial.Write(NormalizationMaterial.Create("transients"), Path.Combine(_directory, "in.wav"), metadata: new AudioMetadata { Broadcast = source });
        var outputPath = Path.Combine(_directory, "out.wav");

        NormalizationResult result;
        using (var reader = AudioFormatRegistry.Default.OpenRead(inputPath))
        {
            result = new LoudnessNormalizer(NormalizationTarget.Podcast).Normalize(
                reader,
                metadata => AudioFormatRegistry.Default.Create(outputPath, reader.Info.Spec, sampleFormat, null, new EncoderOptions { Metadata = metadata }),
                TestContext.Current.CancellationToken);
        }

        using var written = AudioFormatRegistry.Default.OpenRead(outputPath);
        var bext = written.Info.Metadata.Broadcast;
        Assert.NotNull(bext);
        Assert.Equal(2, bext.EffectiveVersion);
        Assert.Equal(source.Description, bext.Description);
        Assert.Equal(source.Originator, bext.Originator);
        Assert.Equal(source.TimeReference, bext.TimeReference);
        var measured = LoudnessNormalizer.Measure(written, TestContext.Current.CancellationToken);
        var tolerance = sampleFormat == SampleFormat.Float32 ? 0 : 0.0100001;
        Assert.Equal(BroadcastExtension.RoundToStored(measured.Integrated), bext.LoudnessValue!.Value, tolerance);
        Assert.Equal(BroadcastExtension.RoundToStored(measured.LoudnessRange), bext.LoudnessRange!.Value, tolerance);
        Assert.Equal(BroadcastExtension.RoundToStored(measured.TruePeak), bext.MaxTruePeakLevel!.Value, tolerance);
        Assert.Equal(BroadcastExtension.RoundToStored(measured.MaxMomentary), bext.MaxMomentaryLoudness!.Value, tolerance);
        Assert.Equal(BroadcastExtension.RoundToStored(measured.MaxShortTerm), bext.MaxShortTermLoudness!.Value, tolerance);
        Assert.Equal(BroadcastExtension.RoundToStored(result.Output.Integrated), bext.LoudnessValue!.Value);
        Assert.True(measured.TruePeak <= NormalizationTarget.Podcast.TruePeakCeilingDbtp);
    }

    [Fact]
    public void Normalize_Silence_ThrowsInvalidOperation()
    {
        var path = NormalizationMaterial.Write(new TestSignal(48_000, 2, 48_000), Path.Combine(_directory, "silence.wav"));
        using var reader = AudioFormatRegistry.Default.OpenRead(path);

        Assert.Throws<InvalidOperationException>(() => new LoudnessNormalizer(NormalizationTarget.EbuR128).Normalize(
            reader, _ => throw new InvalidOperationException("no writer expected"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Presets_Names_AreKebabCaseAndUnique()
    {
        Assert.Equal(NormalizationTarget.Presets.Count, NormalizationTarget.Presets.Select(p => p.Name).Distinct().Count());
        Assert.All(NormalizationTarget.Presets, p => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", p.Name));
        Assert.True(NormalizationTarget.TryGetPreset("ATSC-A85", out var atsc));
        Assert.Equal((-24, -2), (atsc.IntegratedLufs, atsc.TruePeakCeilingDbtp));
        Assert.False(NormalizationTarget.TryGetPreset("nope", out _));
    }

    private static int CrossCorrelationPeakLag(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int maxLag)
    {
        var best = double.NegativeInfinity;
        var bestLag = int.MinValue;
        for (var lag = -maxLag; lag <= maxLag; lag++)
        {
            double sum = 0;
            for (var n = Math.Max(0, -lag); n < a.Length && n + lag < b.Length; n++)
            {
                sum += a[n] * (double)b[n + lag];
            }

            if (sum > best)
            {
                best = sum;
                bestLag = lag;
            }
        }

        return bestLag;
    }

    private (NormalizationResult Result, TestSignal Output) Normalize(TestSignal input, NormalizationTarget target)
    {
        var name = Guid.NewGuid().ToString("N");
        var inputPath = NormalizationMaterial.Write(input, Path.Combine(_directory, name + "-in.wav"));
        var outputPath = Path.Combine(_directory, name + "-out.wav");
        NormalizationResult result;
        using (var reader = AudioFormatRegistry.Default.OpenRead(inputPath))
        {
            result = new LoudnessNormalizer(target).Normalize(
                reader,
                metadata => AudioFormatRegistry.Default.Create(outputPath, reader.Info.Spec, SampleFormat.Float32, null, new EncoderOptions { Metadata = metadata }),
                TestContext.Current.CancellationToken);
        }

        return (result, TestSignal.Read(outputPath).Signal);
    }
}
