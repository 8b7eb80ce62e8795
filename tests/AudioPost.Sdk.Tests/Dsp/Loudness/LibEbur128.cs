using System.Runtime.InteropServices;
using AudioPost.Sdk.Tests.Formats.Interop;

namespace AudioPost.Sdk.Tests.Dsp.Loudness;

/// <summary>
/// The few entry points of libebur128 (Debian libebur128-1, 1.2.x) the agreement tests call. Missing library:
/// skip locally, fail under CI=true.
/// </summary>
internal static partial class LibEbur128
{
    /// <summary>EBUR128_MODE_I | LRA | SAMPLE_PEAK | TRUE_PEAK (each implies M; LRA implies S).</summary>
    public const int ModeAll = 5 | 11 | 17 | 49;

    /// <summary>enum channel values: EBUR128_UNUSED, LEFT, RIGHT, CENTER, LEFT_SURROUND, RIGHT_SURROUND.</summary>
    public const int Unused = 0, Left = 1, Right = 2, Center = 3, LeftSurround = 4, RightSurround = 5;

    private const string Library = "libebur128.so.1";

    private static readonly PeerLibrary Peer = new(Library, "libebur128", "libebur128-1");

    /// <summary>Skips the test when the library is missing, or fails it when CI=true.</summary>
    public static void Require() => Peer.Require();

    [LibraryImport(Library, EntryPoint = "ebur128_init")]
    public static partial nint Init(uint channels, nuint sampleRate, int mode);

    [LibraryImport(Library, EntryPoint = "ebur128_destroy")]
    public static partial void Destroy(ref nint state);

    [LibraryImport(Library, EntryPoint = "ebur128_set_channel")]
    public static partial int SetChannel(nint state, uint channel, int value);

    [LibraryImport(Library, EntryPoint = "ebur128_add_frames_float")]
    public static partial int AddFramesFloat(nint state, ReadOnlySpan<float> interleaved, nuint frames);

    [LibraryImport(Library, EntryPoint = "ebur128_loudness_global")]
    public static partial int LoudnessGlobal(nint state, out double lufs);

    [LibraryImport(Library, EntryPoint = "ebur128_loudness_momentary")]
    public static partial int LoudnessMomentary(nint state, out double lufs);

    [LibraryImport(Library, EntryPoint = "ebur128_loudness_shortterm")]
    public static partial int LoudnessShortTerm(nint state, out double lufs);

    [LibraryImport(Library, EntryPoint = "ebur128_loudness_range")]
    public static partial int LoudnessRange(nint state, out double lu);

    [LibraryImport(Library, EntryPoint = "ebur128_sample_peak")]
    public static partial int SamplePeak(nint state, uint channel, out double linear);

    [LibraryImport(Library, EntryPoint = "ebur128_true_peak")]
    public static partial int TruePeak(nint state, uint channel, out double linear);

    /// <summary>libebur128's readings of a whole signal, peaks as the maximum over channels in dB.</summary>
    public static Readings Measure(TestSignal signal, ReadOnlySpan<int> channelMap, float[]? interleaved = null, int chunkFrames = 4800)
    {
        Require();
        var state = Init((uint)signal.Channels, (nuint)signal.SampleRate, ModeAll);
        Assert.NotEqual(0, state);
        try
        {
            for (var c = 0; c < channelMap.Length; c++)
            {
                Assert.Equal(0, SetChannel(state, (uint)c, channelMap[c]));
            }

            interleaved ??= signal.Interleaved();
            for (var offset = 0; offset < signal.Frames; offset += chunkFrames)
            {
                var count = Math.Min(chunkFrames, signal.Frames - offset);
                Assert.Equal(0, AddFramesFloat(state, interleaved.AsSpan(offset * signal.Channels, count * signal.Channels), (nuint)count));
            }

            Assert.Equal(0, LoudnessGlobal(state, out var integrated));
            Assert.Equal(0, LoudnessRange(state, out var range));
            Assert.Equal(0, LoudnessMomentary(state, out var momentary));
            Assert.Equal(0, LoudnessShortTerm(state, out var shortTerm));
            double truePeak = 0, samplePeak = 0;
            for (var c = 0; c < signal.Channels; c++)
            {
                Assert.Equal(0, TruePeak(state, (uint)c, out var tp));
                Assert.Equal(0, SamplePeak(state, (uint)c, out var sp));
                truePeak = Math.Max(truePeak, tp);
                samplePeak = Math.Max(samplePeak, sp);
            }

            return new Readings(integrated, range, momentary, shortTerm, 20 * Math.Log10(truePeak), 20 * Math.Log10(samplePeak));
        }
        finally
        {
            Destroy(ref state);
        }
    }

    internal readonly record struct Readings(double Integrated, double LoudnessRange, double Momentary, double ShortTerm, double TruePeak, double SamplePeak);
}
