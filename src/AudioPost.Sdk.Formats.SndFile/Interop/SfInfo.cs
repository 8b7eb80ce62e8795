using System.Runtime.InteropServices;

namespace AudioPost.Sdk.Formats.SndFile.Interop;

/// <summary>SF_INFO: what libsndfile reports about an opened file, or what it is asked to create.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SfInfo
{
    public long Frames;
    public int SampleRate;
    public int Channels;
    public int Format;
    public int Sections;
    public int Seekable;
}
