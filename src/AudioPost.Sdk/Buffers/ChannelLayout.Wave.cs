using System.Numerics;

namespace AudioPost.Sdk.Buffers;

// WAVE_FORMAT_EXTENSIBLE dwChannelMask conversion.
public sealed partial class ChannelLayout
{
    // Bits 0x1..0x20000 name speakers; 0x7FFC0000 is reserved and 0x80000000 is SPEAKER_ALL, neither of
    // which says where a given channel goes, so both are dropped when reading a mask.
    private const uint WavePositionalBits = 0x3FFFF;
    private const uint WaveFrontCenterBit = 0x4;

    /// <summary>
    /// Creates the layout described by a WAVE_FORMAT_EXTENSIBLE <c>dwChannelMask</c> and <c>nChannels</c>.
    /// Returns the preset instance (so <see cref="Name"/> is for example "5.1") when the result matches one.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Channels take the roles of the set speaker bits in ascending bit order, as WAVE stores them. Reserved bits
    /// (0x7FFC0000) and SPEAKER_ALL (0x80000000) are ignored. When the mask has fewer speaker bits than
    /// <paramref name="channelCount"/>, the remaining channels are <see cref="ChannelRole.Discrete"/>; when it has
    /// more, only the lowest <paramref name="channelCount"/> bits are used. A mask with no speaker bits (0 included)
    /// means "no positions" and yields <see cref="Discrete(int)"/>.
    /// </para>
    /// <para>A single channel whose bit is front centre (0x4) is <see cref="Mono"/>.</para>
    /// </remarks>
    /// <param name="mask">The <c>dwChannelMask</c> field.</param>
    /// <param name="channelCount">The <c>nChannels</c> field, 1 to <see cref="MaxChannels"/>.</param>
    /// <returns>The layout; thread-safe and immutable.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channelCount"/> is outside 1 to <see cref="MaxChannels"/>.</exception>
    public static ChannelLayout FromWaveChannelMask(uint mask, int channelCount)
    {
        ValidateChannelCount(channelCount);
        var remaining = mask & WavePositionalBits;
        if (remaining == 0)
        {
            return Discrete(channelCount);
        }

        if (channelCount == 1 && (remaining & (0u - remaining)) == WaveFrontCenterBit)
        {
            return Mono;
        }

        Span<ChannelRole> roles = stackalloc ChannelRole[channelCount];
        for (var channel = 0; channel < channelCount; channel++)
        {
            if (remaining == 0)
            {
                roles[channel] = ChannelRole.Discrete;
                continue;
            }

            roles[channel] = ChannelRoleExtensions.FromWaveSpeakerBitIndex(BitOperations.TrailingZeroCount(remaining));
            remaining &= remaining - 1;
        }

        return Create(roles);
    }

    /// <summary>
    /// Gets the WAVE_FORMAT_EXTENSIBLE <c>dwChannelMask</c> for this layout, or 0 when WAVE cannot express it:
    /// when any channel is <see cref="ChannelRole.Discrete"/>, or when the roles are not in ascending speaker-bit
    /// order (WAVE implies the order from the bits, so for example Film order L C R needs remapping first).
    /// <see cref="Mono"/> gives 0x4 (front centre).
    /// </summary>
    /// <returns>The mask (bits within 0x3FFFF), or 0 when the layout has no WAVE mask.</returns>
    public uint ToWaveChannelMask() => _waveChannelMask;

    /// <summary>Gets the WAVE channel mask of this layout; see <see cref="ToWaveChannelMask"/>.</summary>
    /// <param name="mask">The non-zero mask when this returns <see langword="true"/>; otherwise 0.</param>
    /// <returns><see langword="true"/> when WAVE_FORMAT_EXTENSIBLE can express this layout.</returns>
    public bool TryGetWaveChannelMask(out uint mask)
    {
        mask = _waveChannelMask;
        return mask != 0;
    }

    private static uint ComputeWaveChannelMask(ReadOnlySpan<ChannelRole> roles)
    {
        if (roles is [ChannelRole.Mono])
        {
            return WaveFrontCenterBit;
        }

        var mask = 0u;
        var previousBit = 0u;
        foreach (var role in roles)
        {
            var bit = role.GetWaveSpeakerBit();
            if (bit <= previousBit)
            {
                // Either a role without a WAVE bit (bit 0) or one out of ascending order.
                return 0;
            }

            mask |= bit;
            previousBit = bit;
        }

        return mask;
    }
}
