using System.Runtime.InteropServices;

namespace AudioPost.Sdk.Devices.Jack.Interop;

/// <summary>Opens JACK clients and lists ports: the control-thread helpers shared by the backend and its streams.</summary>
internal static unsafe class JackClient
{
    /// <summary>Opens a client without starting a server; 0 when no server answers.</summary>
    public static nint Open(string clientName, string? serverName, out int status)
    {
        JackLibrary.EnsureLoaded();
        var name = Utf8.Z(clientName);
        int code;
        nint client;
        fixed (byte* namePointer = name)
        {
            if (serverName is null)
            {
                client = JackNative.ClientOpen(namePointer, JackNative.OptionNoStartServer, &code);
            }
            else
            {
                if (OperatingSystem.IsMacOS() && RuntimeInformation.ProcessArchitecture == Architecture.Arm64)
                {
                    throw new PlatformNotSupportedException("Naming a JACK server is not supported on macOS arm64; set JACK_DEFAULT_SERVER instead.");
                }

                var server = Utf8.Z(serverName);
                fixed (byte* serverPointer = server)
                {
                    client = JackNative.ClientOpenNamed(namePointer, JackNative.OptionNoStartServer | JackNative.OptionServerName, &code, serverPointer);
                }
            }
        }

        status = code;
        return client;
    }

    /// <summary>Lists the full names of audio ports with all of <paramref name="flags"/>.</summary>
    public static List<string> Ports(nint client, ulong flags)
    {
        var type = Utf8.Z(JackNative.AudioType);
        fixed (byte* typePointer = type)
        {
            return JackNative.TakePortList(JackNative.GetPorts(client, null, typePointer, (nuint)flags));
        }
    }

    /// <summary>Connects two ports by full name; 0 or EEXIST (already connected) is success.</summary>
    public static int Connect(nint client, string source, string destination)
    {
        var from = Utf8.Z(source);
        var to = Utf8.Z(destination);
        fixed (byte* fromPointer = from)
        fixed (byte* toPointer = to)
        {
            return JackNative.Connect(client, fromPointer, toPointer);
        }
    }

    public static string Describe(int status) =>
        (status & 0x10) != 0 ? "no JACK server is running (or it refused the connection)"
        : (status & 0x20) != 0 ? "the JACK server failed to initialise the client"
        : $"jack_client_open failed with status 0x{status:x}";
}
