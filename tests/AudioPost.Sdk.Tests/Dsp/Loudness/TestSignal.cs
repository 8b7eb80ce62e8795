using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Loudness;
using AudioPost.Sdk.Formats;

namespace AudioPost.Sdk.Tests.Dsp.Loudness;

/// <summary>Planar test audio (channel c at Data[c * Frames ..]) and the helpers that build and measure it.</summary>
internal sealed class TestSignal
{
    public TestSignal(int sampleRate, int channels, int frames)
    {
        SampleRate = sampleRate;
        Channels = channels;
        Frames = frames;
        Data = new float[channels * frames];
    }

    public int SampleRate { get; }

    public int Channels { get; }

    public int Frames { get; }

    public float[] Data { get; }

    public ReadOnlyAudioBlock Block => new(Data, Channels, Frames, Frames);

    public Span<float> Channel(int channel) => Data.AsSpan(channel * Frames, Frames);

    public static double DbToGain(double db) => double.IsNegativeInfinity(db) ? 0 : Math.Pow(10, db / 20);

    /// <summary>
    /// Phase-continuous 1 kHz sine segments (seconds, per-channel peak dBFS; −∞ = silence), identical on every channel:
    /// the EBU Tech 3341/3342 test-signal definition.
    /// </summary>
    public static TestSignal Tones(int sampleRate, int channels, params (double Seconds, double Db)[] segments)
    {
        var frames = 0;
        foreach (var (seconds, _) in segments)
        {
            frames += (int)Math.Round(seconds * sampleRate);
        }

        var signal = new TestSignal(sampleRate, channels, frames);
        var n = 0;
        foreach (var (seconds, db) in segments)
        {
            var gain = DbToGain(db);
            var end = n + (int)Math.Round(seconds * sampleRate);
            for (; n < end; n++)
            {
                var value = (float)(gain * Math.Sin(2 * Math.PI * 1000.0 * n / sampleRate));
                for (var c = 0; c < channels; c++)
                {
                    signal.Data[(c * frames) + n] = value;
                }
            }
        }

        return signal;
    }

    /// <summary>A sine of <paramref name="amplitude"/> (FFS) on every channel with 10 ms raised-cosine fades (Tech 3341 cases 15–19).</summary>
    public static TestSignal FadedSine(int sampleRate, int channels, double frequency, double amplitude, double phaseDegrees, double seconds)
    {
        var frames = (int)Math.Round(seconds * sampleRate);
        var fade = sampleRate / 100;
        var signal = new TestSignal(sampleRate, channels, frames);
        for (var n = 0; n < frames; n++)
        {
            var edge = Math.Min(n, frames - 1 - n);
            var envelope = edge >= fade ? 1 : 0.5 - (0.5 * Math.Cos(Math.PI * edge / fade));
            var value = (float)(envelope * amplitude * Math.Sin((2 * Math.PI * frequency * n / sampleRate) + (phaseDegrees * Math.PI / 180)));
            for (var c = 0; c < channels; c++)
            {
                signal.Data[(c * frames) + n] = value;
            }
        }

        return signal;
    }

    /// <summary>Reads a whole file with the SDK's readers.</summary>
    public static (TestSignal Signal, ChannelLayout Layout) Read(string path)
    {
        using var reader = AudioFormatRegistry.Default.OpenRead(path);
        var info = reader.Info;
        var signal = new TestSignal(info.SampleRate, info.ChannelCount, checked((int)info.Frames));
        var offset = 0;
        while (offset < signal.Frames)
        {
            var block = new AudioBlock(signal.Data.AsSpan(offset), signal.Channels, signal.Frames - offset, signal.Frames);
            var read = reader.Read(block);
            if (read == 0)
            {
                break;
            }

            offset += read;
        }

        return (signal, info.ChannelLayout);
    }

    /// <summary>Measures the whole signal in blocks of <paramref name="blockFrames"/>.</summary>
    public LoudnessMeter Measure(ChannelLayout? layout = null, int blockFrames = 4096)
    {
        var meter = new LoudnessMeter(SampleRate, layout ?? ChannelLayout.FromChannelCount(Channels));
        Feed(meter, blockFrames);
        return meter;
    }

    /// <summary>Feeds the signal to <paramref name="meter"/> in blocks, calling <paramref name="afterBlock"/> after each with the frames done.</summary>
    public void Feed(LoudnessMeter meter, int blockFrames, Action<LoudnessMeter, int>? afterBlock = null)
    {
        for (var offset = 0; offset < Frames; offset += blockFrames)
        {
            var count = Math.Min(blockFrames, Frames - offset);
            meter.Process(Block.Slice(offset, count));
            afterBlock?.Invoke(meter, offset + count);
        }
    }

    /// <summary>Interleaves the planar data (for libebur128).</summary>
    public float[] Interleaved()
    {
        var result = new float[Data.Length];
        for (var c = 0; c < Channels; c++)
        {
            var channel = Channel(c);
            for (var n = 0; n < Frames; n++)
            {
                result[(n * Channels) + c] = channel[n];
            }
        }

        return result;
    }
}
