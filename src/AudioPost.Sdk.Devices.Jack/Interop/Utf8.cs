using System.Text;

namespace AudioPost.Sdk.Devices.Jack.Interop;

/// <summary>NUL-terminated UTF-8 copies of strings for the control-thread calls (never used on the process thread).</summary>
internal static class Utf8
{
    public static byte[] Z(string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return bytes;
    }
}
