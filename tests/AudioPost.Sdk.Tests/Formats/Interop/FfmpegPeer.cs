using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace AudioPost.Sdk.Tests.Formats.Interop;

/// <summary>
/// Runs FFmpeg and ffprobe. FFmpeg's decode to interleaved 64-bit float is exact for every WAV encoding: integer PCM
/// becomes code / 2^(bits-1) (unsigned 8-bit: (code - 128) / 128), float PCM is widened. The 32-bit float decode
/// rounds once (int to float), as ours does.
/// </summary>
internal static class FfmpegPeer
{
    private static readonly PeerTool Ffmpeg = new("ffmpeg", "-version", "ffmpeg");
    private static readonly PeerTool Ffprobe = new("ffprobe", "-version", "ffmpeg");

    public static void Require()
    {
        Ffmpeg.Require();
        Ffprobe.Require();
    }

    /// <summary>Starts ffmpeg with its standard streams redirected, for streaming through pipes.</summary>
    public static Process Start(params string[] arguments) => Ffmpeg.Start(arguments);

    /// <summary>Decodes the first audio stream to interleaved 32-bit float; <paramref name="inputOptions"/> go before
    /// <c>-i</c> (e.g. "-ss", "12.5").</summary>
    public static float[] DecodeToFloat(string path, params string[] inputOptions)
    {
        string[] arguments = ["-nostdin", "-v", "error", .. inputOptions, "-i", path, "-map", "0:a:0", "-f", "f32le", "-"];
        return MemoryMarshal.Cast<byte, float>(Ffmpeg.Run(arguments)).ToArray();
    }

    /// <summary>Runs ffmpeg quietly, overwriting outputs.</summary>
    public static void Run(params string[] arguments) => Ffmpeg.Run(["-nostdin", "-v", "error", "-y", .. arguments]);

    /// <summary>Runs ffprobe on the first audio stream and returns its trimmed output.</summary>
    public static string ProbeText(params string[] arguments) => Ffprobe.RunText(["-v", "error", "-select_streams", "a:0", .. arguments]);

    /// <summary>Decodes the first audio stream to interleaved 64-bit float.</summary>
    public static double[] DecodeToDouble(string path) =>
        MemoryMarshal.Cast<byte, double>(Decode(path, "f64le")).ToArray();

    /// <summary>
    /// Decodes the first audio stream to interleaved 64-bit float and, in the same run (FFmpeg's start-up dominates
    /// these short files), to interleaved 32-bit float through a headerless file next to <paramref name="path"/>.
    /// </summary>
    public static double[] DecodeToDoubleAndFloat(string path, out float[] asFloat)
    {
        var raw = path + ".ffmpeg-f32.raw";
        try
        {
            var bytes = Ffmpeg.Run(
                "-nostdin", "-v", "error", "-i", path,
                "-map", "0:a:0", "-f", "f64le", "-",
                "-map", "0:a:0", "-f", "f32le", "-y", raw);
            asFloat = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(raw)).ToArray();
            return MemoryMarshal.Cast<byte, double>(bytes).ToArray();
        }
        finally
        {
            File.Delete(raw);
        }
    }

    /// <summary>
    /// Encodes interleaved 64-bit float samples to a WAV with the given FFmpeg codec (pcm_u8, pcm_s16le, ...) and channel
    /// layout name ("mono", "5.1(side)", ...), passing <paramref name="extraOptions"/> to the output (e.g. "-rf64", "always").
    /// </summary>
    public static void Encode(string rawInput, int sampleRate, string layout, string codec, string output, params string[] extraOptions)
    {
        string[] arguments =
        [
            "-nostdin", "-v", "error",
            "-f", "f64le", "-ar", sampleRate.ToString(CultureInfo.InvariantCulture), "-ch_layout", layout, "-i", rawInput,
            "-c:a", codec, .. extraOptions, "-y", output,
        ];
        Ffmpeg.Run(arguments);
    }

    /// <summary>What ffprobe says about the first audio stream.</summary>
    public static FfprobeStream Probe(string path)
    {
        var json = Ffprobe.RunText("-v", "error", "-select_streams", "a:0", "-show_streams", "-of", "json", path);
        using var document = JsonDocument.Parse(json);
        var stream = document.RootElement.GetProperty("streams")[0];
        return new FfprobeStream(
            stream.GetProperty("codec_name").GetString()!,
            int.Parse(stream.GetProperty("sample_rate").GetString()!, CultureInfo.InvariantCulture),
            stream.GetProperty("channels").GetInt32(),
            stream.TryGetProperty("channel_layout", out var layout) ? layout.GetString() : null,
            stream.GetProperty("duration_ts").GetInt64());
    }

    private static byte[] Decode(string path, string rawFormat) =>
        Ffmpeg.Run("-nostdin", "-v", "error", "-i", path, "-map", "0:a:0", "-f", rawFormat, "-");
}
