using System.Diagnostics;
using System.Text.Json;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Cli;

/// <summary>The built <c>audiopost.dll</c> run as a real process: exit codes and streams as a shell sees them.</summary>
public sealed class CliProcessTests
{
    [Fact]
    public void Process_InfoJson_ExitsZeroWithJsonOnStdout()
    {
        using var directory = new TempDirectory();
        var path = directory.File("take.wav");
        File.WriteAllBytes(path, WavBytes.Minimal(480));

        var (exitCode, stdout, stderr) = RunCli("info", path, "--json");

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(480, json.RootElement.GetProperty("frames").GetInt64());
    }

    [Fact]
    public void Process_MalformedFile_ExitsTwoWithOneLineAndNoStackTrace()
    {
        using var directory = new TempDirectory();
        var path = directory.File("in.wav");
        File.WriteAllBytes(path, WavBytes.Minimal()[..40]);

        var (exitCode, stdout, stderr) = RunCli("info", path);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal($"audiopost: error: {path}: offset 36: truncated chunk header: only 4 of 8 bytes remain", InfoCommandTests.SingleLine(stderr));
    }

    [Fact]
    public void Process_Convert_ExitsZeroAndWritesOut()
    {
        using var directory = new TempDirectory();
        var input = directory.File("take.wav");
        var output = directory.File("take-float.wav");
        File.WriteAllBytes(input, WavBytes.Minimal(480));

        var (exitCode, stdout, stderr) = RunCli("convert", input, output, "--format", "float32", "--json");

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(480, json.RootElement.GetProperty("frames").GetInt64());
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void Process_BadUsage_ExitsOne()
    {
        var (exitCode, _, _) = RunCli("info");

        Assert.Equal(1, exitCode);
    }

    private static (int ExitCode, string Stdout, string Stderr) RunCli(params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "audiopost.dll");
        Assert.True(File.Exists(cli), $"{cli} was not built next to the tests.");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(cli);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the CLI did not exit within 60 s");
        return (process.ExitCode, stdout, stderr.Result);
    }
}
