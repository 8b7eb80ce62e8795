using System.Buffers.Binary;
using System.Runtime.InteropServices;
using AudioPost.Sdk.Tests.Formats.Interop;
using AudioPost.Sdk.Timing;
using AudioPost.Sdk.Timing.Ltc;

namespace AudioPost.Sdk.Tests.Timing.Ltc;

/// <summary>
/// The few entry points of libltc (Debian libltc11, 1.3.x) the agreement tests call: its encoder writes LTC for our
/// decoder, its decoder reads ours. Missing library: skip locally, fail under CI=true.
/// </summary>
internal static partial class LibLtc
{
    private const string Library = "libltc.so.11";
    private const int FrameExtSize = 368; // sizeof(LTCFrameExt) on 64-bit Linux: LTCFrame (12) + offsets, tics, volume.

    private static readonly PeerLibrary Peer = new(Library, "libltc", "libltc11");

    /// <summary>Skips the test when the library is missing, or fails it when CI=true.</summary>
    public static void Require() => Peer.Require();

    /// <summary>libltc decodes <paramref name="samples"/>: each frame's data bits, off_start and reverse flag.</summary>
    public static List<(ulong Bits, long Start, bool Reverse)> Decode(ReadOnlySpan<float> samples, double samplesPerWord, int chunk = 1024)
    {
        Require();
        var decoder = DecoderCreate((int)Math.Round(samplesPerWord), 64);
        Assert.NotEqual(0, decoder);
        var frames = new List<(ulong, long, bool)>();
        var ext = new byte[FrameExtSize];
        try
        {
            for (var offset = 0; offset < samples.Length; offset += chunk)
            {
                var count = Math.Min(chunk, samples.Length - offset);
                DecoderWriteFloat(decoder, samples.Slice(offset, count), (nuint)count, offset);
                while (DecoderRead(decoder, ref ext[0]) == 1)
                {
                    frames.Add((BinaryPrimitives.ReadUInt64LittleEndian(ext), BinaryPrimitives.ReadInt64LittleEndian(ext.AsSpan(16)), BinaryPrimitives.ReadInt32LittleEndian(ext.AsSpan(32)) != 0));
                }
            }
        }
        finally
        {
            Assert.Equal(0, DecoderFree(decoder));
        }

        return frames;
    }

    /// <summary>libltc encodes <paramref name="words"/> consecutive words from <paramref name="start"/> at
    /// <paramref name="sampleRate"/>, as float samples (its 8-bit output mapped back to −1..1).</summary>
    public static float[] Encode(Timecode start, int words, int sampleRate)
    {
        Require();
        var rate = start.Rate;
        var perWord = LtcFrame.FramesPerWord(rate);
        var wordRate = (double)rate.Numerator / rate.Denominator / perWord;
        var standard = LtcFrame.IsTwentyFiveFamily(rate) ? 1 : rate.NominalFramesPerSecond / perWord == 24 ? 3 : 0;
        var encoder = EncoderCreate(sampleRate, wordRate, standard, 4 /* LTC_BGF_DONT_TOUCH */);
        Assert.NotEqual(0, encoder);
        var output = new List<float>();
        var smpte = new byte[13];
        var frame = new byte[12];
        try
        {
            Assert.Equal(0, EncoderSetVolume(encoder, -6));
            for (var w = 0; w < words; w++)
            {
                var timecode = start.AddFrames((long)w * perWord);
                var (hours, minutes, seconds, frames) = timecode;
                smpte[9] = (byte)hours;
                smpte[10] = (byte)minutes;
                smpte[11] = (byte)seconds;
                smpte[12] = (byte)(frames / perWord);
                EncoderSetTimecode(encoder, ref smpte[0]);

                // libltc sets the drop-frame bit from the rate alone (on at 29.97); put the label's own flag in.
                EncoderGetFrame(encoder, ref frame[0]);
                frame[1] = (byte)((frame[1] & ~0x04) | (rate.IsDropFrame ? 0x04 : 0));
                FrameSetParity(ref frame[0], standard);
                EncoderSetFrame(encoder, ref frame[0]);

                EncoderEncodeFrame(encoder);
                var size = EncoderGetBufferPointer(encoder, out var buffer, 1);
                for (var i = 0; i < size; i++)
                {
                    output.Add((Marshal.ReadByte(buffer, i) - 128) / 127f);
                }
            }
        }
        finally
        {
            EncoderFree(encoder);
        }

        return [.. output];
    }

    [LibraryImport(Library, EntryPoint = "ltc_decoder_create")]
    private static partial nint DecoderCreate(int apv, int queueSize);

    [LibraryImport(Library, EntryPoint = "ltc_decoder_free")]
    private static partial int DecoderFree(nint decoder);

    [LibraryImport(Library, EntryPoint = "ltc_decoder_write_float")]
    private static partial void DecoderWriteFloat(nint decoder, ReadOnlySpan<float> buffer, nuint size, long position);

    [LibraryImport(Library, EntryPoint = "ltc_decoder_read")]
    private static partial int DecoderRead(nint decoder, ref byte frameExt);

    [LibraryImport(Library, EntryPoint = "ltc_encoder_create")]
    private static partial nint EncoderCreate(double sampleRate, double fps, int standard, int flags);

    [LibraryImport(Library, EntryPoint = "ltc_encoder_free")]
    private static partial void EncoderFree(nint encoder);

    [LibraryImport(Library, EntryPoint = "ltc_encoder_set_volume")]
    private static partial int EncoderSetVolume(nint encoder, double dbfs);

    [LibraryImport(Library, EntryPoint = "ltc_encoder_set_timecode")]
    private static partial void EncoderSetTimecode(nint encoder, ref byte smpteTimecode);

    [LibraryImport(Library, EntryPoint = "ltc_encoder_get_frame")]
    private static partial void EncoderGetFrame(nint encoder, ref byte frame);

    [LibraryImport(Library, EntryPoint = "ltc_encoder_set_frame")]
    private static partial void EncoderSetFrame(nint encoder, ref byte frame);

    [LibraryImport(Library, EntryPoint = "ltc_frame_set_parity")]
    private static partial void FrameSetParity(ref byte frame, int standard);

    [LibraryImport(Library, EntryPoint = "ltc_encoder_encode_frame")]
    private static partial void EncoderEncodeFrame(nint encoder);

    [LibraryImport(Library, EntryPoint = "ltc_encoder_get_bufferptr")]
    private static partial int EncoderGetBufferPointer(nint encoder, out nint buffer, int flush);
}
