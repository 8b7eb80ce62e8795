using System.Diagnostics;
using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Devices;

/// <summary>
/// A stream on the <see cref="NullDeviceBackend"/>: a virtual clock calls back once per buffer, on its own thread
/// (<see cref="NullDeviceClock.RealTime"/>) or when the test calls <see cref="Advance"/> (<see cref="NullDeviceClock.Manual"/>).
/// Tests can also make it report an xrun or lose its device.
/// </summary>
/// <remarks>The callback path allocates nothing: buffers are created when the stream is opened.</remarks>
public sealed class NullDeviceStream : IAudioDeviceStream
{
    private readonly IAudioDeviceCallback _callback;
    private readonly float[] _input;
    private readonly float[] _output;
    private readonly bool _loopback;
    private Thread? _thread;
    private volatile bool _running;
    private volatile bool _lost;
    private long _frame;
    private long _xruns;
    private long _callbacks;
    private int _lostRaised;

    internal NullDeviceStream(NullDeviceBackend backend, AudioStreamOptions options, IAudioDeviceCallback callback)
    {
        Device = backend.Device;
        Clock = backend.Clock;
        _loopback = backend.Loopback;
        _callback = callback;
        SampleRate = options.SampleRate ?? Device.DefaultSampleRate;
        BufferFrames = options.BufferFrames ?? Device.DefaultBufferFrames;
        InputChannels = options.InputChannels;
        OutputChannels = options.OutputChannels;
        _input = new float[Math.Max(1, InputChannels * BufferFrames)];
        _output = new float[Math.Max(1, OutputChannels * BufferFrames)];
    }

    /// <inheritdoc />
    public event EventHandler<AudioDeviceLostEventArgs>? DeviceLost;

    /// <inheritdoc />
    public AudioDeviceInfo Device { get; }

    /// <summary>Gets what drives the callbacks.</summary>
    public NullDeviceClock Clock { get; }

    /// <inheritdoc />
    public int SampleRate { get; }

    /// <inheritdoc />
    public int BufferFrames { get; }

    /// <inheritdoc />
    public int InputChannels { get; }

    /// <inheritdoc />
    public int OutputChannels { get; }

    /// <inheritdoc />
    /// <remarks>One buffer with loopback (the trip from one callback's output to the next one's input), else 0.</remarks>
    public int InputLatency => _loopback ? BufferFrames : 0;

    /// <inheritdoc />
    public int OutputLatency => 0;

    /// <inheritdoc />
    public long XrunCount => Interlocked.Read(ref _xruns);

    /// <inheritdoc />
    public long CallbackCount => Interlocked.Read(ref _callbacks);

    /// <inheritdoc />
    public bool IsRunning => _running && !_lost;

    /// <inheritdoc />
    public bool IsLost => _lost;

    /// <inheritdoc />
    public void Start()
    {
        ThrowIfLost();
        if (_running)
        {
            return;
        }

        _running = true;
        if (Clock == NullDeviceClock.RealTime)
        {
            _thread = new Thread(RunClock) { IsBackground = true, Name = "AudioPost null device", Priority = ThreadPriority.Highest };
            _thread.Start();
        }
    }

    /// <inheritdoc />
    public void Stop()
    {
        _running = false;
        if (_thread is { } thread && thread != Thread.CurrentThread)
        {
            thread.Join();
        }

        _thread = null;
    }

    /// <summary>Runs <paramref name="callbacks"/> callbacks now, on the calling thread (which acts as the audio thread).</summary>
    /// <param name="callbacks">How many buffers to process, 0 or more.</param>
    /// <exception cref="InvalidOperationException">The clock is not <see cref="NullDeviceClock.Manual"/>, or the stream is not running.</exception>
    public void Advance(int callbacks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(callbacks);
        if (Clock != NullDeviceClock.Manual || !IsRunning)
        {
            throw new InvalidOperationException("Advance needs a started stream on the manual clock.");
        }

        for (var i = 0; i < callbacks && IsRunning; i++)
        {
            RunOnce();
        }
    }

    /// <summary>Counts one xrun, as a device would after a late callback. Any thread.</summary>
    public void SimulateXrun() => Interlocked.Increment(ref _xruns);

    /// <summary>Makes the device go away: callbacks stop and <see cref="DeviceLost"/> is raised on the thread pool. Any thread.</summary>
    /// <param name="reason">The reason passed on in the event.</param>
    public void SimulateDeviceLost(string reason = "simulated device loss")
    {
        _lost = true;
        if (Interlocked.Exchange(ref _lostRaised, 1) == 0)
        {
            ThreadPool.QueueUserWorkItem(static state => state.stream.DeviceLost?.Invoke(state.stream, new AudioDeviceLostEventArgs(state.reason)), (stream: this, reason), preferLocal: false);
        }
    }

    /// <inheritdoc />
    public void Reopen()
    {
        var wasRunning = _running;
        if (_thread is not null)
        {
            Stop();
        }

        _lost = false;
        _lostRaised = 0;
        if (wasRunning)
        {
            Start();
        }
    }

    /// <inheritdoc />
    public void Dispose() => Stop();

    private void ThrowIfLost()
    {
        if (_lost)
        {
            throw new AudioDeviceException("The null device is lost; call Reopen.");
        }
    }

    private void RunOnce()
    {
        var frames = BufferFrames;
        var input = new ReadOnlyAudioBlock(_input, InputChannels, frames, frames);
        if (!_loopback)
        {
            Array.Clear(_input);
        }

        var output = new AudioBlock(_output, OutputChannels, frames, frames);
        output.Clear();
        var time = new AudioDeviceTime(_frame, Stopwatch.GetTimestamp());
        try
        {
            _callback.Process(input, output, time);
        }
        catch (Exception)
        {
            // A device cannot be stopped by its client's bug: play silence for this buffer, as a native backend would.
            output.Clear();
        }

        if (_loopback)
        {
            Array.Clear(_input);
            var channels = Math.Min(InputChannels, OutputChannels);
            _output.AsSpan(0, channels * frames).CopyTo(_input);
        }

        _frame += frames;
        Interlocked.Increment(ref _callbacks);
    }

    private void RunClock()
    {
        var period = (double)BufferFrames * Stopwatch.Frequency / SampleRate;
        var start = Stopwatch.GetTimestamp();
        long done = 0;
        while (_running && !_lost)
        {
            RunOnce();
            done++;
            var due = start + (long)(done * period);
            var now = Stopwatch.GetTimestamp();
            if (now - due > period)
            {
                // More than a whole buffer late: a sound card would have underrun. Count it and resynchronise.
                Interlocked.Increment(ref _xruns);
                start = now;
                done = 0;
                continue;
            }

            var wait = due - now;
            if (wait > 0)
            {
                Thread.Sleep(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
            }
        }
    }
}
