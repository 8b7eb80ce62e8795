using System.Runtime.InteropServices;
using AudioPost.Sdk.Devices.Jack.Interop;

namespace AudioPost.Sdk.Devices.Jack;

/// <summary>
/// A JACK client with audio ports <c>in_1..in_N</c> and <c>out_1..out_M</c> whose process callback calls an
/// <see cref="IAudioDeviceCallback"/>. Survives the server going away: <see cref="IAudioDeviceStream.DeviceLost"/>
/// fires (from jack_on_info_shutdown, passed to the thread pool) and <see cref="Reopen"/> reconnects once it is back.
/// </summary>
/// <remarks>
/// <para>The process callback (<c>[UnmanagedCallersOnly]</c>, on JACK's real-time thread) copies each port's buffer
/// into planar scratch memory allocated at open, calls the callback, and copies the output back: no allocation, no
/// lock, and no exception ever crosses into libjack (one escaping the callback silences that buffer).
/// <see cref="AudioThreadAllocatedBytes"/> proves the first point while it runs.</para>
/// <para>Control-thread members are not thread-safe with each other; the counters are readable from any thread.</para>
/// </remarks>
public sealed partial class JackDeviceStream : IAudioDeviceStream
{
    private const int AlreadyConnected = 17; // EEXIST

    private readonly JackDeviceBackend _backend;
    private readonly AudioStreamOptions _options;
    private readonly IAudioDeviceCallback _callback;
    private readonly List<(string Source, string Destination)> _connections = [];
    private readonly nint[] _inputPorts;
    private readonly nint[] _outputPorts;
    private readonly float[] _input;
    private readonly float[] _output;
    private GCHandle _self;
    private nint _client;
    private int _capacity;
    private long _frame;
    private long _xruns;
    private long _callbacks;
    private long _callbackErrors;
    private long _allocated;
    private int _lost;
    private volatile bool _running;
    private bool _wasRunning;
    private bool _disposed;

    internal JackDeviceStream(JackDeviceBackend backend, AudioStreamOptions options, IAudioDeviceCallback callback)
    {
        _backend = backend;
        _options = options;
        _callback = callback;
        InputChannels = options.InputChannels;
        OutputChannels = options.OutputChannels;
        _inputPorts = new nint[InputChannels];
        _outputPorts = new nint[OutputChannels];
        _self = GCHandle.Alloc(this);
        try
        {
            OpenClient();
        }
        catch
        {
            _self.Free();
            throw;
        }

        Device = _backend.Describe(_client);
        _capacity = BufferFrames;
        _input = new float[Math.Max(1, InputChannels * _capacity)];
        _output = new float[Math.Max(1, OutputChannels * _capacity)];
    }

    /// <inheritdoc />
    public event EventHandler<AudioDeviceLostEventArgs>? DeviceLost;

    /// <inheritdoc />
    public AudioDeviceInfo Device { get; }

    /// <inheritdoc />
    public int SampleRate { get; private set; }

    /// <inheritdoc />
    public int BufferFrames { get; private set; }

    /// <inheritdoc />
    public int InputChannels { get; }

    /// <inheritdoc />
    public int OutputChannels { get; }

    /// <summary>Gets the client's name as the server knows it (it may add a suffix to make it unique).</summary>
    public string ClientName { get; private set; } = string.Empty;

    /// <summary>Gets the full names of the input ports ("client:in_1", ...).</summary>
    public IReadOnlyList<string> InputPortNames { get; private set; } = [];

    /// <summary>Gets the full names of the output ports ("client:out_1", ...).</summary>
    public IReadOnlyList<string> OutputPortNames { get; private set; } = [];

    /// <inheritdoc />
    /// <remarks>
    /// The largest capture latency JACK reports for the input ports (what their connections upstream add), plus one
    /// buffer when an input is fed straight from one of this stream's own outputs: JACK breaks that cycle by handing
    /// the input the previous cycle's output, a delay its latency ranges do not include (measured: exactly one
    /// buffer). A loop through another client is not detected.
    /// </remarks>
    public int InputLatency => MaxLatency(_inputPorts, JackNative.CaptureLatency) + (FedByOwnOutput() ? BufferFrames : 0);

    /// <inheritdoc />
    /// <remarks>The largest playback latency JACK reports for the output ports (what their connections downstream add).</remarks>
    public int OutputLatency => MaxLatency(_outputPorts, JackNative.PlaybackLatency);

    /// <inheritdoc />
    public long XrunCount => Interlocked.Read(ref _xruns);

    /// <inheritdoc />
    public long CallbackCount => Interlocked.Read(ref _callbacks);

    /// <summary>Gets the buffers silenced because the callback threw. Thread-safe.</summary>
    public long CallbackErrorCount => Interlocked.Read(ref _callbackErrors);

    /// <summary>
    /// Gets the bytes allocated on JACK's process thread inside this stream's callbacks since it opened (measured with
    /// <see cref="GC.GetAllocatedBytesForCurrentThread"/> around each callback). 0 is the real-time contract.
    /// </summary>
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
            throw new AudioDeviceException("The JACK server went away; call Reopen once it is back.");
        }

        if (_running)
        {
            return;
        }

        if (JackNative.Activate(_client) != 0)
        {
            throw new AudioDeviceException($"JACK refused to activate client '{ClientName}'.");
        }

        _running = true;
        if (_options.AutoConnect)
        {
            ConnectPhysical();
        }

        foreach (var (source, destination) in _connections)
        {
            _ = JackClient.Connect(_client, source, destination);
        }
    }

    /// <inheritdoc />
    public void Stop()
    {
        if (!_running)
        {
            return;
        }

        _running = false;
        if (!IsLost && _client != 0)
        {
            _ = JackNative.Deactivate(_client);
        }
    }

    /// <summary>
    /// Connects two ports by full name (ours or any other client's), now and again after every <see cref="Reopen"/>.
    /// Control thread; the stream must be started for JACK to accept the connection.
    /// </summary>
    /// <param name="source">An output port, e.g. <c>OutputPortNames[0]</c>.</param>
    /// <param name="destination">An input port, e.g. <c>"system:playback_1"</c>.</param>
    /// <exception cref="AudioDeviceException">JACK refused (unknown port, wrong direction, not started).</exception>
    public void Connect(string source, string destination)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        var result = JackClient.Connect(_client, source, destination);
        if (result != 0 && result != AlreadyConnected)
        {
            throw new AudioDeviceException($"JACK could not connect '{source}' to '{destination}' (error {result}).");
        }

        _connections.Add((source, destination));
    }

    /// <summary>Lists the full names of every audio port on the server (any client's) of one direction. Control thread.</summary>
    /// <param name="outputs">True for ports that produce audio (capture ports, clients' outputs), false for ports that take it.</param>
    /// <returns>The names, in the server's order.</returns>
    public IReadOnlyList<string> GetAudioPorts(bool outputs)
    {
        RequireClient();
        return JackClient.Ports(_client, outputs ? JackNative.PortIsOutput : JackNative.PortIsInput);
    }

    /// <summary>Gets the JACK transport's state and position. Control thread.</summary>
    /// <returns>The transport now.</returns>
    public JackTransportInfo GetTransport()
    {
        RequireClient();
        unsafe
        {
            var state = (JackTransportState)JackNative.TransportQuery(_client, null);
            return new JackTransportInfo(state, JackNative.GetCurrentTransportFrame(_client));
        }
    }

    /// <summary>Starts the server's transport rolling (every client sees it). Control thread.</summary>
    public void StartTransport()
    {
        RequireClient();
        JackNative.TransportStart(_client);
    }

    /// <summary>Stops the server's transport. Control thread.</summary>
    public void StopTransport()
    {
        RequireClient();
        JackNative.TransportStop(_client);
    }

    /// <summary>Moves the server's transport to <paramref name="frame"/>. Control thread.</summary>
    /// <param name="frame">The new position, 0 to 2^32 - 1.</param>
    /// <exception cref="AudioDeviceException">JACK refused.</exception>
    public void LocateTransport(long frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frame, uint.MaxValue);
        RequireClient();
        if (JackNative.TransportLocate(_client, (uint)frame) != 0)
        {
            throw new AudioDeviceException($"JACK refused to locate the transport to frame {frame}.");
        }
    }

    /// <inheritdoc />
    public void Reopen()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var restart = _wasRunning || _running;
        CloseClient();
        OpenClient();
        if (BufferFrames > _capacity)
        {
            throw new AudioDeviceException($"The JACK server came back with {BufferFrames}-frame buffers, more than the {_capacity} this stream was opened with; open a new stream.");
        }

        Volatile.Write(ref _lost, 0);
        _wasRunning = false;
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
        CloseClient();
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    private void RequireClient()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_client == 0 || IsLost)
        {
            throw new AudioDeviceException("The JACK server went away; call Reopen once it is back.");
        }
    }

    private int MaxLatency(nint[] ports, int mode)
    {
        if (_client == 0 || IsLost)
        {
            return 0;
        }

        uint max = 0;
        foreach (var port in ports)
        {
            JackLatencyRange range;
            unsafe
            {
                JackNative.PortGetLatencyRange(port, mode, &range);
            }

            max = Math.Max(max, range.Max);
        }

        return (int)max;
    }

    private unsafe bool FedByOwnOutput()
    {
        if (_client == 0 || IsLost)
        {
            return false;
        }

        foreach (var port in _inputPorts)
        {
            foreach (var peer in JackNative.TakePortList(JackNative.PortGetAllConnections(_client, port)))
            {
                if (OutputPortNames.Contains(peer))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void ConnectPhysical()
    {
        var capture = JackClient.Ports(_client, JackNative.PortIsPhysical | JackNative.PortIsOutput);
        var playback = JackClient.Ports(_client, JackNative.PortIsPhysical | JackNative.PortIsInput);
        for (var c = 0; c < InputChannels && c < capture.Count; c++)
        {
            _ = JackClient.Connect(_client, capture[c], InputPortNames[c]);
        }

        for (var c = 0; c < OutputChannels && c < playback.Count; c++)
        {
            _ = JackClient.Connect(_client, OutputPortNames[c], playback[c]);
        }
    }
}
