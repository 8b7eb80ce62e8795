using System.Runtime.InteropServices;

namespace AudioPost.Sdk.Devices.Jack.Interop;

/// <summary>
/// The libjack entry points this package uses (JACK 1.9 / jackd2 API, also served by PipeWire's libjack). The
/// library name is resolved by <see cref="JackLibrary"/>; call <see cref="JackLibrary.EnsureLoaded"/> first.
/// </summary>
internal static unsafe partial class JackNative
{
    /// <summary>The logical library name; <see cref="JackLibrary"/> maps it to the platform's file.</summary>
    public const string Library = "jack";

    /// <summary>JACK_DEFAULT_AUDIO_TYPE.</summary>
    public const string AudioType = "32 bit float mono audio";

    public const int OptionNoStartServer = 0x01;
    public const int OptionServerName = 0x04;

    public const ulong PortIsInput = 0x1;
    public const ulong PortIsOutput = 0x2;
    public const ulong PortIsPhysical = 0x4;
    public const ulong PortIsTerminal = 0x10;

    public const int CaptureLatency = 0;
    public const int PlaybackLatency = 1;

    /// <summary>jack_client_open without the variadic server name (the server is JACK_DEFAULT_SERVER or "default").</summary>
    [LibraryImport(Library, EntryPoint = "jack_client_open")]
    public static partial nint ClientOpen(byte* name, int options, int* status);

    /// <summary>
    /// jack_client_open with <see cref="OptionServerName"/> and its one variadic argument. Declared with a fixed
    /// fourth parameter, which is how the System V x86-64 and AArch64 Linux conventions pass it; not valid where
    /// variadic arguments travel on the stack (Apple arm64), so callers check the platform first.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "jack_client_open")]
    public static partial nint ClientOpenNamed(byte* name, int options, int* status, byte* serverName);

    [LibraryImport(Library, EntryPoint = "jack_client_close")]
    public static partial int ClientClose(nint client);

    [LibraryImport(Library, EntryPoint = "jack_get_client_name")]
    public static partial byte* GetClientName(nint client);

    [LibraryImport(Library, EntryPoint = "jack_get_sample_rate")]
    public static partial uint GetSampleRate(nint client);

    [LibraryImport(Library, EntryPoint = "jack_get_buffer_size")]
    public static partial uint GetBufferSize(nint client);

    [LibraryImport(Library, EntryPoint = "jack_port_register")]
    public static partial nint PortRegister(nint client, byte* portName, byte* portType, nuint flags, nuint bufferSize);

    /// <summary>
    /// jack_port_get_buffer, the one entry point the process thread calls. Held as a function pointer that
    /// <see cref="JackLibrary"/> resolves when it loads libjack, not as a P/Invoke: a P/Invoke binds on its first call,
    /// and binding asks the library resolver, which takes the library name as a new managed string (32 bytes
    /// allocated on JACK's real-time thread on the first cycle).
    /// </summary>
    public static float* PortGetBuffer(nint port, uint frames) => PortGetBufferFunction(port, frames);

    /// <summary>Set once by <see cref="JackLibrary"/> on load, before any stream exists.</summary>
    internal static delegate* unmanaged[Cdecl]<nint, uint, float*> PortGetBufferFunction;

    [LibraryImport(Library, EntryPoint = "jack_port_name")]
    public static partial byte* PortName(nint port);

    [LibraryImport(Library, EntryPoint = "jack_port_by_name")]
    public static partial nint PortByName(nint client, byte* portName);

    [LibraryImport(Library, EntryPoint = "jack_port_get_latency_range")]
    public static partial void PortGetLatencyRange(nint port, int mode, JackLatencyRange* range);

    [LibraryImport(Library, EntryPoint = "jack_set_process_callback")]
    public static partial int SetProcessCallback(nint client, delegate* unmanaged[Cdecl]<uint, nint, int> callback, nint arg);

    [LibraryImport(Library, EntryPoint = "jack_set_xrun_callback")]
    public static partial int SetXrunCallback(nint client, delegate* unmanaged[Cdecl]<nint, int> callback, nint arg);

    [LibraryImport(Library, EntryPoint = "jack_on_info_shutdown")]
    public static partial void OnInfoShutdown(nint client, delegate* unmanaged[Cdecl]<int, byte*, nint, void> callback, nint arg);

    [LibraryImport(Library, EntryPoint = "jack_set_error_function")]
    public static partial void SetErrorFunction(delegate* unmanaged[Cdecl]<byte*, void> callback);

    [LibraryImport(Library, EntryPoint = "jack_set_info_function")]
    public static partial void SetInfoFunction(delegate* unmanaged[Cdecl]<byte*, void> callback);

    [LibraryImport(Library, EntryPoint = "jack_activate")]
    public static partial int Activate(nint client);

    [LibraryImport(Library, EntryPoint = "jack_deactivate")]
    public static partial int Deactivate(nint client);

    [LibraryImport(Library, EntryPoint = "jack_connect")]
    public static partial int Connect(nint client, byte* sourcePort, byte* destinationPort);

    [LibraryImport(Library, EntryPoint = "jack_disconnect")]
    public static partial int Disconnect(nint client, byte* sourcePort, byte* destinationPort);

    [LibraryImport(Library, EntryPoint = "jack_get_ports")]
    public static partial byte** GetPorts(nint client, byte* portNamePattern, byte* typeNamePattern, nuint flags);

    [LibraryImport(Library, EntryPoint = "jack_port_get_all_connections")]
    public static partial byte** PortGetAllConnections(nint client, nint port);

    [LibraryImport(Library, EntryPoint = "jack_free")]
    public static partial void Free(void* pointer);

    [LibraryImport(Library, EntryPoint = "jack_transport_query")]
    public static partial int TransportQuery(nint client, void* position);

    [LibraryImport(Library, EntryPoint = "jack_get_current_transport_frame")]
    public static partial uint GetCurrentTransportFrame(nint client);

    [LibraryImport(Library, EntryPoint = "jack_transport_start")]
    public static partial void TransportStart(nint client);

    [LibraryImport(Library, EntryPoint = "jack_transport_stop")]
    public static partial void TransportStop(nint client);

    [LibraryImport(Library, EntryPoint = "jack_transport_locate")]
    public static partial int TransportLocate(nint client, uint frame);

    [LibraryImport(Library, EntryPoint = "jack_get_version_string")]
    public static partial byte* GetVersionString();

    /// <summary>Reads a C string libjack owns.</summary>
    public static string? Text(byte* value) => value is null ? null : Marshal.PtrToStringUTF8((nint)value);

    /// <summary>Reads and frees a NULL-terminated port-name array from jack_get_ports.</summary>
    public static List<string> TakePortList(byte** ports)
    {
        var names = new List<string>();
        if (ports is null)
        {
            return names;
        }

        for (var p = ports; *p is not null; p++)
        {
            names.Add(Marshal.PtrToStringUTF8((nint)(*p))!);
        }

        Free(ports);
        return names;
    }
}
