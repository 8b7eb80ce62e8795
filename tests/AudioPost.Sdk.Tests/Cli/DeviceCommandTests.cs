using System.Text.Json;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Cli;

/// <summary><c>audiopost devices</c>, <c>play</c> and <c>record</c> on the null device (the JACK and PortAudio paths
/// are tested against a real server in AudioPost.Sdk.Devices.Tests).</summary>
public sealed class DeviceCommandTests
{
    [Fact]
    public void Devices_Json_ListsEveryBackendAndTheNullDevice()
    {
        var run = CliRunner.Run("devices", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var backends = json.RootElement.GetProperty("backends").EnumerateArray().ToList();
        Assert.Equal(["jack", "portaudio", "null"], backends.Select(b => b.GetProperty("name").GetString()));
        var nullDevice = Assert.Single(backends[2].GetProperty("devices").EnumerateArray());
        Assert.Equal("null", nullDevice.GetProperty("id").GetString());
        Assert.Equal(32, nullDevice.GetProperty("outputs").GetInt32());
        Assert.Contains(48000, nullDevice.GetProperty("sample_rates").EnumerateArray().Select(r => r.GetInt32()));
    }

    [Fact]
    public void Record_NullDevice_WritesExactlyTheRequestedFrames()
    {
        using var directory = new TempDirectory();
        var path = directory.File("take.wav");

        var run = CliRunner.Run("record", path, "--seconds", "0.25", "--channels", "2", "--device", "null");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("recorded 12000 frames", run.Stdout, StringComparison.Ordinal);
        using var reader = AudioFormatRegistry.Default.OpenRead(path);
        Assert.Equal(12000, reader.Info.Frames);
        Assert.Equal(2, reader.Info.ChannelCount);
    }

    [Fact]
    public void Play_NullDevice_PlaysTheWholeFileInRealTime()
    {
        using var directory = new TempDirectory();
        var path = directory.File("tone.wav");
        Assert.Equal(0, CliRunner.Run("generate", path, "--seconds", "0.5").ExitCode);

        var run = CliRunner.Run("play", path, "--device", "null");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("played 24000 frames (0.50 s) on null:null", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Play_UnknownDevice_IsBadUsage()
    {
        var run = CliRunner.Run("play", "nothing.wav", "--device", "no-such-backend");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no device or backend named 'no-such-backend'", run.Stderr, StringComparison.Ordinal);
    }
}
