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

    /// <summary>sf_close. Only <see cref="SndFileHandle"/> calls it, when it is released.</summary>
    [LibraryImport(Library, EntryPoint = "sf_close")]
    public static partial int Close(nint sndfile);

    [LibraryImport(Library, EntryPoint = "sf_readf_float")]
    public static partial long ReadFramesFloat(SndFileHandle sndfile, float* buffer, long frames);

    [LibraryImport(Library, EntryPoint = "sf_writef_float")]
    public static partial long WriteFramesFloat(SndFileHandle sndfile, float* buffer, long frames);

    [LibraryImport(Library, EntryPoint = "sf_seek")]
    public static partial long Seek(SndFileHandle sndfile, long frames, int whence);

    [LibraryImport(Library, EntryPoint = "sf_command")]
    public static partial int Command(SndFileHandle sndfile, int command, void* data, int dataSize);

    [LibraryImport(Library, EntryPoint = "sf_format_check")]
    public static partial int FormatCheck(SfInfo* info);

    [LibraryImport(Library, EntryPoint = "sf_error")]
    public static partial int Error(SndFileHandle sndfile);

    [LibraryImport(Library, EntryPoint = "sf_strerror")]
    public static partial nint StrError(nint sndfile);

    [LibraryImport(Library, EntryPoint = "sf_strerror")]
    public static partial nint StrError(SndFileHandle sndfile);

    [LibraryImport(Library, EntryPoint = "sf_error_number")]
    public static partial nint ErrorNumber(int error);

    [LibraryImport(Library, EntryPoint = "sf_version_string")]
    public static partial nint VersionString();

    /// <summary>Gets libsndfile's text for the last failed open.</summary>
    public static string GetOpenErrorText() =>
        Marshal.PtrToStringUTF8(StrError(0)) ?? "unknown libsndfile error";

    /// <summary>Gets libsndfile's text for the last error of <paramref name="sndfile"/>.</summary>
    public static string GetErrorText(SndFileHandle sndfile) =>
        Marshal.PtrToStringUTF8(StrError(sndfile)) ?? "unknown libsndfile error";
}
