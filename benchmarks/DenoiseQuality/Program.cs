using System.Diagnostics;
using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Benchmarks.DenoiseQuality;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Tests.Processing.Restoration;

// denoise-quality make DIR                     writes DIR/clean.wav and DIR/NOISE-SNR.wav (48 kHz mono float)
// denoise-quality measure CLEAN NOISY OUTPUT   prints "snr_in snr_gain segsnr lsd lag" for OUTPUT (and NOISY as input)
// denoise-quality ceiling DIR [REDUCTION]      prints the oracle bounds of STFT-gain noise reduction on DIR's material
if (args.Length == 2 && args[0] == "make")
{
    Make(args[1]);
    return 0;
}

if (args.Length == 4 && args[0] == "measure")
{
    var clean = DenoiseMaterial.LoadAt48k(args[1]);
    var input = SpeechQualityMetrics.Measure(clean, DenoiseMaterial.LoadAt48k(args[2]), DenoiseMaterial.Rate, DenoiseMaterial.Rate / 10);
    var output = SpeechQualityMetrics.Measure(clean, DenoiseMaterial.LoadAt48k(args[3]), DenoiseMaterial.Rate, DenoiseMaterial.Rate / 10);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{input.SnrDb:F2} {output.SnrDb - input.SnrDb:F2} {output.SegmentalSnrDb:F2} {output.LogSpectralDistanceDb:F2} {output.Lag} {input.SegmentalSnrDb:F2} {input.LogSpectralDistanceDb:F2}"));
    return 0;
}

if (args.Length is 2 or 3 && args[0] == "ceiling")
{
    OracleCeilings.Print(args[1], args.Length == 3 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 12);
    return 0;
}

Console.Error.WriteLine("usage: denoise-quality make DIR | denoise-quality measure CLEAN NOISY OUTPUT | denoise-quality ceiling DIR [REDUCTION]");
return 1;

static void Make(string directory)
{
    Directory.CreateDirectory(directory);
    float[] Speak((string Voice, string Text) take, string name)
    {
        var path = Path.Combine(directory, name + ".espeak.wav");
        using (var process = Process.Start(new ProcessStartInfo("espeak-ng") { ArgumentList = { "-w", path, "-v", take.Voice, "-s", "160", take.Text } })!)
        {
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"espeak-ng exited with {process.ExitCode}");
            }
        }

        var samples = DenoiseMaterial.LoadAt48k(path);
        File.Delete(path);
        return samples;
    }

    var clean = DenoiseMaterial.Clean(Speak(DenoiseMaterial.CleanTake, "clean"));
    var babble = new float[DenoiseMaterial.BabbleTakes.Length][];
    for (var i = 0; i < babble.Length; i++)
    {
        babble[i] = Speak(DenoiseMaterial.BabbleTakes[i], string.Create(CultureInfo.InvariantCulture, $"babble{i}"));
    }

    Write(Path.Combine(directory, "clean.wav"), clean);
    foreach (var noise in DenoiseMaterial.NoiseKinds)
    {
        var unit = DenoiseMaterial.Noise(noise, clean.Length, babble);
        foreach (var snr in DenoiseMaterial.SnrsDb)
        {
            Write(Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{noise}-{snr}.wav")), DenoiseMaterial.Mix(clean, unit, snr));
        }
    }
}

static void Write(string path, float[] samples)
{
    using var writer = AudioFormatRegistry.Default.Create(path, new AudioSpec(DenoiseMaterial.Rate, ChannelLayout.Mono), SampleFormat.Float32);
    writer.Write(new ReadOnlyAudioBlock(samples, 1, samples.Length));
    writer.Complete();
}
