using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Formats.Wav;

/// <summary>Numbers from the RIFF/WAVE and WAVE_FORMAT_EXTENSIBLE specifications, and the limits the decoder enforces.</summary>
internal static class WavConstants
{
    /// <summary>"RIFF" as a little-endian four-character code.</summary>
    public const uint RiffId = 0x46464952;

    /// <summary>"RF64" (EBU Tech 3306): recognised only to say it is not supported yet.</summary>
    public const uint Rf64Id = 0x34364652;

    /// <summary>"BW64" (ITU-R BS.2088): recognised only to say it is not supported yet.</summary>
    public const uint Bw64Id = 0x34365742;

    /// <summary>"WAVE", the RIFF form type.</summary>
    public const uint WaveId = 0x45564157;

    /// <summary>"fmt ", the format chunk.</summary>
    public const uint FmtId = 0x20746D66;

    /// <summary>"data", the sample chunk.</summary>
    public const uint DataId = 0x61746164;

    /// <summary>"fact", the frame-count chunk of non-PCM formats.</summary>
    public const uint FactId = 0x74636166;

    /// <summary>"JUNK", a filler chunk; the encoder reserves one where an RF64 <c>ds64</c> chunk would go.</summary>
    public const uint JunkId = 0x4B4E554A;

    /// <summary>wFormatTag of integer PCM.</summary>
    public const ushort FormatPcm = 0x0001;

    /// <summary>wFormatTag of IEEE 754 float.</summary>
    public const ushort FormatIeeeFloat = 0x0003;

    /// <summary>wFormatTag of WAVE_FORMAT_EXTENSIBLE; the real format is in the SubFormat GUID.</summary>
    public const ushort FormatExtensible = 0xFFFE;

    /// <summary>The size of the RIFF header: "RIFF", the 32-bit container size, "WAVE".</summary>
    public const int RiffHeaderSize = 12;

    /// <summary>The size of the WAVEFORMAT fields every fmt chunk has (tag to bits per sample).</summary>
    public const int FmtBaseSize = 16;

    /// <summary>The size of a WAVEFORMATEX with cbSize = 0 (what IEEE float should carry).</summary>
    public const int FmtExSize = 18;

    /// <summary>The size of WAVEFORMATEXTENSIBLE: 18 bytes of WAVEFORMATEX and cbSize = 22 bytes of extension.</summary>
    public const int FmtExtensibleSize = 40;

    /// <summary>The cbSize of WAVEFORMATEXTENSIBLE.</summary>
    public const int ExtensibleExtraSize = 22;

    /// <summary>The payload of a ds64 chunk without a table (EBU Tech 3306), reserved as JUNK by the encoder.</summary>
    public const int Ds64ReserveSize = 28;

    /// <summary>The most channels a WAV header may declare before the decoder calls it corrupt.</summary>
    public const int MaxDeclaredChannels = 1024;

    /// <summary>The highest sample rate the decoder accepts, in Hz.</summary>
    public const int MaxSampleRate = AudioSpec.MaxSampleRate;

    /// <summary>How many chunks may precede 'data' before the decoder gives up: far beyond any real file, and small
    /// enough that a file of nothing but empty chunks is rejected in milliseconds.</summary>
    public const int MaxChunksBeforeData = 4096;

    /// <summary>The most bytes a plain RIFF file can address: its sizes are 32-bit.</summary>
    public const long MaxRiffSize = uint.MaxValue;

    /// <summary>
    /// The last 14 bytes of the KSDATAFORMAT_SUBTYPE GUIDs as stored (00000000-0010-0080-00AA00389B71); the first two
    /// bytes repeat the format tag, so PCM is <c>01 00</c> followed by these.
    /// </summary>
    public static ReadOnlySpan<byte> SubFormatGuidTail =>
        [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];
}
