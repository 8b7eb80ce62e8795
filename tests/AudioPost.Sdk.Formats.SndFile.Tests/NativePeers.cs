using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AudioPost.Sdk.Formats.SndFile.Tests;

/// <summary>
/// The native pieces these tests need: libsndfile itself, and ffmpeg and sox to make and check files. Missing ones
/// skip the test locally and fail it in CI (environment variable CI=true), so a CI image cannot silently lose coverage.
/// </summary>
internal static class NativePeers
{
    private static readonly Lazy<bool> FfmpegAvailable = new(() => Probe("ffmpeg", "-version"));
    private static readonly Lazy<bool> SoxAvailable = new(() => Probe("sox", "--version"));

    public static void RequireLibSndFile() =>
        Require(SndFileLibrary.IsAvailable, "libsndfile is not installed; install it with 'apt-get install -y libsndfile1'.");

    public static void RequireFfmpeg()
    {
        RequireLibSndFile();
        Require(FfmpegAvailable.Value, "ffmpeg is not installed; install it with 'apt-get install -y ffmpeg'.");
    }

    public static void RequireSox()
    {
        RequireLibSndFile();
        Require(SoxAvailable.Value, "SoX is not installed; install it with 'apt-get install -y sox libsox-fmt-all'.");
    }

    /// <summary>Runs ffmpeg quietly; fails the test on a non-zero exit.</summary>
    public static byte[] Ffmpeg(params string[] arguments) => Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-nostdin", .. arguments]);

    public static byte[] Sox(params string[] arguments) => Run("sox", arguments);

    /// <summary>Decodes any file with ffmpeg to interleaved 32-bit float at its own rate and channel count.</summary>
    public static float[] FfmpegDecode(string path) =>
        MemoryMarshal.Cast<byte, float>(Ffmpeg("-i", path, "-f", "f32le", "-")).ToArray();

    private static void Require(bool available, string message)
    {
        if (available)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message + " It is required when CI=true.");
        }

        Assert.Skip(message);
    }

    private static bool Probe(string program, string argument)
    {
        try
        {
            Run(program, argument);
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
