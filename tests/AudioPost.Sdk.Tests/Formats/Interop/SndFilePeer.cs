using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace AudioPost.Sdk.Tests.Formats.Interop;

/// <summary>
/// Runs libsndfile through its own command-line programs: <c>sndfile-convert</c> (decode and re-encode) and
/// <c>sndfile-info</c> (header dump).
/// </summary>
/// <remarks>
/// libsndfile's normalised decode is exact: integer PCM becomes code / 2^(bits-1) (unsigned 8-bit: (code - 128) / 128).
/// One quirk shapes the test signals: when a file peaks at or above 1.0, <c>sndfile-convert</c> to a float encoding
/// divides everything by the peak, so signals sent through it peak at exactly 1.0 (a no-op division) and never above.
/// It also refuses to convert an all-zero file.
/// </remarks>
internal static partial class SndFilePeer
{
    private static readonly PeerTool Convert = new("sndfile-convert", "--help", "sndfile-programs libsndfile1");
    private static readonly PeerTool InfoTool = new("sndfile-info", "--help", "sndfile-programs libsndfile1");

    public static void Require()
    {
        Convert.Require();
        InfoTool.Require();
    }

    /// <summary>Re-encodes <paramref name="input"/> with an encoding flag such as "-pcm24" or "-float64"; the output's extension picks the container.</summary>
    public static void Transcode(string input, string output, string encoding) =>
        Convert.Run("-endian=little", encoding, input, output);

    /// <summary>Decodes a file with libsndfile to interleaved 64-bit float, through a headerless file next to it.</summary>
    public static double[] DecodeToDouble(string path)
    {
        var raw = path + ".sndfile-f64.raw";
        Transcode(path, raw, "-float64");
        try
        {
            return MemoryMarshal.Cast<byte, double>(File.ReadAllBytes(raw)).ToArray();
        }
        finally
        {
            File.Delete(raw);
        }
    }

    /// <summary>The summary <c>sndfile-info</c> prints after opening the file through libsndfile.</summary>
    public static SndFileInfo Info(string path)
    {
        var text = InfoTool.RunText(path);
        var mask = ChannelMaskLine().Match(text);
        return new SndFileInfo(
            Field(text, "Sample Rate"),
            Field(text, "Frames"),
            Field(text, "Channels"),
            int.Parse(FormatLine().Match(text).Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            mask.Success ? uint.Parse(mask.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture) : null,
            text);
    }

    private static long Field(string text, string name)
    {
        var match = Regex.Match(text, "^" + Regex.Escape(name) + @"\s*:\s*(\d+)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant);
        Assert.True(match.Success, $"sndfile-info printed no '{name}' line:\n{text}");
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^Format\s*:\s*0x([0-9A-Fa-f]{8})\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex FormatLine();

    [GeneratedRegex(@"Channel Mask\s*:\s*0x([0-9A-Fa-f]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelMaskLine();
}
