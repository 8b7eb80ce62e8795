using System.Globalization;
using System.Runtime.InteropServices;
using AudioPost.Sdk.Dsp.Filters;
using AudioPost.Sdk.Tests.Formats.Interop;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Dsp.Filters;

/// <summary>
/// Our filters against FFmpeg's and SoX's biquads, which implement the same RBJ cookbook formulas: the impulse
/// responses must agree to 1e-5 for the same parameters. FFmpeg runs in double on 64-bit float input and output
/// ("width_type=q" makes its width a Q). SoX holds samples as 32-bit integers between effects, so its impulse is 0.5
/// (1.0 would saturate) and its output carries 2^-31 rounding. Skipped when the tool is missing, failed under CI=true.
/// </summary>
public sealed class FilterPeerTests
{
    private const int Length = 4096;

    private static double[] OurImpulseResponse(BiquadType type, int sampleRate, double frequency, double q, double gainDb)
    {
        var filter = new StateVariableFilter(sampleRate, 1, 256);
        filter.SetParameters(type, frequency, q, gainDb);
        return FilterProbe.ImpulseResponse(filter.Process, Length);
    }

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static double[] FfmpegImpulseResponse(int sampleRate, string filter)
    {
        using var temp = new TempDirectory();
        var input = temp.File("impulse.f64");
        var impulse = new double[Length];
        impulse[0] = 1;
        File.WriteAllBytes(input, MemoryMarshal.AsBytes(impulse.AsSpan()).ToArray());
        var output = temp.File("out.f64");
        FfmpegPeer.Run("-f", "f64le", "-ar", sampleRate.ToString(CultureInfo.InvariantCulture), "-ac", "1", "-i", input, "-af", filter, "-f", "f64le", output);
        return MemoryMarshal.Cast<byte, double>(File.ReadAllBytes(output)).ToArray();
    }

    private static double[] SoxImpulseResponse(int sampleRate, params string[] effect)
    {
        using var temp = new TempDirectory();
        var input = temp.File("impulse.f64");
        var impulse = new double[Length];
        impulse[0] = 0.5;
        File.WriteAllBytes(input, MemoryMarshal.AsBytes(impulse.AsSpan()).ToArray());
        var rate = sampleRate.ToString(CultureInfo.InvariantCulture);
        string[] arguments = ["-D", "-t", "f64", "-r", rate, "-c", "1", input, "-t", "f64", "-", .. effect];
        var bytes = SoxPeer.Sox(arguments);
        return Array.ConvertAll(MemoryMarshal.Cast<byte, double>(bytes).ToArray(), x => 2 * x);
    }

    private static void AssertAgree(double[] ours, double[] theirs)
    {
        Assert.Equal(Length, theirs.Length);
        var worst = 0.0;
        for (var i = 0; i < Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(ours[i] - theirs[i]));
        }

        Assert.True(worst < 1e-5, $"impulse responses differ by up to {worst:E2}");
    }

    [Theory]
    [InlineData(48_000, 1000.0, 0.7071)]
    [InlineData(44_100, 80.0, 0.5)]
    [InlineData(96_000, 12_000.0, 2.0)]
    public void HighPass_AgainstFfmpegHighpass_ImpulseResponsesAgree(int sampleRate, double frequency, double q)
    {
        FfmpegPeer.Require();
        var theirs = FfmpegImpulseResponse(sampleRate, $"highpass=f={Invariant(frequency)}:width_type=q:width={Invariant(q)}");

        AssertAgree(OurImpulseResponse(BiquadType.HighPass, sampleRate, frequency, q, 0), theirs);
    }

    [Theory]
    [InlineData(48_000, 1000.0, 1.0, 6.0)]
    [InlineData(44_100, 250.0, 4.0, -12.0)]
    [InlineData(96_000, 8000.0, 0.7, 9.5)]
    public void Peak_AgainstFfmpegEqualizer_ImpulseResponsesAgree(int sampleRate, double frequency, double q, double gainDb)
    {
        FfmpegPeer.Require();
        var theirs = FfmpegImpulseResponse(sampleRate, $"equalizer=f={Invariant(frequency)}:width_type=q:width={Invariant(q)}:gain={Invariant(gainDb)}");

        AssertAgree(OurImpulseResponse(BiquadType.Peak, sampleRate, frequency, q, gainDb), theirs);
    }

    [Theory]
    [InlineData(48_000, 300.0, 0.7071, 6.0)]
    [InlineData(44_100, 120.0, 1.0, -9.0)]
    public void LowShelf_AgainstFfmpegLowshelf_ImpulseResponsesAgree(int sampleRate, double frequency, double q, double gainDb)
    {
        FfmpegPeer.Require();
        var theirs = FfmpegImpulseResponse(sampleRate, $"lowshelf=f={Invariant(frequency)}:width_type=q:width={Invariant(q)}:gain={Invariant(gainDb)}");

        AssertAgree(OurImpulseResponse(BiquadType.LowShelf, sampleRate, frequency, q, gainDb), theirs);
    }

    [Theory]
    [InlineData(48_000, 500.0, 0.7071)]
    [InlineData(96_000, 5000.0, 3.0)]
    public void HighPass_AgainstSoxHighpass_ImpulseResponsesAgree(int sampleRate, double frequency, double q)
    {
        SoxPeer.Require();
        var theirs = SoxImpulseResponse(sampleRate, "highpass", "-2", Invariant(frequency), Invariant(q) + "q");

        AssertAgree(OurImpulseResponse(BiquadType.HighPass, sampleRate, frequency, q, 0), theirs);
    }

    [Theory]
    [InlineData(48_000, 2000.0, 2.0, -6.0)]
    [InlineData(44_100, 100.0, 0.8, 10.0)]
    public void Peak_AgainstSoxEqualizer_ImpulseResponsesAgree(int sampleRate, double frequency, double q, double gainDb)
    {
        SoxPeer.Require();
        var theirs = SoxImpulseResponse(sampleRate, "equalizer", Invariant(frequency), Invariant(q) + "q", Invariant(gainDb));

        AssertAgree(OurImpulseResponse(BiquadType.Peak, sampleRate, frequency, q, gainDb), theirs);
    }
}
