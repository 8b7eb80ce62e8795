using AudioPost.Sdk.Devices.Jack;

namespace AudioPost.Sdk.Devices.Tests.Jack;

public sealed class JackLoopbackTests
{
    [Fact]
    public async Task TenSecondsThroughOurOwnPorts_ArriveSampleExact_AtTheReportedRoundTrip()
    {
        using var server = JackServer.Start();
        const int Seconds = 10;
        var signal = LoopbackCallback.KnownSignal(Seconds * server.SampleRate);
        var callback = new LoopbackCallback(signal, (Seconds + 4) * server.SampleRate);
        using var stream = new JackDeviceBackend(server.Options).Open(new AudioStreamOptions { InputChannels = 1, OutputChannels = 1, AutoConnect = false, ClientName = "loop" }, callback);
        stream.Start();
        stream.Connect(stream.OutputPortNames[0], stream.InputPortNames[0]);
        var roundTrip = stream.InputLatency + stream.OutputLatency;

        callback.Arm();
        while (!callback.Finished || callback.StreamFrame < callback.PlayStart + signal.Length + roundTrip + (2 * server.BufferFrames))
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        stream.Stop();
        var captured = callback.Captured;
        var start = (int)callback.PlayStart;
        var arrived = captured[start..].IndexOfAnyExcept(0f);
        Assert.True(arrived >= 0, "nothing came back");
        Assert.True(captured.Slice(start + arrived, signal.Length).SequenceEqual(signal), $"the signal came back altered (lag {arrived})");
        // The lag is the reported round trip, unless the server skipped cycles (xruns on an overloaded machine) while the
        // loop was being wired, which can only shift it by whole buffers.
        if (stream.XrunCount == 0)
        {
            Assert.Equal(roundTrip, arrived);
        }
        else
        {
            Assert.Equal(0, (arrived - roundTrip) % server.BufferFrames);
        }

        Assert.Equal(0, stream.CallbackErrorCount);
    }
}
