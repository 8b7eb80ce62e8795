using System.Runtime.InteropServices;
using System.Security.Cryptography;
using AudioPost.Sdk.Sinks;

namespace AudioPost.Sdk.Tests.TestUtilities;

/// <summary>A fingerprint of everything a <see cref="BufferSink"/> recorded, for "identical bits" assertions.</summary>
internal static class SinkHash
{
    /// <summary>SHA-256 over every channel's samples, channel by channel, as hex.</summary>
    public static string Of(BufferSink sink)
    {
        using var sha = SHA256.Create();
        for (var c = 0; c < sink.ChannelCount; c++)
        {
            var bytes = MemoryMarshal.AsBytes(sink.GetChannel(c)).ToArray();
            sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
        }

        sha.TransformFinalBlock([], 0, 0);
        return Convert.ToHexString(sha.Hash!);
    }
}
