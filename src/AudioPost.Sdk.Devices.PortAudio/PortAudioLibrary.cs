using System.Runtime.InteropServices;
using AudioPost.Sdk.Devices.PortAudio.Interop;

namespace AudioPost.Sdk.Devices.PortAudio;

/// <summary>
/// Loads and initialises the native PortAudio this package calls, and says whether it could. Thread-safe.
/// </summary>
/// <remarks>
/// Looked for, in order: <c>libportaudio.so.2</c> (Linux, Debian/Ubuntu <c>libportaudio2</c>),
/// <c>libportaudio.2.dylib</c> (macOS), <c>portaudio.dll</c> and <c>portaudio_x64.dll</c> (Windows). PortAudio
/// scans its host APIs when initialised, so devices that appear later (a JACK server started afterwards) are seen
/// after a rescan, which <see cref="PortAudioDeviceBackend.GetDevices"/> does whenever no stream is open.
/// </remarks>
public static class PortAudioLibrary
{
    internal const string InstallHint =
        "PortAudio could not be loaded (tried libportaudio.so.2, libportaudio.2.dylib, portaudio.dll, portaudio_x64.dll). " +
        "Install it: 'apt-get install libportaudio2' on Debian/Ubuntu, 'brew install portaudio' on macOS, or put portaudio.dll next to the application on Windows.";

    private static readonly string[] CandidateNames = ["libportaudio.so.2", "libportaudio.2.dylib", "portaudio.dll", "portaudio_x64.dll", "libportaudio.so", "portaudio"];

    private static readonly Lazy<nint> Handle = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lock Gate = new();
    private static bool _initialized;
    private static int _openStreams;

    /// <summary>Gets whether PortAudio is installed and loadable. Loads it on first call.</summary>
    public static bool IsAvailable => Handle.Value != 0;

    /// <summary>Gets PortAudio's version text, for example "PortAudio V19.7.0-devel, revision unknown".</summary>
    /// <exception cref="DllNotFoundException">PortAudio is not installed; the message says how to install it.</exception>
    public static unsafe string Version
    {
        get
        {
            EnsureLoaded();
            return PaNative.Text(PaNative.GetVersionText());
        }
    }

    internal static void EnsureLoaded()
    {
        if (Handle.Value == 0)
        {
            throw new DllNotFoundException(InstallHint);
        }
    }

    /// <summary>Runs <paramref name="action"/> with PortAudio initialised, rescanning devices first when no stream is open.</summary>
    internal static T WithLibrary<T>(bool rescan, Func<T> action)
    {
        EnsureLoaded();
        lock (Gate)
        {
            if (_initialized && rescan && _openStreams == 0)
            {
                _ = PaNative.Terminate();
                _initialized = false;
            }

            if (!_initialized)
            {
                var error = PaNative.Initialize();
                if (error != 0)
                {
                    throw new AudioDeviceException("PortAudio failed to initialise: " + PaNative.ErrorText(error));
                }

                _initialized = true;
            }

            return action();
        }
    }

    /// <summary>
    /// Terminates PortAudio when no stream is open, closing the clients its host APIs hold (its JACK host API keeps
    /// one on the server from initialisation until termination). The next call initialises it again.
    /// </summary>
    /// <returns>Whether PortAudio was terminated.</returns>
    internal static bool Shutdown()
    {
        lock (Gate)
        {
            if (!_initialized || _openStreams > 0)
            {
                return false;
            }

            _ = PaNative.Terminate();
            _initialized = false;
            return true;
        }
    }

    internal static void StreamOpened()
    {
        lock (Gate)
        {
            _openStreams++;
        }
    }

    internal static void StreamClosed()
    {
        lock (Gate)
        {
            _openStreams--;
        }
    }

    private static nint Load()
    {
        var assembly = typeof(PortAudioLibrary).Assembly;
        foreach (var name in CandidateNames)
        {
            if (NativeLibrary.TryLoad(name, assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.AssemblyDirectory, out var handle))
            {
                NativeLibrary.SetDllImportResolver(assembly, (library, _, _) => library == PaNative.Library ? handle : 0);
                return handle;
            }
        }

        return 0;
    }
}
