using AudioPost.Sdk.Devices;

namespace AudioPost.Sdk.Tests.Devices;

public sealed class NullDeviceTests
{
    [Fact]
    public void Registry_Default_ListsTheNullDeviceWithItsCapabilities()
    {
        Assert.True(AudioDeviceRegistry.Default.TryGetBackend("NULL", out var backend));
        var device = Assert.Single(backend.GetDevices());

        Assert.Equal("null", device.BackendName);
        Assert.Equal(32, device.MaxOutputChannels);
        Assert.Contains(48000, device.SampleRates);
        Assert.Contains(128, device.BufferSizes);
        Assert.True(device.IsDefault);
    }

    [Theory]
    [InlineData("null", true)]
    [InlineData("null:null", true)]
    [InlineData("null:nope", false)]
    [InlineData("nosuchbackend", false)]
    public void TryFindDevice_NamesBackendOrDevice(string name, bool found)
    {
        Assert.Equal(found, AudioDeviceRegistry.Default.TryFindDevice(name, out var backend, out _));
        if (found)
        {
            Assert.Equal("null", backend!.Name);
        }
    }

    [Fact]
    public void RegistryBuilder_AddSameName_ReplacesInPlace()
    {
        var manual = new NullDeviceBackend(NullDeviceClock.Manual);
        var registry = AudioDeviceRegistry.Default.ToBuilder().Add(manual).Build();

        Assert.Same(manual, Assert.Single(registry.Backends));
    }

    [Fact]
    public void ManualClock_Advance_CallsBackOncePerBufferWithAMonotonicFrameCounter()
    {
        var callback = new RecordingCallback(0);
        using var stream = new NullDeviceBackend(NullDeviceClock.Manual).Open(new AudioStreamOptions { BufferFrames = 64 }, callback);
        stream.Start();

        stream.Advance(5);
        stream.Stop();
        stream.Start();
        stream.Advance(2);

        Assert.Equal([0L, 64, 128, 192, 256, 320, 384], callback.Frames);
        Assert.Equal(7, stream.CallbackCount);
    }

    [Fact]
    public void Loopback_OutputComesBackOneBufferLater_AndInputLatencySaysSo()
    {
        const int Buffer = 32;
        var callback = new RecordingCallback(Buffer * 4);
        using var stream = new NullDeviceBackend(NullDeviceClock.Manual, loopback: true)
            .Open(new AudioStreamOptions { InputChannels = 1, OutputChannels = 1, BufferFrames = Buffer }, callback);
        stream.Start();

        stream.Advance(4);

        Assert.Equal(Buffer, stream.InputLatency + stream.OutputLatency);
        var captured = callback.Captured;
        for (var i = 0; i < captured.Length; i++)
        {
            // Output frame f carries the value f + 1; it arrives at input frame f + round trip.
            var expected = i < Buffer ? 0f : i - Buffer + 1;
            Assert.Equal(expected, captured[i]);
        }
    }

    [Fact]
    public async Task DeviceLost_IsRaisedOnceOffTheCallingThread_AndReopenResumes()
    {
        using var stream = new NullDeviceBackend(NullDeviceClock.Manual).Open(AudioStreamOptions.Default, new RecordingCallback(0));
        var raised = new TaskCompletionSource<(bool Inline, string Reason)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var count = 0;
        var caller = Environment.CurrentManagedThreadId;
        var reporting = 1;
        stream.DeviceLost += (_, e) =>
        {
            Interlocked.Increment(ref count);
            // Inline: raised from inside the reporting call, on the reporter's own thread. Once the caller has moved
            // on, the pool may well run the event on that same thread id, which is fine.
            var inline = Volatile.Read(ref reporting) == 1 && Environment.CurrentManagedThreadId == caller;
            raised.TrySetResult((inline, e.Reason));
        };
        stream.Start();

        stream.SimulateDeviceLost("cable pulled");
        stream.SimulateDeviceLost("again");
        Volatile.Write(ref reporting, 0);
        var (inline, reason) = await raised.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.False(inline);
        Assert.Equal("cable pulled", reason);
        Assert.True(stream.IsLost);
        Assert.False(stream.IsRunning);
        Assert.Throws<InvalidOperationException>(() => stream.Advance(1));
        stream.Reopen();
        Assert.True(stream.IsRunning);
        stream.Advance(1);
        Assert.Equal(1, stream.CallbackCount);
        Assert.Equal(1, Volatile.Read(ref count));
    }

    [Fact]
    public async Task RealTimeClock_CallsBackAtTheSampleRateOnItsOwnThread()
    {
        var callback = new RecordingCallback(0);
        using var stream = new NullDeviceBackend().Open(new AudioStreamOptions { BufferFrames = 480, SampleRate = 48000 }, callback);

        stream.Start();
        await Task.Delay(500, TestContext.Current.CancellationToken);
        stream.Stop();

        // 10 ms buffers for 0.5 s: about 50 callbacks; a loaded machine may lose a few to xruns but never runs fast.
        Assert.InRange(stream.CallbackCount, 25, 55);
        Assert.NotEqual(Environment.CurrentManagedThreadId, callback.ThreadId);
    }

    [Fact]
    public void Open_TooManyChannels_ThrowsAudioDeviceException() =>
        Assert.Throws<AudioDeviceException>(() => new NullDeviceBackend().Open(new AudioStreamOptions { OutputChannels = 33 }, new RecordingCallback(0)));

    [Fact]
    public void Options_NoChannels_AreRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AudioStreamOptions { OutputChannels = 0 }.Validate());
}
