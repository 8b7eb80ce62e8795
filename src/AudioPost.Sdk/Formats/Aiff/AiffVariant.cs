namespace AudioPost.Sdk.Formats.Aiff;

/// <summary>Which flavour of AIFF <see cref="AiffEncoder"/> writes (see <see cref="AiffEncoderOptions.Variant"/>).</summary>
public enum AiffVariant
{
    /// <summary>
    /// Plain AIFF (big-endian signed PCM) for the integer formats, which every AIFF reader understands; AIFF-C with
    /// compression <c>fl32</c> or <c>fl64</c> for the float formats, which plain AIFF cannot hold.
    /// </summary>
    Automatic = 0,

    /// <summary>Plain AIFF only. Creating a float file throws <see cref="NotSupportedException"/>.</summary>
    Aiff = 1,

    /// <summary>AIFF-C for every format: compression <c>NONE</c> (big-endian PCM) for integers, <c>fl32</c>/<c>fl64</c> for floats.</summary>
    AiffC = 2,

    /// <summary>
    /// AIFF-C with compression <c>sowt</c> (little-endian signed PCM, as Core Audio writes it) for the integer formats;
    /// <c>fl32</c>/<c>fl64</c> (big-endian) for the float formats, which have no little-endian AIFF-C type every
    /// reader knows.
    /// </summary>
    AiffCLittleEndian = 3,
}
