using System.Runtime.InteropServices;

namespace AudioPost.Sdk.Formats.SndFile.Interop;

/// <summary>SF_VIRTUAL_IO: the callbacks through which libsndfile reaches a .NET <see cref="Stream"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SfVirtualIo
{
    public delegate* unmanaged[Cdecl]<nint, long> GetFileLength;
    public delegate* unmanaged[Cdecl]<long, int, nint, long> Seek;
    public delegate* unmanaged[Cdecl]<void*, long, nint, long> Read;
    public delegate* unmanaged[Cdecl]<void*, long, nint, long> Write;
    public delegate* unmanaged[Cdecl]<nint, long> Tell;
}
