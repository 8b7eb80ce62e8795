using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Devices.Jack.Interop;

namespace AudioPost.Sdk.Devices.Jack;

/// <summary>The client's native lifetime and the three callbacks libjack calls.</summary>
public sealed partial class JackDeviceStream
{
    private unsafe void OpenClient()
    {
        var client = JackClient.Open(_options.ClientName, _backend.Options.ServerName, out var status);
        if (client == 0)
        {
            throw new AudioDeviceException($"Cannot open a JACK client: {JackClient.Describe(status)}.");
        }

        try
        {
            var rate = (int)JackNative.GetSampleRate(client);
            var buffer = (int)JackNative.GetBufferSize(client);
            if (_options.SampleRate is { } wantedRate && wantedRate != rate)
            {
                throw new AudioDeviceException($"The JACK server runs at {rate} Hz, not the {wantedRate} Hz asked for; a JACK server's rate is set when it starts (jackd -r).");
            }

            if (_options.BufferFrames is { } wantedBuffer && wantedBuffer != buffer)
            {
                throw new AudioDeviceException($"The JACK server runs {buffer}-frame buffers, not the {wantedBuffer} asked for; a JACK server's buffer size is set when it starts (jackd -p).");
            }

            var type = Utf8.Z(JackNative.AudioType);
            var inputs = new string[InputChannels];
            var outputs = new string[OutputChannels];
            fixed (byte* typePointer = type)
            {
                for (var c = 0; c < InputChannels; c++)
                {
                    _inputPorts[c] = Register(client, $"in_{c + 1}", typePointer, JackNative.PortIsInput | JackNative.PortIsTerminal);
                    inputs[c] = JackNative.Text(JackNative.PortName(_inputPorts[c]))!;
                }

                for (var c = 0; c < OutputChannels; c++)
                {
                    _outputPorts[c] = Register(client, $"out_{c + 1}", typePointer, JackNative.PortIsOutput | JackNative.PortIsTerminal);
                    outputs[c] = JackNative.Text(JackNative.PortName(_outputPorts[c]))!;
                }
            }

            var self = GCHandle.ToIntPtr(_self);
            if (JackNative.SetProcessCallback(client, &OnProcess, self) != 0 || JackNative.SetXrunCallback(client, &OnXrun, self) != 0)
            {
                throw new AudioDeviceException("JACK refused the process or xrun callback.");
            }

            JackNative.OnInfoShutdown(client, &OnShutdown, self);
            SampleRate = rate;
            BufferFrames = buffer;
            ClientName = JackNative.Text(JackNative.GetClientName(client)) ?? _options.ClientName;
            InputPortNames = inputs;
            OutputPortNames = outputs;
            _client = client;
        }
        catch
        {
            _ = JackNative.ClientClose(client);
            throw;
        }
    }

    private unsafe nint Register(nint client, string shortName, byte* type, ulong flags)
    {
        var name = Utf8.Z(shortName);
        fixed (byte* namePointer = name)
        {
            var port = JackNative.PortRegister(client, namePointer, type, (nuint)flags, 0);
            return port != 0 ? port : throw new AudioDeviceException($"JACK refused to register port '{shortName}'.");
        }
    }

    private void CloseClient()
    {
        var client = _client;
        if (client == 0)
        {
            return;
        }

        _client = 0;
        _running = false;
        // jack_client_close also works on a client whose server died: it releases the local side only.
        _ = JackNative.ClientClose(client);
    }

    /// <summary>The audio work of one JACK cycle. JACK's process thread; allocation-free.</summary>
    private unsafe int Process(uint frameCount)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var frames = (int)frameCount;
        var capacity = _capacity;
        if (frames > capacity)
        {
            // The server changed its buffer size to more than this stream prepared for: play silence, never allocate.
            for (var c = 0; c < _outputPorts.Length; c++)
            {
                new Span<float>(JackNative.PortGetBuffer(_outputPorts[c], frameCount), frames).Clear();
            }

            Interlocked.Increment(ref _xruns);
            return 0;
        }

        for (var c = 0; c < _inputPorts.Length; c++)
        {
            new ReadOnlySpan<float>(JackNative.PortGetBuffer(_inputPorts[c], frameCount), frames).CopyTo(_input.AsSpan(c * capacity, frames));
        }

        var output = new AudioBlock(_output, OutputChannels, frames, capacity);
        output.Clear();
        try
        {
            _callback.Process(new ReadOnlyAudioBlock(_input, InputChannels, frames, capacity), output, new AudioDeviceTime(_frame, Stopwatch.GetTimestamp()));
        }
        catch (Exception)
        {
            // Never let an exception unwind into libjack: silence this buffer and count it.
            output.Clear();
            Interlocked.Increment(ref _callbackErrors);
        }

        for (var c = 0; c < _outputPorts.Length; c++)
        {
            output.GetChannel(c).CopyTo(new Span<float>(JackNative.PortGetBuffer(_outputPorts[c], frameCount), frames));
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

    private void MarkLost(string reason)
    {
        if (Interlocked.Exchange(ref _lost, 1) != 0)
        {
            return;
        }

        _wasRunning = _running;
        _running = false;
        ThreadPool.QueueUserWorkItem(static state => state.Stream.DeviceLost?.Invoke(state.Stream, new AudioDeviceLostEventArgs(state.Reason)), (Stream: this, Reason: reason), preferLocal: false);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnProcess(uint frames, nint arg)
    {
        try
        {
            return GCHandle.FromIntPtr(arg).Target is JackDeviceStream stream ? stream.Process(frames) : 0;
        }
        catch (Exception)
        {
            return 0;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnXrun(nint arg)
    {
        if (GCHandle.FromIntPtr(arg).Target is JackDeviceStream stream)
        {
            Interlocked.Increment(ref stream._xruns);
        }

        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe void OnShutdown(int code, byte* reason, nint arg)
    {
        try
        {
            if (GCHandle.FromIntPtr(arg).Target is JackDeviceStream stream)
            {
                stream.MarkLost($"The JACK server shut down ({JackNative.Text(reason) ?? "no reason given"}, status 0x{code:x}).");
            }
        }
        catch (Exception)
        {
            // Nothing may unwind into libjack's notification thread.
        }
    }
}
