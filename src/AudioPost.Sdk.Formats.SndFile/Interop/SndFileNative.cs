using System.Runtime.InteropServices;

namespace AudioPost.Sdk.Formats.SndFile.Interop;

/// <summary>
/// The libsndfile 1.2 entry points this package uses. The library name is resolved by <see cref="SndFileLibrary"/>,
/// so callers must go through <see cref="SndFileLibrary.EnsureLoaded"/> first for a clear error when it is missing.
/// </summary>
internal static unsafe partial class SndFileNative
{
    /// <summary>The logical library name; <see cref="SndFileLibrary"/> maps it to the platform's file.</summary>
    public const string Library = "sndfile";

    /// <summary>SFM_READ.</summary>
    public const int ModeRead = 0x10;

    /// <summary>SFM_WRITE.</summary>
    public const int ModeWrite = 0x20;

    /// <summary>SF_TRUE, what successful boolean sf_command calls return.</summary>
    public const int True = 1;

    [LibraryImport(Library, EntryPoint = "sf_open_virtual")]
    public static partial nint OpenVirtual(SfVirtualIo* virtualIo, int mode, SfInfo* info, nint userData);

    [LibraryImport(Library, EntryPoint = "sf_close")]
    public static partial int Close(nint sndfile);

    [LibraryImport(Library, EntryPoint = "sf_readf_float")]
    public static partial long ReadFramesFloat(nint sndfile, float* buffer, long frames);

    [LibraryImport(Library, EntryPoint = "sf_writef_float")]
    public static partial long WriteFramesFloat(nint sndfile, float* buffer, long frames);

    [LibraryImport(Library, EntryPoint = "sf_seek")]
    public static partial long Seek(nint sndfile, long frames, int whence);

    [LibraryImport(Library, EntryPoint = "sf_command")]
    public static partial int Command(nint sndfile, int command, void* data, int dataSize);

    [LibraryImport(Library, EntryPoint = "sf_format_check")]
    public static partial int FormatCheck(SfInfo* info);

    [LibraryImport(Library, EntryPoint = "sf_error")]
    public static partial int Error(nint sndfile);

    [LibraryImport(Library, EntryPoint = "sf_strerror")]
    public static partial nint StrError(nint sndfile);

    [LibraryImport(Library, EntryPoint = "sf_error_number")]
    public static partial nint ErrorNumber(int error);

    [LibraryImport(Library, EntryPoint = "sf_version_string")]
    public static partial nint VersionString();

    /// <summary>Gets libsndfile's text for the last error of <paramref name="sndfile"/> (or of the last failed open, for 0).</summary>
    public static string GetErrorText(nint sndfile) =>
        Marshal.PtrToStringUTF8(StrError(sndfile)) ?? "unknown libsndfile error";
}
