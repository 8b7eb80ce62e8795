using System.Diagnostics;
using AudioPost.Sdk.Devices.Jack;
using AudioPost.Sdk.Engine;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;

namespace AudioPost.Sdk.Devices.Tests.Jack;

public sealed class JackStreamTests
{
    private static async Task WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Condition not met within {timeout.TotalSeconds} s.");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public void GetDevices_ListsTheServerWithItsRateBufferAndPhysicalPorts()
    {
        using var server = JackServer.Start(bufferFrames: 128);

        var device = Assert.Single(new JackDeviceBackend(server.Options).GetDevices());

        Assert.Equal("jack", device.BackendName);
        Assert.Equal(server.Name, device.Id);
        Assert.Equal(48000, device.DefaultSampleRate);
        Assert.Equal(128, device.DefaultBufferFrames);
        Assert.Equal(2, device.MaxInputChannels);
        Assert.Equal(2, device.MaxOutputChannels);
        Assert.False(string.IsNullOrEmpty(JackLibrary.Version));
    }

    [Fact]
    public void GetDevices_NoServer_IsEmpty_AndOpenSaysWhy()
    {
        JackServer.Require();
        var backend = new JackDeviceBackend(new JackOptions { ServerName = "apdev-nobody-" + Environment.ProcessId });

        Assert.Empty(backend.GetDevices());
        var error = Assert.Throws<AudioDeviceException>(() => backend.Open(AudioStreamOptions.Default, new SilentCallback()));
        Assert.Contains("no JACK server", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_RateOrBufferOtherThanTheServers_IsRefusedWithTheServersValues()
    {
        using var server = JackServer.Start();
        var backend = new JackDeviceBackend(server.Options);

        var rate = Assert.Throws<AudioDeviceException>(() => backend.Open(new AudioStreamOptions { SampleRate = 44100 }, new SilentCallback()));
        var buffer = Assert.Throws<AudioDeviceException>(() => backend.Open(new AudioStreamOptions { BufferFrames = 64 }, new SilentCallback()));

        Assert.Contains("48000 Hz", rate.Message, StringComparison.Ordinal);
        Assert.Contains("256-frame", buffer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutoConnect_WiresThePhysicalPorts_AndPlaybackLatencyIsTheServers()
    {
        using var server = JackServer.Start();
        using var stream = new JackDeviceBackend(server.Options).Open(new AudioStreamOptions { InputChannels = 2, OutputChannels = 2, ClientName = "auto" }, new SilentCallback());

        stream.Start();
        await WaitUntil(() => stream.CallbackCount > 4, TimeSpan.FromSeconds(5));

        // The dummy driver reports 256 frames of capture and 512 of playback latency (jack_lsp -l agrees).
        Assert.Equal(256, stream.InputLatency);
        Assert.Equal(512, stream.OutputLatency);
        Assert.Equal(["auto:in_1", "auto:in_2"], stream.InputPortNames);
        Assert.Equal(["auto:out_1", "auto:out_2"], stream.OutputPortNames);
    }

    [Fact]
    public async Task Transport_StartLocateStop_IsSeenByTheStream()
    {
        using var server = JackServer.Start();
        using var stream = new JackDeviceBackend(server.Options).Open(new AudioStreamOptions { AutoConnect = false }, new SilentCallback());
        stream.Start();

        stream.LocateTransport(48000);
        stream.StartTransport();
        await WaitUntil(() => stream.GetTransport().State == JackTransportState.Rolling, TimeSpan.FromSeconds(5));
        await WaitUntil(() => stream.GetTransport().Frame > 48000, TimeSpan.FromSeconds(5));
        stream.StopTransport();
        await WaitUntil(() => stream.GetTransport().State == JackTransportState.Stopped, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ServerKilledMidStream_DeviceLostWithinOneSecond_ThenReopenAfterRestart()
    {
        using var server = JackServer.Start();
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 256 });
        builder.SetOutput(builder.AddSource(new ToneSource(440f, -20f, 2)));
        using var engine = new AudioEngine(builder.Compile());
        var lost = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        engine.DeviceLost += (_, e) => lost.TrySetResult(e.Reason);
        var stream = engine.Open(new JackDeviceBackend(server.Options), options: new AudioStreamOptions { ClientName = "survivor" });
        engine.Start();
        await WaitUntil(() => stream.CallbackCount > 20, TimeSpan.FromSeconds(5));

        var killed = Stopwatch.StartNew();
        server.Kill();
        var reason = await lost.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var detection = killed.Elapsed;

        Assert.True(detection < TimeSpan.FromSeconds(1), $"device lost after {detection.TotalMilliseconds} ms");
        Assert.Contains("JACK server", reason, StringComparison.Ordinal);
        Assert.True(stream.IsLost);
        Assert.Throws<AudioDeviceException>(engine.Reopen);

        server.Launch();
        engine.Reopen();
        var before = stream.CallbackCount;
        await WaitUntil(() => stream.CallbackCount > before + 20, TimeSpan.FromSeconds(5));
        Assert.True(stream.IsRunning);
        Assert.False(stream.IsLost);
    }

    [Fact]
    public async Task EngineThroughJack_AllocatesNothingOnTheProcessThread()
    {
        using var server = JackServer.Start(bufferFrames: 128);
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 128 });
        var tone = builder.AddSource(new ToneSource(440f, -20f, 2));
        var gainNode = new GainProcessor(-6f);
        var gain = builder.AddProcessor(gainNode);
        builder.Connect(tone, gain).SetOutput(gain);
        using var engine = new AudioEngine(builder.Compile());
        var stream = (JackDeviceStream)engine.Open(new JackDeviceBackend(server.Options), options: new AudioStreamOptions { ClientName = "noalloc" });
        engine.Start();

        // Two seconds (750 callbacks) with automation moving from this (control) thread.
        for (var i = 0; i < 40; i++)
        {
            gainNode.Gain.Value = -6f - (i % 10);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(stream.CallbackCount > 200, $"only {stream.CallbackCount} callbacks");
        Assert.Equal(0, stream.AudioThreadAllocatedBytes);
        Assert.Equal(0, engine.AudioThreadAllocatedBytes);
        Assert.Equal(0, stream.CallbackErrorCount);
    }

    [Fact]
    public async Task Recording_ClickThroughJackLoopback_LandsWithinOneSampleOfWherePlaybackPutIt()
    {
        using var server = JackServer.Start();
        const long ClickAt = 48000;
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 256 });
        builder.SetOutput(builder.AddSource(new ClickSource(ClickAt)));
        var input = new DeviceInputSource(1);
        var recorded = new BufferSink(3 * 48000);
        var capture = new CaptureSink(recorded);
        builder.Connect(builder.AddSource(input), builder.AddSink(capture));
        using var engine = new AudioEngine(builder.Compile(), new AudioEngineOptions { Input = input });
        var stream = (JackDeviceStream)engine.Open(new JackDeviceBackend(server.Options), options: new AudioStreamOptions { AutoConnect = false, ClientName = "adr" });
        engine.Start();
        stream.Connect(stream.OutputPortNames[0], stream.InputPortNames[0]);
        const long TakeStart = 24000;
        var roundTrip = engine.RoundTripLatencyFrames;
        capture.Arm(TakeStart, roundTrip);
        Assert.True(engine.Renderer.StreamFrame < TakeStart, "the take would start before the loop was wired");

        await WaitUntil(() => engine.Renderer.StreamFrame > ClickAt + 48000, TimeSpan.FromSeconds(10));
        engine.Stop();
        capture.Complete();

        // Frame f of the take is what came back while playback frame TakeStart + f was playing.
        var samples = recorded.GetChannel(0);
        var peak = samples.IndexOf(1f);
        Assert.Equal(TakeStart, capture.FirstPlaybackFrame);
        Assert.InRange(peak, ClickAt - TakeStart - 1, ClickAt - TakeStart + 1);
        Assert.Equal(256, roundTrip);
        Assert.Equal(0, capture.DroppedFrames);
    }

    private sealed class SilentCallback : IAudioDeviceCallback
    {
        public void Process(Buffers.ReadOnlyAudioBlock input, Buffers.AudioBlock output, in AudioDeviceTime time)
        {
        }
    }
}
