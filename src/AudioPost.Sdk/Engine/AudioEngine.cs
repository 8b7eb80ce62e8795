using System.Diagnostics;
using System.Runtime;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Devices;
using AudioPost.Sdk.Graph;

namespace AudioPost.Sdk.Engine;

/// <summary>
/// The real-time engine: runs a compiled graph from a device's callback (device-driven) or from a host's own audio
/// callback (host-driven), through one <see cref="AudioRenderer"/>, and watches it: a per-buffer deadline watchdog, a
/// load meter, and fault isolation (a node that throws is bypassed and reported off the audio thread; the audio
/// goes on).
/// </summary>
/// <remarks>
/// <para><b>Device-driven</b>: <see cref="Open"/> a stream on a backend, <see cref="Start"/>, edit the graph and move
/// parameters from control threads through <see cref="Renderer"/> (plan swaps, scheduled locates) and
/// <c>AudioParameter</c>s; the device's thread calls <see cref="Process"/>.</para>
/// <para><b>Host-driven</b>: call <see cref="Render(Span{float})"/> or <see cref="Render(AudioBlock)"/> from the host's
/// audio callback; the same watchdog and meter apply. (Without them, <see cref="AudioRenderer"/> alone is the
/// host-driven path.)</para>
/// <para><b>Threads</b>: <see cref="Process"/> and <c>Render</c> are audio-thread calls that never allocate, lock,
/// block or throw for data reasons; everything else is a control-thread call. Statistics are readable from any
/// thread. <see cref="ProcessorFaulted"/> and <see cref="DeviceLost"/> are raised on thread-pool threads.</para>
/// </remarks>
public sealed class AudioEngine : IAudioDeviceCallback, IDisposable
{
    private readonly AudioEngineOptions _options;
    private readonly DeviceInputSource? _input;
    private readonly Timer? _monitor;
    private float[] _scratch = [];
    private IAudioDeviceStream? _stream;
    private long _overruns;
    private long _callbacks;
    private double _load;
    private double _peakLoad;
    private long _lastElapsedTicks;
    private long _allocated;
    private long _compiled;
    private int _polling;
    private bool _disposed;

    /// <summary>Creates an engine for <paramref name="plan"/>.</summary>
    /// <param name="plan">The compiled graph; its output node (if any) is what the device plays.</param>
    /// <param name="options">Input, monitor and watchdog settings; <see cref="AudioEngineOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public AudioEngine(RenderPlan plan, AudioEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _options = options ?? AudioEngineOptions.Default;
        _options.Validate();
        _input = _options.Input;
        Renderer = new AudioRenderer(plan);
        if (_options.MonitorInterval > TimeSpan.Zero)
        {
            _monitor = new Timer(static state => ((AudioEngine)state!).PollFaults(), this, _options.MonitorInterval, _options.MonitorInterval);
        }
    }

    /// <summary>Raised (on a thread-pool thread) for each node that threw on the audio thread and is now bypassed.</summary>
    public event EventHandler<RenderFaultEventArgs>? ProcessorFaulted;

    /// <summary>Raised (on a thread-pool thread) when the open stream's device or server goes away; call <see cref="Reopen"/> once it is back.</summary>
    public event EventHandler<AudioDeviceLostEventArgs>? DeviceLost;

    /// <summary>Gets the renderer: swap plans and schedule locates through it. Thread-safe as documented there.</summary>
    public AudioRenderer Renderer { get; }

    /// <summary>Gets the open device stream, or null (host-driven, or not opened yet).</summary>
    public IAudioDeviceStream? Stream => Volatile.Read(ref _stream);

    /// <summary>
    /// Gets the smoothed load: the share of each buffer's period spent rendering it (0 idle, 1 just keeping up, above
    /// 1 falling behind). Thread-safe.
    /// </summary>
    public double Load => Volatile.Read(ref _load);

    /// <summary>Gets the highest unsmoothed load of a single buffer since the last <see cref="ResetStatistics"/>. Thread-safe.</summary>
    public double PeakLoad => Volatile.Read(ref _peakLoad);

    /// <summary>Gets the buffers that took longer than their deadline (<see cref="AudioEngineOptions.DeadlineFraction"/> of the period). Thread-safe.</summary>
    public long OverrunCount => Interlocked.Read(ref _overruns);

    /// <summary>Gets the buffers rendered (device callbacks plus host <c>Render</c> calls). Thread-safe.</summary>
    public long CallbackCount => Interlocked.Read(ref _callbacks);

    /// <summary>
    /// Gets the bytes allocated on the audio thread inside <see cref="Process"/> and <c>Render</c> since the engine was
    /// created, measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/> around each buffer. 0 is the contract;
    /// anything else names a node that breaks it. Thread-safe.
    /// </summary>
    public long AudioThreadAllocatedBytes => Interlocked.Read(ref _allocated);

    /// <summary>
    /// Gets how many methods the .NET runtime compiled on the audio thread inside <see cref="Process"/> and
    /// <c>Render</c> since the engine was created (<see cref="JitInfo.GetCompiledMethodCount"/> around each buffer).
    /// The first buffers compile the nodes' code; after that the count should stay where it is. A later rise is a code
    /// path reached for the first time mid-stream: the buffer waits for the compiler, and the compile can allocate.
    /// Always 0 under Native AOT. Thread-safe.
    /// </summary>
    public long AudioThreadCompiledMethods => Interlocked.Read(ref _compiled);

    /// <summary>Gets how long the last buffer took to render. Thread-safe.</summary>
    public TimeSpan LastRenderTime => Stopwatch.GetElapsedTime(0, Volatile.Read(ref _lastElapsedTicks));

    /// <summary>
    /// Gets the round trip in frames from a frame rendered for the output to the same sound arriving through
    /// <see cref="AudioEngineOptions.Input"/>: the stream's output and input latencies plus the input's alignment.
    /// Give it to <see cref="CaptureSink.Arm"/>. 0 without a stream.
    /// </summary>
    public long RoundTripLatencyFrames =>
        Stream is { } stream ? stream.OutputLatency + stream.InputLatency + (long)(_input?.AlignmentFrames ?? 0) : 0;

    /// <summary>
    /// Opens a stream (stopped) on a backend for this engine's graph: as many output channels as the graph's output
    /// and as many inputs as <see cref="AudioEngineOptions.Input"/> has, at the graph's sample rate. Control thread.
    /// </summary>
    /// <param name="backend">The backend.</param>
    /// <param name="device">The device, or null for the backend's default.</param>
    /// <param name="options">Buffer size, client name, auto-connection; the channel counts and rate are taken from the graph.</param>
    /// <returns>The stream, also in <see cref="Stream"/>; the engine disposes it.</returns>
    /// <exception cref="InvalidOperationException">A stream is already open.</exception>
    /// <exception cref="AudioDeviceException">The device refused the stream.</exception>
    public IAudioDeviceStream Open(IAudioDeviceBackend backend, AudioDeviceInfo? device = null, AudioStreamOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_stream is not null)
        {
            throw new InvalidOperationException("The engine already has an open stream; dispose the engine or close it first.");
        }

        var template = options ?? AudioStreamOptions.Default;
        var streamOptions = new AudioStreamOptions
        {
            InputChannels = _input?.ChannelCount ?? 0,
            OutputChannels = Renderer.OutputChannelCount,
            SampleRate = Renderer.SampleRate,
            BufferFrames = template.BufferFrames,
            ClientName = template.ClientName,
            AutoConnect = template.AutoConnect,
        };
        var stream = backend.Open(device, streamOptions, this);
        Attach(stream);
        return stream;
    }

    /// <summary>
    /// Uses a stream opened elsewhere (with this engine as its callback). Control thread. Its rate must be the graph's.
    /// </summary>
    /// <param name="stream">The stream; the engine disposes it.</param>
    /// <exception cref="ArgumentException">The stream's rate differs from the graph's.</exception>
    public void Attach(IAudioDeviceStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.SampleRate != Renderer.SampleRate)
        {
            throw new ArgumentException($"The device runs at {stream.SampleRate} Hz but the graph at {Renderer.SampleRate} Hz.", nameof(stream));
        }

        _scratch = new float[Math.Max(1, Renderer.OutputChannelCount * stream.BufferFrames)];
        _input?.Align(stream.BufferFrames % Renderer.BlockSize == 0 ? 0 : Renderer.BlockSize);
        stream.DeviceLost += OnDeviceLost;
        Volatile.Write(ref _stream, stream);
    }

    /// <summary>Starts the stream. Control thread.</summary>
    /// <exception cref="InvalidOperationException">No stream is open.</exception>
    public void Start() => RequireStream().Start();

    /// <summary>Stops the stream; when it returns no callback runs. Control thread.</summary>
    public void Stop() => Stream?.Stop();

    /// <summary>Reopens the stream after <see cref="DeviceLost"/> (same device, same options); restarts it if it was running. Control thread.</summary>
    /// <exception cref="InvalidOperationException">No stream is open.</exception>
    /// <exception cref="AudioDeviceException">The device is still gone.</exception>
    public void Reopen()
    {
        var stream = RequireStream();
        stream.Reopen();
        _input?.Align(stream.BufferFrames % Renderer.BlockSize == 0 ? 0 : Renderer.BlockSize);
    }

    /// <summary>Clears <see cref="PeakLoad"/> and <see cref="OverrunCount"/>. Any thread.</summary>
    public void ResetStatistics()
    {
        Volatile.Write(ref _peakLoad, 0);
        Interlocked.Exchange(ref _overruns, 0);
    }

    /// <summary>The device callback. Audio thread; real-time safe.</summary>
    /// <param name="input">Captured audio, fed to <see cref="AudioEngineOptions.Input"/>.</param>
    /// <param name="output">Filled with the graph's output (channels beyond the graph's stay silent).</param>
    /// <param name="time">The buffer's time (unused: the renderer keeps its own stream clock, which counts the same frames).</param>
    public void Process(ReadOnlyAudioBlock input, AudioBlock output, in AudioDeviceTime time)
    {
        var probe = CallbackProbe.Start();
        _input?.Write(input);
        var channels = Renderer.OutputChannelCount;
        if (channels == 0)
        {
            RenderSinksOnly(output.FrameCount);
        }
        else if (output.ChannelCount == channels)
        {
            Renderer.Render(output);
        }
        else if (output.FrameCount * channels <= _scratch.Length)
        {
            var scratch = new AudioBlock(_scratch, channels, output.FrameCount, output.FrameCount);
            Renderer.Render(scratch);
            var shared = Math.Min(channels, output.ChannelCount);
            scratch.SliceChannels(0, shared).CopyTo(output.SliceChannels(0, shared));
        }
        else
        {
            // A backend handed a buffer larger than it announced; render nothing rather than allocate.
            output.Clear();
        }

        Measure(probe, output.FrameCount);
    }

    /// <summary>Host-driven render into interleaved samples (see <see cref="AudioRenderer.Render(Span{float})"/>), watched like a device callback. Audio thread.</summary>
    /// <param name="interleaved">The host's buffer; a whole number of frames of the graph's output channels.</param>
    public void Render(Span<float> interleaved)
    {
        var probe = CallbackProbe.Start();
        Renderer.Render(interleaved);
        Measure(probe, interleaved.Length / Math.Max(1, Renderer.OutputChannelCount));
    }

    /// <summary>Host-driven render into a planar block (see <see cref="AudioRenderer.Render(AudioBlock)"/>), watched like a device callback. Audio thread.</summary>
    /// <param name="output">The host's block, with the graph's output channel count.</param>
    public void Render(AudioBlock output)
    {
        var probe = CallbackProbe.Start();
        Renderer.Render(output);
        Measure(probe, output.FrameCount);
    }

    /// <summary>
    /// Drains the renderer's faults and raises <see cref="ProcessorFaulted"/> for each, on the calling thread.
    /// Control thread; the monitor timer calls it unless <see cref="AudioEngineOptions.MonitorInterval"/> is zero.
    /// </summary>
    /// <returns>The number of faults reported.</returns>
    public int PollFaults()
    {
        if (Interlocked.Exchange(ref _polling, 1) == 1)
        {
            return 0;
        }

        try
        {
            var count = 0;
            while (Renderer.TryGetFault(out var fault))
            {
                count++;
                ProcessorFaulted?.Invoke(this, new RenderFaultEventArgs(fault));
            }

            return count;
        }
        finally
        {
            Volatile.Write(ref _polling, 0);
        }
    }

    /// <summary>Stops and disposes the stream, stops the monitor and reports any last faults. Control thread. Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _monitor?.Dispose();
        if (Interlocked.Exchange(ref _stream, null) is { } stream)
        {
            stream.DeviceLost -= OnDeviceLost;
            stream.Dispose();
        }

        PollFaults();
    }

    private IAudioDeviceStream RequireStream() =>
        Stream ?? throw new InvalidOperationException("No device stream is open: call Open (or Attach) first.");

    private void RenderSinksOnly(int frames)
    {
        var done = 0;
        while (done < frames)
        {
            var count = Math.Min(Renderer.BlockSize, frames - done);
            Renderer.RenderBlock(count);
            done += count;
        }
    }

    private void Measure(in CallbackProbe probe, int frames)
    {
        var elapsed = Stopwatch.GetTimestamp() - probe.Timestamp;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - probe.AllocatedBytes;
        if (allocated != 0)
        {
            Interlocked.Add(ref _allocated, allocated);
        }

        var compiled = JitInfo.GetCompiledMethodCount(currentThread: true) - probe.CompiledMethods;
        if (compiled != 0)
        {
            Interlocked.Add(ref _compiled, compiled);
        }

        Volatile.Write(ref _lastElapsedTicks, elapsed);
        Interlocked.Increment(ref _callbacks);
        if (frames <= 0)
        {
            return;
        }

        var period = (double)frames * Stopwatch.Frequency / Renderer.SampleRate;
        var load = elapsed / period;
        if (load > _options.DeadlineFraction)
        {
            Interlocked.Increment(ref _overruns);
        }

        if (load > _peakLoad)
        {
            Volatile.Write(ref _peakLoad, load);
        }

        // One-pole smoothing whose coefficient follows the buffer's duration, so the time constant holds for any buffer size.
        var seconds = (double)frames / Renderer.SampleRate;
        var alpha = 1 - Math.Exp(-seconds / _options.LoadTimeConstant.TotalSeconds);
        Volatile.Write(ref _load, _load + (alpha * (load - _load)));
    }

    private void OnDeviceLost(object? sender, AudioDeviceLostEventArgs e) => DeviceLost?.Invoke(this, e);

    /// <summary>The readings taken as a buffer starts: clock, bytes allocated and methods compiled on this thread.</summary>
    private readonly record struct CallbackProbe(long Timestamp, long AllocatedBytes, long CompiledMethods)
    {
        public static CallbackProbe Start() => new(
            Stopwatch.GetTimestamp(), GC.GetAllocatedBytesForCurrentThread(), JitInfo.GetCompiledMethodCount(currentThread: true));
    }
}
