using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sources;

namespace AudioPost.Sdk.Tests.Timeline;

/// <summary>A positional source of <see cref="Length"/> frames whose frame n holds <c>scale · (n + 1)</c> (0 outside), so a
/// test sees which source frame played where.</summary>
internal sealed class CountingSource(long length, float scale = 1f, int channelCount = 1) : IAudioSource
{
    public long Length { get; } = length;

    public int ChannelCount { get; } = channelCount;

    public int ResetCount { get; private set; }

    public void Prepare(in ProcessSpec spec)
    {
    }

    public void Reset() => ResetCount++;

    public void Read(AudioBlock destination, in ProcessContext context)
    {
        for (var c = 0; c < destination.ChannelCount; c++)
        {
            var samples = destination[c];
            for (var i = 0; i < samples.Length; i++)
            {
                var n = context.TimelineFrame + i;
                samples[i] = n >= 0 && n < Length ? scale * (n + 1) : 0f;
            }
        }
    }
}

internal static class TimelineFiles
{
    /// <summary>Writes a mono float WAV of <paramref name="frames"/> frames whose first sample is <paramref name="impulse"/>
    /// and the rest a quiet constant, optionally with a bext TimeReference.</summary>
    public static void WriteImpulse(string path, int sampleRate, int frames, float impulse, ulong? timeReference = null, float rest = 0.001f)
    {
        var samples = new float[frames];
        Array.Fill(samples, rest);
        samples[0] = impulse;
        var options = timeReference is { } reference
            ? new EncoderOptions { Metadata = new AudioMetadata { Broadcast = new BroadcastExtension { TimeReference = reference } } }
            : null;
        using var writer = AudioFormatRegistry.Default.Create(path, new AudioSpec(sampleRate, ChannelLayout.Mono), SampleFormat.Float32, null, options);
        writer.Write(new ReadOnlyAudioBlock(samples, 1, frames));
        writer.Complete();
    }

    /// <summary>Reads every frame of a file, planar.</summary>
    public static float[][] ReadAll(string path, out AudioFileInfo info)
    {
        using var reader = AudioFormatRegistry.Default.OpenRead(path);
        info = reader.Info;
        var frames = (int)info.Frames;
        var storage = new float[info.ChannelCount * frames];
        var done = 0;
        while (done < frames)
        {
            var read = reader.Read(new AudioBlock(storage.AsSpan(done), info.ChannelCount, frames - done, frames));
            if (read == 0)
            {
                break;
            }

            done += read;
        }

        var channels = new float[info.ChannelCount][];
        for (var c = 0; c < channels.Length; c++)
        {
            channels[c] = storage.AsSpan(c * frames, frames).ToArray();
        }

        return channels;
    }
}
