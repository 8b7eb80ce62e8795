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
/// One quirk shapes the tests: <c>sndfile-convert</c> to a float encoding divides everything by the input's peak
/// when that peak is not below 1.0, and the peak of an integer file is measured in raw codes, so it is always
/// normalised; see <see cref="DecodeToDouble"/>. Float signals sent through it peak at exactly 1.0 (a no-op
/// division), never above. It also refuses to convert an all-zero file.
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

    /// <summary>
    /// Decodes a file with libsndfile to interleaved 64-bit float, exactly, through a headerless file next to it.
    /// Integer files go through libsndfile's integer path (<c>sndfile-convert -pcm32</c>: every code shifted to
    /// 32 bits, unsigned 8-bit re-biased), then / 2^31; float files through <c>-float64</c>. Not <c>-float64</c> for
    /// integer files: sndfile-convert then divides by the file's peak, a peak normalisation rather than a decode.
    /// </summary>
    public static double[] DecodeToDouble(string path)
    {
        var isFloat = Info(path).Encoding is 0x6 or 0x7;
        var raw = path + ".sndfile.raw";
        Transcode(path, raw, isFloat ? "-float64" : "-pcm32");
        try
        {
            var bytes = File.ReadAllBytes(raw);
            if (isFloat)
            {
                return MemoryMarshal.Cast<byte, double>(bytes).ToArray();
            }

            var codes = MemoryMarshal.Cast<byte, int>(bytes);
            var samples = new double[codes.Length];
            for (var i = 0; i < codes.Length; i++)
            {
                samples[i] = codes[i] / 2147483648.0;
            }

            return samples;
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
