using System.Runtime.InteropServices;

namespace AudioPost.Sdk.Tests.Formats.Interop;

/// <summary>
/// One native peer library (libebur128, libltc, ...) whose entry points a test binds with <c>LibraryImport</c>: finds
/// out once whether it loads. Like <see cref="PeerTool"/>, <see cref="Require"/> skips a test locally when it is
/// missing and fails it when CI=true.
/// </summary>
internal sealed class PeerLibrary
{
    private readonly Lazy<bool> _available;
    private readonly string _name;
    private readonly string _package;

    /// <param name="library">The file the loader looks for, e.g. "libltc.so.11".</param>
    /// <param name="name">The library's name in the failure message, e.g. "libltc".</param>
    /// <param name="package">The apt package that provides it, for the failure message.</param>
    public PeerLibrary(string library, string name, string package)
    {
        _name = name;
        _package = package;
        _available = new Lazy<bool>(() =>
        {
            if (NativeLibrary.TryLoad(library, out var handle))
            {
                NativeLibrary.Free(handle);
                return true;
            }

            return false;
        });
    }

    /// <summary>Skips the test when the library is missing, or fails it when CI=true.</summary>
    public void Require()
    {
        if (_available.Value)
        {
            return;
        }

        var message = $"{_name} is not installed; install it with 'apt-get install -y {_package}'.";
        if (PeerTool.IsCi)
        {
            Assert.Fail(message + " It is required when CI=true.");
        }

        Assert.Skip(message);
    }
}
