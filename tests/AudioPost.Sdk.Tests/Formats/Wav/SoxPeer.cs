using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace AudioPost.Sdk.Tests.Formats.Wav;

/// <summary>
/// Runs SoX, the reference peer for WAV interoperability. Tests that need it call <see cref="Require"/>: without
/// SoX they are skipped locally and fail in CI (environment variable CI=true), so a CI image cannot silently lose
/// the interop coverage.
/// </summary>
internal static class SoxPeer
{
    private static readonly Lazy<bool> Available = new(Probe);

    public static void Require()
    {
        if (Available.Value)
        {
            return;
        }

        const string Message = "SoX is not installed; install it with 'apt-get install -y sox libsox-fmt-all'.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(Message + " It is required when CI=true.");
        }

        Assert.Skip(Message);
    }

    /// <summary>Runs <c>sox</c> with the arguments and returns its standard output bytes; fails the test on a non-zero exit.</summary>
    public static byte[] Sox(params string[] arguments) => Run("sox", arguments);

    /// <summary>Runs <c>soxi</c> with the arguments and returns its trimmed standard output.</summary>
    public static string Soxi(params string[] arguments) =>
        System.Text.Encoding.UTF8.GetString(Run("soxi", arguments)).Trim();

    /// <summary>Decodes a file with SoX to interleaved 32-bit float (no dither), the reference for sample values.</summary>
    public static float[] DecodeToFloat(string path)
    {
        var bytes = Sox("-D", path, "-t", "f32", "-");
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }

    /// <summary>Makes a 0.5 s 440 Hz sine with the given extra sox output options, e.g. "-c", "2", "-b", "24".</summary>
    public static void Synthesize(string path, params string[] outputOptions)
    {
        string[] arguments = ["-n", "-r", "44100", .. outputOptions, path, "synth", "0.5", "sine", "440"];
        Sox(arguments);
    }

    public static double SoxiNumber(string flag, string path) =>
        double.Parse(Soxi(flag, path), CultureInfo.InvariantCulture);

    private static bool Probe()
    {
        try
        {
            Run("sox", "--version");
            return true;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }

    private static byte[] Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Assert.Fail($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}");
        }

        return output.ToArray();
    }
}
