using System.Runtime.InteropServices;
using AudioPost.Sdk.Formats.SndFile.Interop;

namespace AudioPost.Sdk.Formats.SndFile;

/// <summary>
/// Loads the native libsndfile this package calls, and says whether it could. Thread-safe: the library is loaded at
/// most once per process, on first use.
/// </summary>
/// <remarks>
/// Looked for, in order: <c>libsndfile.so.1</c> (Linux, Debian/Ubuntu package <c>libsndfile1</c>),
/// <c>libsndfile.1.dylib</c> (macOS, Homebrew), <c>sndfile.dll</c> and <c>libsndfile-1.dll</c> (Windows), then the
/// platform's default probing for <c>sndfile</c>. Version 1.1 or later is needed for MP3; 1.2 is tested.
/// </remarks>
public static class SndFileLibrary
{
    /// <summary>The help text of the exception thrown when the library cannot be loaded.</summary>
    internal const string InstallHint =
        "libsndfile could not be loaded (tried libsndfile.so.1, libsndfile.1.dylib, sndfile.dll, libsndfile-1.dll). " +
        "Install it: 'apt-get install libsndfile1' on Debian/Ubuntu, 'dnf install libsndfile' on Fedora, " +
        "'brew install libsndfile' on macOS, or put sndfile.dll next to the application on Windows.";

    private static readonly string[] CandidateNames =
        ["libsndfile.so.1", "libsndfile.1.dylib", "sndfile.dll", "libsndfile-1.dll", "libsndfile.so", "sndfile"];

    private static readonly Lazy<nint> Handle = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Gets whether libsndfile is installed and loadable. Loads it on first call.</summary>
    public static bool IsAvailable => Handle.Value != 0;

    /// <summary>Gets libsndfile's own version string, for example "libsndfile-1.2.0".</summary>
    /// <exception cref="DllNotFoundException">libsndfile is not installed; the message says how to install it.</exception>
    public static string Version
    {
        get
        {
            EnsureLoaded();
            return Marshal.PtrToStringUTF8(SndFileNative.VersionString()) ?? string.Empty;
        }
    }

    /// <summary>Makes sure libsndfile is loaded, so no P/Invoke fails with a bare loader error.</summary>
    /// <exception cref="DllNotFoundException">libsndfile is not installed; the message says how to install it.</exception>
    internal static void EnsureLoaded()
    {
        if (Handle.Value == 0)
        {
            throw new DllNotFoundException(InstallHint);
        }
    }

    private static nint Load()
    {
        var assembly = typeof(SndFileLibrary).Assembly;
        foreach (var name in CandidateNames)
        {
            if (NativeLibrary.TryLoad(name, assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.AssemblyDirectory, out var handle))
            {
                NativeLibrary.SetDllImportResolver(assembly, (library, _, _) => library == SndFileNative.Library ? handle : 0);
                return handle;
            }
        }

        return 0;
    }
}
