using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AudioPost.Sdk.Devices.Jack.Interop;

namespace AudioPost.Sdk.Devices.Jack;

/// <summary>
/// Loads the native libjack this package calls, and says whether it could. Thread-safe: loaded at most once per
/// process, on first use.
/// </summary>
/// <remarks>
/// Looked for, in order: <c>libjack.so.0</c> (Linux: Debian/Ubuntu <c>libjack-jackd2-0</c>, or PipeWire's
/// <c>pipewire-jack</c>), <c>libjack.0.dylib</c> (macOS), <c>libjack64.dll</c> and <c>libjack.dll</c> (Windows).
/// libjack prints its own diagnostics (such as "Cannot connect to server socket" when no server runs) to standard
/// error; this package silences them and reports failures through <see cref="AudioDeviceException"/> instead.
/// </remarks>
public static unsafe class JackLibrary
{
    internal const string InstallHint =
        "libjack could not be loaded (tried libjack.so.0, libjack.0.dylib, libjack64.dll, libjack.dll). " +
        "Install it: 'apt-get install libjack-jackd2-0' (or PipeWire's 'pipewire-jack') on Debian/Ubuntu, " +
        "'brew install jack' on macOS, or the JACK2 installer on Windows.";

    private static readonly string[] CandidateNames = ["libjack.so.0", "libjack.0.dylib", "libjack64.dll", "libjack.dll", "libjack.so", "jack"];

    private static readonly Lazy<nint> Handle = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Gets whether libjack is installed and loadable (not whether a server runs). Loads it on first call.</summary>
    public static bool IsAvailable => Handle.Value != 0;

    /// <summary>Gets libjack's version string, for example "1.9.21".</summary>
    /// <exception cref="DllNotFoundException">libjack is not installed; the message says how to install it.</exception>
    public static string Version
    {
        get
        {
            EnsureLoaded();
            return JackNative.Text(JackNative.GetVersionString()) ?? string.Empty;
        }
    }

    /// <summary>Makes sure libjack is loaded, so no P/Invoke fails with a bare loader error.</summary>
    /// <exception cref="DllNotFoundException">libjack is not installed.</exception>
    internal static void EnsureLoaded()
    {
        if (Handle.Value == 0)
        {
            throw new DllNotFoundException(InstallHint);
        }
    }

    private static nint Load()
    {
        var assembly = typeof(JackLibrary).Assembly;
        foreach (var name in CandidateNames)
        {
            if (NativeLibrary.TryLoad(name, assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.AssemblyDirectory, out var handle))
            {
                NativeLibrary.SetDllImportResolver(assembly, (library, _, _) => library == JackNative.Library ? handle : 0);
                JackNative.PortGetBufferFunction = (delegate* unmanaged[Cdecl]<nint, uint, float*>)NativeLibrary.GetExport(handle, "jack_port_get_buffer");
                JackNative.SetErrorFunction(&Quiet);
                JackNative.SetInfoFunction(&Quiet);
                return handle;
            }
        }

        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Quiet(byte* message)
    {
    }
}
