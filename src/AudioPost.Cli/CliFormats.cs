using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.SndFile;

namespace AudioPost.Cli;

/// <summary>The formats the command line reads and writes: the SDK's managed ones (WAV/BWF/RF64, AIFF) and, through
/// libsndfile, FLAC, Ogg Vorbis, Opus and MP3. Built once; immutable and thread-safe.</summary>
/// <remarks>libsndfile is loaded only when one of its formats is opened, so WAV and AIFF work without it.</remarks>
internal static class CliFormats
{
    public static AudioFormatRegistry Registry { get; } = AudioFormatRegistry.Default.ToBuilder().AddSndFileFormats().Build();
}
