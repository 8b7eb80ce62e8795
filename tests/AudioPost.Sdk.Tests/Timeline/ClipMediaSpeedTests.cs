using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Tests.Formats.Wav;
using AudioPost.Sdk.Timeline;

namespace AudioPost.Sdk.Tests.Timeline;

/// <summary>Clips at another sample rate or speed, through the band-limited resampler: lengths are exact, and a tone
/// comes out at the frequency the speed change predicts.</summary>
public sealed class ClipMediaSpeedTests
{
    private static void WriteTone(string path, int sampleRate, int frames, double frequency)
    {
        var samples = new float[frames];
        for (var i = 0; i < frames; i++)
        {
            samples[i] = (float)(0.5 * Math.Sin(2 * Math.PI * frequency * i / sampleRate));
        }

        using var writer = AudioFormatRegistry.Default.Create(path, new AudioSpec(sampleRate, ChannelLayout.Mono), SampleFormat.Float32);
        writer.Write(new ReadOnlyAudioBlock(samples, 1, frames));
        writer.Complete();
    }

    private static float[] Play(ClipMedia media, int frames, int blockSize = 999)
    {
        media.Prepare(new ProcessSpec(media.SessionSampleRate, blockSize, 1));
        var output = new float[frames];
        for (var done = 0; done < frames;)
        {
            var count = Math.Min(blockSize, frames - done);
            media.Read(new AudioBlock(output.AsSpan(done), 1, count), new ProcessContext(done, done, media.SessionSampleRate, true));
            done += count;
        }

        return output;
    }

    // Hann-windowed single-bin DFT magnitude at an arbitrary frequency.
    private static double Magnitude(ReadOnlySpan<float> samples, double frequency, int sampleRate)
    {
        double re = 0, im = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            var window = 0.5 - (0.5 * Math.Cos(2 * Math.PI * i / (samples.Length - 1)));
            var angle = 2 * Math.PI * frequency * i / sampleRate;
            re += samples[i] * window * Math.Cos(angle);
            im -= samples[i] * window * Math.Sin(angle);
        }

        return Math.Sqrt((re * re) + (im * im));
    }

    [Theory]
    [InlineData(SpeedChange.PullDown, 48_000, 48_048)]
    [InlineData(SpeedChange.PullUp, 48_048, 48_000)]
    [InlineData(SpeedChange.Film24To25, 48_000, 46_080)]
    [InlineData(SpeedChange.Pal25To24, 46_080, 48_000)]
    public void Open_SpeedChange_ScalesLengthAndPitchExactly(SpeedChange speed, int fileFrames, long expectedLength)
    {
        using var directory = new TempDirectory();
        var path = directory.File("tone.wav");
        WriteTone(path, 48_000, fileFrames, 1_000);
        using var media = ClipMedia.Open(path, 48_000, speed: speed);

        Assert.Equal(expectedLength, media.Length);
        Assert.True(media.IsResampled);
        var (num, den) = speed.GetRatio();
        var expected = 1_000.0 * num / den;
        var output = Play(media, 40_000).AsSpan(4_000, 32_000);
        var at = Magnitude(output, expected, 48_000);
        var original = Magnitude(output, 1_000, 48_000);

        // 32,000 samples resolve 1.5 Hz: the tone sits on the predicted frequency, not on 1 kHz (1 Hz away at the
        // pull-up/down, 41.7 Hz at 24/25).
        Assert.True(at > 3_000, $"magnitude at {expected} Hz is {at}");
        Assert.True(original < at * 0.75, $"1 kHz: {original}, {expected} Hz: {at}");
    }

    [Fact]
    public void Open_AnotherSampleRate_IsResampledToTheSession()
    {
        using var directory = new TempDirectory();
        var path = directory.File("tone44.wav");
        WriteTone(path, 44_100, 44_100, 997);
        using var media = ClipMedia.Open(path, 48_000, sourceInFileFrames: 4_410);

        Assert.Equal(43_200, media.Length);
        var output = Play(media, 40_000).AsSpan(2_000, 32_000);
        var rms = Math.Sqrt(output.ToArray().Average(s => (double)s * s));
        Assert.Equal(0.5 / Math.Sqrt(2), rms, 3);
        Assert.True(Magnitude(output, 997, 48_000) > 10 * Magnitude(output, 997 * 48_000.0 / 44_100, 48_000));
    }

    [Fact]
    public void Open_SameRateNoSpeed_PassesSamplesThroughExactly()
    {
        using var directory = new TempDirectory();
        var path = directory.File("impulse.wav");
        TimelineFiles.WriteImpulse(path, 48_000, 1_000, 0.8f);
        using var media = ClipMedia.Open(path, 48_000, sourceInFileFrames: 0);

        Assert.False(media.IsResampled);
        var output = Play(media, 1_000, 64);
        Assert.Equal(0.8f, output[0]);
        Assert.Equal(0.001f, output[999]);
    }
}
