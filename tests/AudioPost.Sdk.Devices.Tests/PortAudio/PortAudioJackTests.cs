using AudioPost.Sdk.Devices.Jack;
using AudioPost.Sdk.Devices.PortAudio;
using AudioPost.Sdk.Devices.Tests.Jack;

namespace AudioPost.Sdk.Devices.Tests.PortAudio;

public sealed class PortAudioJackTests
{
    private const string JackHostApi = "JACK Audio Connection Kit";

    private static void RequirePortAudio()
    {
        if (PortAudioLibrary.IsAvailable)
        {
            return;
        }

        const string Missing = "libportaudio is not installed; install it with 'apt-get install -y libportaudio2'.";
        if (JackServer.IsCi)
        {
            Assert.Fail(Missing + " It is required when CI=true.");
        }

        Assert.Skip(Missing);
    }

    [Fact]
    public async Task TenSecondsThroughPortAudiosJackHostApi_ArriveSampleExact()
    {
        RequirePortAudio();
        using var server = JackServer.Start();
        NativeEnvironment.Set("JACK_DEFAULT_SERVER", server.Name);
        var backend = new PortAudioDeviceBackend(JackHostApi);
        Assert.Contains(backend.GetHostApis(), api => api.Name == JackHostApi && api.DeviceCount > 0);
        var device = Assert.Single(backend.GetDevices(), d => d.Id.StartsWith(JackHostApi + ":", StringComparison.Ordinal) && d.MaxOutputChannels > 0);
        Assert.Equal(48000, device.DefaultSampleRate);

        // Our own JACK client records what PortAudio's JACK client plays.
        const int Seconds = 10;
        var signal = LoopbackCallback.KnownSignal(Seconds * server.SampleRate);
        var recorder = new LoopbackCallback([], (Seconds + 4) * server.SampleRate);
        using var recording = new JackDeviceBackend(server.Options).Open(new AudioStreamOptions { InputChannels = 1, OutputChannels = 0, AutoConnect = false, ClientName = "rec" }, recorder);
        recording.Start();
        var player = new LoopbackCallback(signal, 0);
        using var playback = backend.Open(device, new AudioStreamOptions { OutputChannels = 1, ClientName = "pa" }, player);
        playback.Start();
        var before = recording.GetAudioPorts(outputs: true);
        var paPort = Assert.Single(before, p => !p.StartsWith("system:", StringComparison.Ordinal) && !p.StartsWith(recording.ClientName + ":", StringComparison.Ordinal));
        recording.Connect(paPort, recording.InputPortNames[0]);

        player.Arm();
        while (!player.Finished || recorder.StreamFrame < recorder.Captured.Length - server.SampleRate)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        playback.Stop();
        playback.Dispose();
        recording.Stop();

        // Close PortAudio's own JACK client while the server still runs: it holds one from initialisation on.
        Assert.True(PortAudioLibrary.Shutdown());
        var captured = recorder.Captured;
        var arrived = captured.IndexOfAnyExcept(0f);
        Assert.True(arrived >= 0, "nothing came back");
        var xruns = playback.XrunCount + recording.XrunCount;
        var (exact, lost, altered) = CompareByCycle(captured[arrived..], signal, server.BufferFrames);

        // Not one sample may change. Cycles may only go missing when the server reported xruns (an overloaded machine
        // makes jackd skip cycles, differently for each client); without xruns the whole signal must be there.
        Assert.Equal(0, altered);
        Assert.True(xruns > 0 || lost == 0, $"{lost} cycles lost without an xrun");
        Assert.True(exact >= signal.Length / server.BufferFrames / 2, $"only {exact} cycles arrived (xruns: {xruns})");
        Assert.Equal(0, playback.AudioThreadAllocatedBytes);
        Assert.True(playback.OutputLatency >= 0);
    }

    /// <summary>Walks the capture one JACK cycle at a time: each cycle must be the next cycle of the signal, a later
    /// one (cycles lost), silence or a repeat, never anything else.</summary>
    private static (int Exact, int Lost, int Altered) CompareByCycle(ReadOnlySpan<float> captured, float[] signal, int cycle)
    {
        int exact = 0, lost = 0, altered = 0, next = 0;
        for (var at = 0; at + cycle <= captured.Length && next + cycle <= signal.Length; at += cycle)
        {
            var chunk = captured.Slice(at, cycle);
            if (chunk.SequenceEqual(signal.AsSpan(next, cycle)))
            {
                exact++;
                next += cycle;
                continue;
            }

            if (!chunk.ContainsAnyExcept(0f) || (next >= cycle && chunk.SequenceEqual(signal.AsSpan(next - cycle, cycle))))
            {
                continue;
            }

            var found = false;
            for (var later = next + cycle; later + cycle <= signal.Length && later <= next + (cycle * 256); later += cycle)
            {
                if (chunk.SequenceEqual(signal.AsSpan(later, cycle)))
                {
                    lost += (later - next) / cycle;
                    exact++;
                    next = later + cycle;
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                altered++;
            }
        }

        return (exact, lost, altered);
    }

    [Fact]
    public void GetDevices_ListsHostApisAndDefaults()
    {
        RequirePortAudio();
        // No JACK server by this name: PortAudio's JACK host API finds nothing and keeps no client.
        NativeEnvironment.Set("JACK_DEFAULT_SERVER", "apdev-none");
        var backend = new PortAudioDeviceBackend();

        var apis = backend.GetHostApis();

        Assert.NotEmpty(apis);
        Assert.Contains("PortAudio", PortAudioLibrary.Version, StringComparison.Ordinal);
        Assert.All(backend.GetDevices(), d => Assert.Equal("portaudio", d.BackendName));
        PortAudioLibrary.Shutdown();
    }
}
