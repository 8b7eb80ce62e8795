using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Devices.PortAudio.Interop;

namespace AudioPost.Sdk.Devices.PortAudio;

/// <summary>
/// A PortAudio stream in callback mode (32-bit float, non-interleaved) calling an <see cref="IAudioDeviceCallback"/>.
/// </summary>
/// <remarks>
/// <para>The callback (<c>[UnmanagedCallersOnly]</c>) copies PortAudio's per-channel buffers into planar scratch
/// memory allocated at open: no allocation, no lock, and no exception crosses into PortAudio. Under- and overflow
/// flags count as xruns.</para>
/// <para>PortAudio has no portable "device gone" notification, so a running stream whose callbacks stop for a second
/// is declared lost (<see cref="DeviceLost"/>, raised on the thread pool); <see cref="Reopen"/> rescans and reopens.</para>
/// </remarks>
public sealed class PortAudioDeviceStream : IAudioDeviceStream
{
    private const int MaxFrames = 8192;
    private static readonly TimeSpan SilenceLimit = TimeSpan.FromSeconds(1);

    private readonly PortAudioDeviceBackend _backend;
    private readonly AudioDeviceInfo? _requested;
    private readonly AudioStreamOptions _options;
    private readonly IAudioDeviceCallback _callback;
    private readonly float[] _input;
    private readonly float[] _output;
    private readonly Timer _watchdog;
    private GCHandle _self;
    private nint _stream;
    private long _frame;
    private long _xruns;
    private long _callbacks;
    private long _allocated;
    private long _watchedCallbacks;
    private long _silentSince;
    private int _lost;
    private volatile bool _running;
    private bool _disposed;

    internal PortAudioDeviceStream(PortAudioDeviceBackend backend, AudioDeviceInfo? device, AudioStreamOptions options, IAudioDeviceCallback callback)
    {
        _backend = backend;
        _requested = device;
        _options = options;
        _callback = callback;
        InputChannels = options.InputChannels;
        OutputChannels = options.OutputChannels;
        _input = new float[Math.Max(1, InputChannels * MaxFrames)];
        _output = new float[Math.Max(1, OutputChannels * MaxFrames)];
        _self = GCHandle.Alloc(this);
        try
        {
            Device = OpenNative(rescan: false);
        }
        catch
        {
            _self.Free();
            throw;
        }

        _watchdog = new Timer(static state => ((PortAudioDeviceStream)state!).Watch(), this, 250, 250);
    }

    /// <inheritdoc />
    public event EventHandler<AudioDeviceLostEventArgs>? DeviceLost;

    /// <inheritdoc />
    public AudioDeviceInfo Device { get; private set; }

    /// <inheritdoc />
    public int SampleRate { get; private set; }

    /// <inheritdoc />
    /// <remarks>The size asked for, or, when the host API picks it, the largest seen so far (at most 8192).</remarks>
    public int BufferFrames { get; private set; }

    /// <inheritdoc />
    public int InputChannels { get; }

    /// <inheritdoc />
    public int OutputChannels { get; }

    /// <inheritdoc />
    /// <remarks>PortAudio's stream input latency (Pa_GetStreamInfo), in frames.</remarks>
    public int InputLatency { get; private set; }

    /// <inheritdoc />
    /// <remarks>PortAudio's stream output latency (Pa_GetStreamInfo), in frames.</remarks>
    public int OutputLatency { get; private set; }

    /// <inheritdoc />
    public long XrunCount => Interlocked.Read(ref _xruns);

    /// <inheritdoc />
    public long CallbackCount => Interlocked.Read(ref _callbacks);

    /// <summary>Gets the bytes allocated on PortAudio's callback thread inside this stream's callbacks (0 is the contract). Thread-safe.</summary>
    public long AudioThreadAllocatedBytes => Interlocked.Read(ref _allocated);

    /// <inheritdoc />
    public bool IsRunning => _running && !IsLost;

    /// <inheritdoc />
    public bool IsLost => Volatile.Read(ref _lost) != 0;

    /// <inheritdoc />
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsLost)
        {
            throw new AudioDeviceException("The PortAudio device stopped calling back; call Reopen.");
        }

        if (_running)
        {
            return;
        }

        Check(PaNative.StartStream(_stream), "start the stream");
        Volatile.Write(ref _silentSince, Stopwatch.GetTimestamp());
        _running = true;
    }

    /// <inheritdoc />
    public void Stop()
    {
        if (!_running)
        {
            return;
        }

        _running = false;
        _ = PaNative.StopStream(_stream);
    }

    /// <inheritdoc />
    public void Reopen()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var restart = _running || IsLost;
        CloseNative();
        Device = OpenNative(rescan: true);
        Volatile.Write(ref _lost, 0);
        _running = false;
        if (restart)
        {
            Start();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _watchdog.Dispose();
        CloseNative();
        _self.Free();
    }

    private unsafe AudioDeviceInfo OpenNative(bool rescan) =>
        PortAudioLibrary.WithLibrary(rescan, () =>
        {
            var (index, info) = _backend.Resolve(_requested, wantsOutput: OutputChannels > 0);
            var rate = _options.SampleRate ?? info.DefaultSampleRate;
            var format = (nuint)(PaNative.Float32 | PaNative.NonInterleaved);
            var input = new PaStreamParameters { Device = index, ChannelCount = InputChannels, SampleFormat = format, SuggestedLatency = PaNative.GetDeviceInfo(index)->DefaultLowInputLatency };
            var output = new PaStreamParameters { Device = index, ChannelCount = OutputChannels, SampleFormat = format, SuggestedLatency = PaNative.GetDeviceInfo(index)->DefaultLowOutputLatency };
            var frames = _options.BufferFrames is { } wanted ? (nuint)Math.Min(wanted, MaxFrames) : PaNative.FramesPerBufferUnspecified;
            nint stream;
            Check(
                PaNative.OpenStream(&stream, InputChannels > 0 ? &input : null, OutputChannels > 0 ? &output : null, rate, frames, 0, &OnCallback, GCHandle.ToIntPtr(_self)),
                $"open '{info.Id}' with {InputChannels} in, {OutputChannels} out at {rate} Hz");
            _stream = stream;
            PortAudioLibrary.StreamOpened();
            var streamInfo = PaNative.GetStreamInfo(stream);
            SampleRate = rate;
            BufferFrames = (int)frames;
            InputLatency = (int)Math.Round(streamInfo->InputLatency * rate);
            OutputLatency = (int)Math.Round(streamInfo->OutputLatency * rate);
            return info;
        });

    private void CloseNative()
    {
        var stream = _stream;
        if (stream == 0)
        {
            return;
        }

        _stream = 0;
        _running = false;
        _ = PaNative.CloseStream(stream);
        PortAudioLibrary.StreamClosed();
    }

    private static void Check(int error, string what)
    {
        if (error < 0)
        {
            throw new AudioDeviceException($"PortAudio could not {what}: {PaNative.ErrorText(error)} ({error}).");
        }
    }

    private void Watch()
    {
        var callbacks = CallbackCount;
        var now = Stopwatch.GetTimestamp();
        if (callbacks != _watchedCallbacks || !_running)
        {
            _watchedCallbacks = callbacks;
            Volatile.Write(ref _silentSince, now);
            return;
        }

        if (Stopwatch.GetElapsedTime(Volatile.Read(ref _silentSince), now) > SilenceLimit && Interlocked.Exchange(ref _lost, 1) == 0)
        {
            DeviceLost?.Invoke(this, new AudioDeviceLostEventArgs("The PortAudio device stopped calling back for a second (unplugged, or its server went away)."));
        }
    }

    private unsafe int Process(float** input, float** output, int frames, nuint flags)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        if ((flags & PaNative.XrunFlags) != 0)
        {
            Interlocked.Increment(ref _xruns);
        }

        if (frames > MaxFrames)
        {
            for (var c = 0; c < OutputChannels && output is not null; c++)
            {
                new Span<float>(output[c], frames).Clear();
            }

            Interlocked.Increment(ref _xruns);
            return 0;
        }

        if (frames > BufferFrames)
        {
            BufferFrames = frames;
        }

        for (var c = 0; c < InputChannels && input is not null; c++)
        {
            new ReadOnlySpan<float>(input[c], frames).CopyTo(_input.AsSpan(c * MaxFrames, frames));
        }

        var block = new AudioBlock(_output, OutputChannels, frames, MaxFrames);
        block.Clear();
        try
        {
            _callback.Process(new ReadOnlyAudioBlock(_input, InputChannels, frames, MaxFrames), block, new AudioDeviceTime(_frame, Stopwatch.GetTimestamp()));
        }
        catch (Exception)
        {
            block.Clear();
        }

        for (var c = 0; c < OutputChannels && output is not null; c++)
        {
            block.GetChannel(c).CopyTo(new Span<float>(output[c], frames));
        }

        _frame += frames;
        Interlocked.Increment(ref _callbacks);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (allocated != 0)
        {
            Interlocked.Add(ref _allocated, allocated);
        }

        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe int OnCallback(void* input, void* output, nuint frames, void* timeInfo, nuint flags, nint userData)
    {
        try
        {
            return GCHandle.FromIntPtr(userData).Target is PortAudioDeviceStream stream
                ? stream.Process((float**)input, (float**)output, (int)frames, flags)
                : 0;
        }
        catch (Exception)
        {
            return 0;
        }
    }
}
