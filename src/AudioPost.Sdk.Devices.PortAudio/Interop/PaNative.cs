using System.Runtime.InteropServices;

namespace AudioPost.Sdk.Devices.PortAudio.Interop;

/// <summary>The PortAudio V19 entry points this package uses; the library name is resolved by <see cref="PortAudioLibrary"/>.</summary>
internal static unsafe partial class PaNative
{
    public const string Library = "portaudio";

    /// <summary>paFloat32.</summary>
    public const ulong Float32 = 0x00000001;

    /// <summary>paNonInterleaved: buffers arrive as an array of per-channel pointers.</summary>
    public const ulong NonInterleaved = 0x80000000;

    /// <summary>paFramesPerBufferUnspecified: let the host API pick (JACK: the server's buffer).</summary>
    public const nuint FramesPerBufferUnspecified = 0;

    /// <summary>paInputUnderflow | paInputOverflow | paOutputUnderflow | paOutputOverflow.</summary>
    public const nuint XrunFlags = 0x1 | 0x2 | 0x4 | 0x8;

    [LibraryImport(Library, EntryPoint = "Pa_Initialize")]
    public static partial int Initialize();

    [LibraryImport(Library, EntryPoint = "Pa_Terminate")]
    public static partial int Terminate();

    [LibraryImport(Library, EntryPoint = "Pa_GetVersionText")]
    public static partial byte* GetVersionText();

    [LibraryImport(Library, EntryPoint = "Pa_GetErrorText")]
    public static partial byte* GetErrorText(int error);

    [LibraryImport(Library, EntryPoint = "Pa_GetHostApiCount")]
    public static partial int GetHostApiCount();

    [LibraryImport(Library, EntryPoint = "Pa_GetHostApiInfo")]
    public static partial PaHostApiInfo* GetHostApiInfo(int hostApi);

    [LibraryImport(Library, EntryPoint = "Pa_GetDeviceCount")]
    public static partial int GetDeviceCount();

    [LibraryImport(Library, EntryPoint = "Pa_GetDeviceInfo")]
    public static partial PaDeviceInfo* GetDeviceInfo(int device);

    [LibraryImport(Library, EntryPoint = "Pa_IsFormatSupported")]
    public static partial int IsFormatSupported(PaStreamParameters* input, PaStreamParameters* output, double sampleRate);

    [LibraryImport(Library, EntryPoint = "Pa_OpenStream")]
    public static partial int OpenStream(
        nint* stream,
        PaStreamParameters* input,
        PaStreamParameters* output,
        double sampleRate,
        nuint framesPerBuffer,
        nuint flags,
        delegate* unmanaged[Cdecl]<void*, void*, nuint, void*, nuint, nint, int> callback,
        nint userData);

    [LibraryImport(Library, EntryPoint = "Pa_StartStream")]
    public static partial int StartStream(nint stream);

    [LibraryImport(Library, EntryPoint = "Pa_StopStream")]
    public static partial int StopStream(nint stream);

    [LibraryImport(Library, EntryPoint = "Pa_CloseStream")]
    public static partial int CloseStream(nint stream);

    [LibraryImport(Library, EntryPoint = "Pa_GetStreamInfo")]
    public static partial PaStreamInfo* GetStreamInfo(nint stream);

    public static string Text(byte* value) => value is null ? string.Empty : Marshal.PtrToStringUTF8((nint)value) ?? string.Empty;

    public static string ErrorText(int error) => Text(GetErrorText(error));
}
