using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Formats.Aiff;

/// <summary>
/// Numbers from the AIFF 1.3 and AIFF-C specifications (REFERENCE.md §5.5), and the limits the decoder enforces.
/// Chunk ids and compression types are <see cref="IO.FourCC"/> codes: the four ASCII bytes in file order.
/// </summary>
internal static class AiffConstants
{
    /// <summary>"FORM", the IFF container.</summary>
    public const uint FormId = 0x4D524F46;

    /// <summary>"AIFF", the form type of plain AIFF.</summary>
    public const uint AiffId = 0x46464941;

    /// <summary>"AIFC", the form type of AIFF-C.</summary>
    public const uint AifcId = 0x43464941;

    /// <summary>"COMM", the common chunk (channels, frames, sample size, rate, and for AIFF-C the compression).</summary>
    public const uint CommId = 0x4D4D4F43;

    /// <summary>"SSND", the sound data chunk.</summary>
    public const uint SsndId = 0x444E5353;

    /// <summary>"FVER", the AIFF-C format version chunk.</summary>
    public const uint FverId = 0x52455646;

    /// <summary>"MARK", the marker chunk.</summary>
    public const uint MarkId = 0x4B52414D;

    /// <summary>Compression "NONE": big-endian signed PCM.</summary>
    public const uint CompressionNone = 0x454E4F4E;

    /// <summary>Compression "twos": big-endian signed PCM (QuickTime's name for NONE).</summary>
    public const uint CompressionTwos = 0x736F7774;

    /// <summary>Compression "sowt": little-endian signed PCM.</summary>
    public const uint CompressionSowt = 0x74776F73;

    /// <summary>Compression "raw ": unsigned 8-bit PCM (QuickTime).</summary>
    public const uint CompressionRaw = 0x20776172;

    /// <summary>Compression "fl32": big-endian 32-bit IEEE float.</summary>
    public const uint CompressionFl32 = 0x32336C66;

    /// <summary>Compression "FL32": the upper-case spelling some writers use for fl32.</summary>
    public const uint CompressionFl32Upper = 0x32334C46;

    /// <summary>Compression "fl64": big-endian 64-bit IEEE float.</summary>
    public const uint CompressionFl64 = 0x34366C66;

    /// <summary>Compression "FL64": the upper-case spelling some writers use for fl64.</summary>
    public const uint CompressionFl64Upper = 0x34364C46;

    /// <summary>Compression "in24": big-endian 24-bit PCM.</summary>
    public const uint CompressionIn24 = 0x34326E69;

    /// <summary>Compression "in32": big-endian 32-bit PCM.</summary>
    public const uint CompressionIn32 = 0x32336E69;

    /// <summary>Compression "ulaw" (G.711 μ-law): recognised only to name it in the error.</summary>
    public const uint CompressionUlaw = 0x77616C75;

    /// <summary>Compression "alaw" (G.711 A-law): recognised only to name it in the error.</summary>
    public const uint CompressionAlaw = 0x77616C61;

    /// <summary>The FVER timestamp of AIFF-C version 1 (May 23, 1990, 2:40 pm).</summary>
    public const uint AifcVersion1 = 0xA2805140;

    /// <summary>The size of the FORM header: "FORM", the 32-bit container size, the form type.</summary>
    public const int FormHeaderSize = 12;

    /// <summary>The size of a plain AIFF COMM payload, and of the fields every COMM shares.</summary>
    public const int CommAiffSize = 18;

    /// <summary>The smallest AIFF-C COMM payload: the 18 shared bytes and the compression type (the Pascal-string
    /// name is tolerated when missing).</summary>
    public const int CommAifcMinSize = 22;

    /// <summary>The most COMM bytes the decoder reads: the fixed fields and the compression type; the name is not needed.</summary>
    public const int CommReadSize = CommAifcMinSize;

    /// <summary>The SSND fields before the samples: offset and block size, both 32-bit.</summary>
    public const int SsndHeaderSize = 8;

    /// <summary>The size of an 80-bit IEEE 754 extended-precision number.</summary>
    public const int ExtendedSize = 10;

    /// <summary>The highest sample rate the decoder accepts, in Hz.</summary>
    public const int MaxSampleRate = AudioSpec.MaxSampleRate;

    /// <summary>The widest integer sample the decoder reads, in bits; the container is ceil(bits / 8) bytes.</summary>
    public const int MaxPcmBits = 32;

    /// <summary>How many chunks the decoder walks before it gives up: far beyond any real file, and small enough that
    /// a file of nothing but empty chunks is rejected in milliseconds.</summary>
    public const int MaxChunks = 4096;

    /// <summary>The most <c>MARK</c> bytes the decoder reads: 65535 markers of the largest size (id, position, a
    /// 255-byte name with its count byte). Anything beyond cannot belong to a marker, so it is not read.</summary>
    public const int MaxMarkChunkSize = 2 + (65535 * (6 + 256));

    /// <summary>The most bytes an AIFF file can address: its sizes are 32-bit.</summary>
    public const long MaxFormSize = uint.MaxValue;
}
