using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Mastering;

// Generates a music-like file with loud transients, measures it, then normalises it to two delivery presets and
// prints what was done. Needs no input files (runs in CI); everything goes to a temporary folder that is removed.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var directory = Directory.CreateTempSubdirectory("audiopost-loudness-sample-").FullName;
try
{
    var input = Path.Combine(directory, "music.wav");
    WriteMusic(input, sampleRate: 48_000, seconds: 20);

    using (var reader = AudioFormatRegistry.Default.OpenRead(input))
    {
        var meter = LoudnessNormalizer.Measure(reader);
        Console.WriteLine($"input: I {meter.Integrated:F2} LUFS, LRA {meter.LoudnessRange:F2} LU, TP {meter.TruePeak:F2} dBTP");
    }

    foreach (var target in new[] { NormalizationTarget.EbuR128, NormalizationTarget.Streaming })
    {
        var output = Path.Combine(directory, $"music-{target.Name}.wav");
        using var reader = AudioFormatRegistry.Default.OpenRead(input);
        var result = new LoudnessNormalizer(target).Normalize(
            reader,
            metadata => AudioFormatRegistry.Default.Create(output, reader.Info.Spec, SampleFormat.Pcm24, null, new EncoderOptions { Metadata = metadata }));
        Console.WriteLine(
            $"{target.Name,-10} target {target.IntegratedLufs} LUFS / {target.TruePeakCeilingDbtp} dBTP: gain {result.GainDb:+0.00;-0.00} dB, " +
            $"limiter {(result.Limited ? $"{result.MaxLimiterGainReductionDb:F1} dB" : "not needed")}, " +
            $"output I {result.Output.Integrated:F2} LUFS, TP {result.Output.TruePeak:F2} dBTP, {result.Passes} passes");

        using var written = AudioFormatRegistry.Default.OpenRead(output);
        var bext = written.Info.Metadata.Broadcast!;
        Console.WriteLine($"{string.Empty,-10} bext v{bext.EffectiveVersion}: LoudnessValue {bext.LoudnessValue:F2}, MaxTruePeakLevel {bext.MaxTruePeakLevel:F2}");
        if (!result.IsWithinTolerance)
        {
            Console.Error.WriteLine("The result is outside the tolerance.");
            return 1;
        }
    }

    return 0;
}
finally
{
    Directory.Delete(directory, recursive: true);
}

// Plucked notes of a few harmonics in stereo, with a full-scale noise hit every 1.5 s: peaks far above the loudness.
static void WriteMusic(string path, int sampleRate, int seconds)
{
    var frames = sampleRate * seconds;
    var random = new Random(42);
    var left = new float[frames];
    for (var start = 0; start < frames; start += sampleRate / 4)
    {
        var f0 = 110 * Math.Pow(2, random.Next(0, 24) / 12.0);
        for (var i = 0; i < sampleRate && start + i < frames; i++)
        {
            var t = (double)i / sampleRate;
            var note = (Math.Sin(2 * Math.PI * f0 * t) + (0.5 * Math.Sin(4 * Math.PI * f0 * t)) + (0.25 * Math.Sin(6 * Math.PI * f0 * t))) * Math.Exp(-4 * t);
            left[start + i] += (float)(0.05 * note);
        }
    }

    for (var hit = sampleRate / 2; hit + (sampleRate / 50) < frames; hit += 3 * sampleRate / 2)
    {
        for (var i = 0; i < sampleRate / 50; i++)
        {
            left[hit + i] = (float)Math.Clamp(left[hit + i] + (Math.Exp(-i / (0.003 * sampleRate)) * ((random.NextDouble() * 2) - 1)), -1, 1);
        }
    }

    using var buffer = new AudioBuffer(2, frames);
    left.CopyTo(buffer.GetChannel(0));
    left.CopyTo(buffer.GetChannel(1));
    using var writer = AudioFormatRegistry.Default.Create(path, new AudioSpec(sampleRate, ChannelLayout.Stereo), SampleFormat.Float32);
    writer.Write(buffer.Block);
    writer.Complete();
}
