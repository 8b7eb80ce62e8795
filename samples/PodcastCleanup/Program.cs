// Cleans a noisy spoken file with the one-call podcast chain and prints the report.
// The "recording" is synthesised: espeak-ng's speech when espeak-ng is installed, otherwise a generated vowel-like
// signal; either way quiet, with 50 Hz mains hum (and harmonics) and a white noise floor added.
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Mastering;

var folder = Directory.CreateTempSubdirectory("podcast-cleanup-").FullName;
try
{
    var noisy = Path.Combine(folder, "noisy.wav");
    var clean = Path.Combine(folder, "clean.wav");
    var source = WriteNoisyRecording(noisy, Path.Combine(folder, "speech.wav"));
    Console.WriteLine($"Input: {source}, quiet, with 50 Hz hum and a noise floor");

    using (var reader = AudioFormatRegistry.Default.OpenRead(noisy))
    {
        var report = PodcastChain.Process(reader, metadata => AudioFormatRegistry.Default.Create(
            clean, reader.Info.Spec, SampleFormat.Pcm24, format: null, new EncoderOptions { Metadata = metadata }));

        Console.WriteLine($"Stages:   {string.Join(" -> ", report.Stages)} (hum {report.Hum})");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Loudness: {report.InputLoudnessLufs:F1} -> {report.Normalization.Output.Integrated:F1} LUFS, true peak {report.InputTruePeakDbtp:F1} -> {report.Normalization.Output.TruePeak:F1} dBTP"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Noise floor (10th percentile of 50 ms RMS): {report.NoiseFloorBeforeDbfs:F1} -> {report.NoiseFloorAfterDbfs:F1} dBFS"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Leveler gain: min {report.LevelerMinGainDb:F1}, max {report.LevelerMaxGainDb:F1}, mean {report.LevelerMeanGainDb:F1} dB"));
        if (Math.Abs(report.Normalization.Output.Integrated + 16) > 0.5 || report.NoiseFloorAfterDbfs >= report.NoiseFloorBeforeDbfs)
        {
            Console.Error.WriteLine("The chain missed its target or did not lower the noise floor.");
            return 1;
        }
    }

    return 0;
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static string WriteNoisyRecording(string path, string speechPath)
{
    float[] voice;
    int rate;
    string source;
    if (TrySpeak(speechPath, "Welcome back to the show. Today we clean up a noisy recording, one call from start to finish."))
    {
        using var reader = AudioFormatRegistry.Default.OpenRead(speechPath);
        rate = reader.Info.SampleRate;
        using var buffer = new AudioBuffer(reader.Info.ChannelCount, (int)reader.Info.Frames);
        var frames = reader.Read(buffer.Block);
        voice = buffer.GetChannel(0)[..frames].ToArray();
        source = "espeak-ng speech";
    }
    else
    {
        rate = 48_000;
        voice = new float[rate * 6];
        for (var n = 0; n < voice.Length; n++)
        {
            var t = (double)n / rate;
            var syllable = Math.Max(0, Math.Sin(2 * Math.PI * 2.5 * t));
            var pitch = 120 + (30 * Math.Sin(2 * Math.PI * 0.5 * t));
            var sample = 0.0;
            for (var k = 1; k <= 20; k++)
            {
                sample += Math.Sin(2 * Math.PI * k * pitch * t) / k;
            }

            voice[n] = (float)(0.5 * syllable * sample);
        }

        source = "a generated vowel-like signal (espeak-ng not installed)";
    }

    var pause = rate;
    var data = new float[voice.Length + (2 * pause)];
    var random = new Random(1);
    for (var n = 0; n < data.Length; n++)
    {
        var t = (double)n / rate;
        var hum = (0.01 * Math.Sin(2 * Math.PI * 50 * t)) + (0.005 * Math.Sin(2 * Math.PI * 150 * t));
        var noise = 0.0017 * ((random.NextDouble() * 2) - 1);
        var speech = n >= pause && n < pause + voice.Length ? 0.25 * voice[n - pause] : 0;
        data[n] = (float)(speech + hum + noise);
    }

    using var writer = AudioFormatRegistry.Default.Create(path, new AudioSpec(rate, ChannelLayout.Mono), SampleFormat.Float32);
    writer.Write(new AudioBlock(data, 1, data.Length));
    writer.Complete();
    return source;
}

static bool TrySpeak(string path, string text)
{
    try
    {
        var start = new ProcessStartInfo("espeak-ng") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-w", path, "-s", "150", text })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode == 0 && File.Exists(path);
    }
    catch (Win32Exception)
    {
        return false;
    }
}
