using System.Buffers.Binary;
using System.Text;

namespace AudioPost.Sdk.IO;

/// <summary>
/// Four-character codes as RIFF stores them: four ASCII bytes read as a little-endian 32-bit integer, so a code
/// compares as one integer. Stateless and thread-safe.
/// </summary>
internal static class FourCC
{
    /// <summary>Packs four ASCII characters in file order, for example <c>FromChars('d', 'a', 't', 'a')</c>.</summary>
    public static uint FromChars(char a, char b, char c, char d) =>
        (byte)a | ((uint)(byte)b << 8) | ((uint)(byte)c << 16) | ((uint)(byte)d << 24);

    /// <summary>Reads a code from the first four bytes of <paramref name="bytes"/>.</summary>
    public static uint Read(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadUInt32LittleEndian(bytes);

    /// <summary>Writes <paramref name="code"/> into the first four bytes of <paramref name="destination"/>.</summary>
    public static void Write(Span<byte> destination, uint code) => BinaryPrimitives.WriteUInt32LittleEndian(destination, code);

    /// <summary>Gets whether all four characters are printable ASCII, as in every real chunk id; anything else after
    /// the audio is taken for leftover sample bytes rather than a chunk.</summary>
    public static bool IsPrintable(uint code)
    {
        for (var i = 0; i < 4; i++)
        {
            var b = (byte)(code >> (8 * i));
            if (b is < 0x20 or > 0x7E)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Formats a code for a message: the characters in quotes, with anything outside printable ASCII escaped as
    /// <c>\xNN</c>, so a corrupt file cannot inject control characters into a log line.
    /// </summary>
    public static string ToDisplayString(uint code)
    {
        var text = new StringBuilder(12).Append('\'');
        for (var i = 0; i < 4; i++)
        {
            var b = (byte)(code >> (8 * i));
            if (b is >= 0x20 and < 0x7F && b != (byte)'\\' && b != (byte)'\'')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append("\\x").Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.Append('\'').ToString();
    }
}
