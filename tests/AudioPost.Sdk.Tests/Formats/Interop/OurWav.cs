using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Interop;

/// <summary>Writes the interop signal with our WAV encoder; the matrix of what we write.</summary>
internal static class OurWav
{
    /// <summary>Layouts with a WAVE mask: plain headers (mono, stereo) and WAVE_FORMAT_EXTENSIBLE up to 12 channels.</summary>
    public static readonly string[] LayoutNames = ["mono", "stereo", "quad", "5.1", "7.1", "7.1.4"];

    /// <summary>Every sample format we write, by every layout in <see cref="LayoutNames"/>.</summary>
    public static TheoryData<SampleFormat, string> FormatsByLayout()
    {
        var data = new TheoryData<SampleFormat, string>();
        foreach (var format in Enum.GetValues<SampleFormat>())
        {
            foreach (var layout in LayoutNames)
            {
                data.Add(format, layout);
            }
        }

        return data;
    }

    /// <summary>Writes <see cref="InteropSignal.ForFormat"/> to <paramref name="path"/> and returns it (planar).</summary>
    public static float[] Write(string path, SampleFormat format, ChannelLayout layout)
    {
        var signal = InteropSignal.ForFormat(format, layout.Count);
        Write(path, format, layout, signal);
        return signal;
    }

    /// <summary>Writes a planar signal to <paramref name="path"/> in odd-sized blocks.</summary>
    public static void Write(string path, SampleFormat format, ChannelLayout layout, float[] planar)
    {
        using var writer = AudioFormatRegistry.Default.Create(path, new AudioSpec(InteropSignal.SampleRate, layout), format);
        WavRoundTripTests.WriteInBlocks(writer, planar, layout.Count, blockFrames: 1001);
        writer.Complete();
    }

    /// <summary>The value a correct decoder returns at (frame, channel) of a written planar signal.</summary>
    public static Func<int, int, double> ExpectedOf(float[] planar, SampleFormat format, int frames = InteropSignal.Frames) =>
        (f, c) => InteropSignal.Expected(format, planar[(c * frames) + f]);

    public static string Describe(SampleFormat format, string layoutName) => $"our {format} {layoutName} WAV";
}
