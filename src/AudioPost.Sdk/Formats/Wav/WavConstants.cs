using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.IO;

namespace AudioPost.Sdk.Formats.Wav;

/// <summary>Numbers from the RIFF/WAVE and WAVE_FORMAT_EXTENSIBLE specifications, and the limits the decoder enforces.</summary>
internal static class WavConstants
{
    /// <summary>"RIFF" as a little-endian four-character code.</summary>
    public const uint RiffId = 0x46464952;

    /// <summary>"RF64" (EBU Tech 3306), the form of a WAV file past 4 GiB.</summary>
    public const uint Rf64Id = 0x34364652;

    /// <summary>"BW64" (ITU-R BS.2088), read like RF64.</summary>
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

    /// <summary>"ds64", the 64-bit sizes of an RF64 file.</summary>
    public const uint Ds64Id = 0x34367364;

    /// <summary>"bext", the Broadcast Wave extension chunk.</summary>
    public const uint BextId = 0x74786562;

    /// <summary>"iXML", production metadata.</summary>
    public const uint IXmlId = 0x4C4D5869;

    /// <summary>"cue ", the cue points (markers and region starts).</summary>
    public const uint CueId = 0x20657563;

    /// <summary>"LIST", a list chunk; its first four payload bytes say which kind.</summary>
    public const uint ListId = 0x5453494C;

    /// <summary>"adtl", the associated-data list that labels cue points.</summary>
    public const uint AdtlId = 0x6C746461;

    /// <summary>"labl", a cue point's label.</summary>
    public const uint LablId = 0x6C62616C;

    /// <summary>"note", a cue point's comment.</summary>
    public const uint NoteId = 0x65746F6E;

    /// <summary>"ltxt", labelled text with a length: what makes a cue point a region.</summary>
    public const uint LtxtId = 0x7478746C;

    /// <summary>"rgn ", the ltxt purpose code for a region.</summary>
    public const uint RgnId = 0x206E6772;

    /// <summary>The size of a cue point record in a <c>cue </c> chunk.</summary>
    public const int CuePointSize = 24;

    /// <summary>The size of the fixed part of an ltxt payload (id, length, purpose, country, language, dialect, code page).</summary>
    public const int LtxtFixedSize = 20;

    /// <summary>The most cue points read from one <c>cue </c> chunk; more is not a real file.</summary>
    public const int MaxCuePoints = 65536;

    /// <summary>The largest metadata chunk (<c>bext</c>, <c>iXML</c>, <c>LIST</c>, <c>cue </c>) the decoder loads, 16 MiB;
    /// larger ones are skipped, so a corrupt size cannot make it allocate much.</summary>
    public const int MaxMetadataChunkSize = 16 * 1024 * 1024;

    /// <summary>The size of the fixed part of a <c>bext</c> chunk (EBU Tech 3285): everything before CodingHistory.</summary>
    public const int BextFixedSize = 602;

    /// <summary>The smallest <c>bext</c> payload read: up to and including the Version field.</summary>
    public const int BextMinimumSize = 348;

    /// <summary>The most entries of a ds64 table that are kept; the table is for chunks other than data, rare in practice.</summary>
    public const int MaxDs64TableEntries = 64;

    /// <summary>The size of one ds64 table entry: a four-character code and a 64-bit size.</summary>
    public const int Ds64TableEntrySize = 12;

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

    /// <summary>How many chunks the decoder walks before it gives up: far beyond any real file, and small
    /// enough that a file of nothing but empty chunks is rejected in milliseconds.</summary>
    public const int MaxChunks = 4096;

    /// <summary>The 32-bit size value meaning "see ds64" in RF64, and "unknown, to the end" in streamed RIFF files.</summary>
    public const uint SizeFromDs64 = uint.MaxValue;

    /// <summary>The most bytes a plain RIFF file can address: its sizes are 32-bit.</summary>
    public const long MaxRiffSize = uint.MaxValue;

    /// <summary>Gets whether <paramref name="id"/> is a chunk commonly found in WAV files (the decoder's own, padding,
    /// broadcast and vendor metadata), which recovery trusts even when it is cut short.</summary>
    public static bool IsKnownChunk(uint id) => id switch
    {
        FmtId or DataId or FactId or JunkId or Ds64Id or BextId or IXmlId or CueId or ListId => true,
        _ => id == FourCC.FromChars('P', 'A', 'D', ' ') || id == FourCC.FromChars('i', 'd', '3', ' ')
            || id == FourCC.FromChars('I', 'D', '3', ' ') || id == FourCC.FromChars('_', 'P', 'M', 'X')
            || id == FourCC.FromChars('s', 'm', 'p', 'l') || id == FourCC.FromChars('i', 'n', 's', 't')
            || id == FourCC.FromChars('a', 'c', 'i', 'd') || id == FourCC.FromChars('u', 'm', 'i', 'd')
            || id == FourCC.FromChars('a', 'x', 'm', 'l') || id == FourCC.FromChars('c', 'h', 'n', 'a')
            || id == FourCC.FromChars('f', 'l', 'l', 'r') || id == FourCC.FromChars('r', 'e', 's', 'u'),
    };

    /// <summary>
    /// The last 14 bytes of the KSDATAFORMAT_SUBTYPE GUIDs as stored (00000000-0010-0080-00AA00389B71); the first two
    /// bytes repeat the format tag, so PCM is <c>01 00</c> followed by these.
    /// </summary>
    public static ReadOnlySpan<byte> SubFormatGuidTail =>
        [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];
}
