namespace AudioPost.Sdk.Buffers;

/// <summary>
/// How one sample is encoded at the edges of the SDK (files, devices, host buffers).
/// Inside the graph every sample is a 32-bit float in the nominal range [-1, 1].
/// </summary>
public enum SampleFormat
{
    /// <summary>8-bit unsigned PCM, offset binary (128 is silence), as WAV stores it.</summary>
    Pcm8 = 1,

    /// <summary>16-bit signed little-endian PCM.</summary>
    Pcm16 = 2,

    /// <summary>24-bit signed little-endian PCM packed in 3 bytes.</summary>
    Pcm24 = 3,

    /// <summary>32-bit signed little-endian PCM.</summary>
    Pcm32 = 4,

    /// <summary>32-bit IEEE 754 float, little-endian.</summary>
    Float32 = 5,

    /// <summary>64-bit IEEE 754 float, little-endian.</summary>
    Float64 = 6,
}
