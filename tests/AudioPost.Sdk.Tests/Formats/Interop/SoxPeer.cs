using System.Globalization;
using System.Runtime.InteropServices;

namespace AudioPost.Sdk.Tests.Formats.Interop;

/// <summary>
/// Runs SoX, the reference peer for WAV interoperability. Tests that need it call <see cref="Require"/>: without
/// SoX they are skipped locally and fail in CI (environment variable CI=true), so a CI image cannot silently lose
/// the interop coverage.
/// </summary>
/// <remarks>
/// SoX holds every sample as a 32-bit signed integer between reading and writing, so its decode of a float file is
/// the file's value rounded to the 2^-31 grid and saturated to [-1, 1 - 2^-31]; see <see cref="ToSoxSample"/>.
/// </remarks>
internal static class SoxPeer
{
    private static readonly PeerTool SoxTool = new("sox", "--version", "sox libsox-fmt-all");
    private static readonly PeerTool SoxiTool = new("soxi", "--version", "sox libsox-fmt-all");

    public static void Require()
    {
        SoxTool.Require();
        SoxiTool.Require();
    }

    /// <summary>Runs <c>sox</c> with the arguments and returns its standard output bytes; fails the test on a non-zero exit.</summary>
    public static byte[] Sox(params string[] arguments) => SoxTool.Run(arguments);

    /// <summary>Runs <c>soxi</c> with the arguments and returns its trimmed standard output.</summary>
    public static string Soxi(params string[] arguments) => SoxiTool.RunText(arguments);

    /// <summary>Decodes a file with SoX to interleaved 32-bit float (no dither), the reference for sample values.</summary>
    /// <remarks>SoX rounds to 24 significant bits on the way to 32-bit float; <see cref="DecodeToDouble"/> is exact.</remarks>
    public static float[] DecodeToFloat(string path)
    {
        var bytes = Sox("-D", path, "-t", "f32", "-");
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }

    /// <summary>Decodes a file with SoX to interleaved 64-bit float (no dither): SoX's 32-bit integer samples / 2^31, exactly.</summary>
    public static double[] DecodeToDouble(string path)
    {
        var bytes = Sox("-D", path, "-t", "f64", "-");
        return MemoryMarshal.Cast<byte, double>(bytes).ToArray();
    }

    /// <summary>Makes a 0.5 s 440 Hz sine with the given extra sox output options, e.g. "-c", "2", "-b", "24".</summary>
    public static void Synthesize(string path, params string[] outputOptions)
    {
        string[] arguments = ["-n", "-r", "44100", .. outputOptions, path, "synth", "0.5", "sine", "440"];
        Sox(arguments);
    }

    public static double SoxiNumber(string flag, string path) =>
        double.Parse(Soxi(flag, path), CultureInfo.InvariantCulture);

    /// <summary>
    /// What SoX's decoder holds for a sample value: rounded half away from zero to a multiple of 2^-31 and saturated
    /// to the 32-bit range, so +1.0 becomes (2^31 - 1) / 2^31. Every integer PCM value up to 32 bits maps to itself.
    /// </summary>
    public static double ToSoxSample(double value)
    {
        const double Scale = 2147483648.0;
        var scaled = Math.Round(value * Scale, MidpointRounding.AwayFromZero);
        return Math.Clamp(scaled, int.MinValue, int.MaxValue) / Scale;
    }
}
