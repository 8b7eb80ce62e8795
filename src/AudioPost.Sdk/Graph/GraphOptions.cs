namespace AudioPost.Sdk.Graph;

/// <summary>
/// How a graph is compiled: its sample rate and its fixed internal block size. Immutable.
/// </summary>
public sealed record GraphOptions
{
    /// <summary>Gets the sample rate in Hz. Default 48,000.</summary>
    public int SampleRate { get; init; } = 48_000;

    /// <summary>
    /// Gets the internal block size in frames, 1 to 16,384. Default 256: small enough for game
    /// callbacks (5.3 ms at 48 kHz), large enough that per-block overhead stays under a few
    /// percent. Hosts may call with any size; the renderer re-blocks.
    /// </summary>
    public int BlockSize { get; init; } = 256;

    /// <summary>Gets the largest block size accepted.</summary>
    public const int MaxBlockSize = 16_384;

    /// <summary>Gets the shared default options (48 kHz, 256 frames).</summary>
    public static GraphOptions Default { get; } = new();

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(SampleRate, 1, nameof(SampleRate));
        ArgumentOutOfRangeException.ThrowIfLessThan(BlockSize, 1, nameof(BlockSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BlockSize, MaxBlockSize, nameof(BlockSize));
    }
}
