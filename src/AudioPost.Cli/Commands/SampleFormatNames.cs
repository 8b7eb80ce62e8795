using AudioPost.Sdk.Buffers;

namespace AudioPost.Cli.Commands;

/// <summary>The command-line names of sample formats (<c>pcm16</c>, <c>float32</c>...), shared by every command.</summary>
internal static class SampleFormatNames
{
    /// <summary>Gets the name of <paramref name="format"/>, or <c>unknown</c>.</summary>
    public static string Get(SampleFormat format) => format switch
    {
        SampleFormat.Pcm8 => "pcm8",
        SampleFormat.Pcm16 => "pcm16",
        SampleFormat.Pcm24 => "pcm24",
        SampleFormat.Pcm32 => "pcm32",
        SampleFormat.Float32 => "float32",
        SampleFormat.Float64 => "float64",
        _ => "unknown",
    };

    /// <summary>Parses a name <see cref="Get"/> returns; null for anything else.</summary>
    public static SampleFormat? Parse(string? name) => name switch
    {
        "pcm8" => SampleFormat.Pcm8,
        "pcm16" => SampleFormat.Pcm16,
        "pcm24" => SampleFormat.Pcm24,
        "pcm32" => SampleFormat.Pcm32,
        "float32" => SampleFormat.Float32,
        "float64" => SampleFormat.Float64,
        _ => null,
    };
}
