using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;

namespace AudioPost.Cli.Commands;

/// <summary>One ditherer per channel for <c>convert</c>: plain TPDF or noise-shaped (exactly one of the two is set).</summary>
internal sealed record ChannelDither(TpdfDither[]? Tpdf, NoiseShapedDither[]? Shaped)
{
    public void Apply(AudioBuffer buffer, int frames)
    {
        for (var channel = 0; channel < buffer.ChannelCount; channel++)
        {
            var samples = buffer.GetChannel(channel)[..frames];
            if (Tpdf is not null)
            {
                Tpdf[channel].Process(samples);
            }
            else
            {
                Shaped![channel].Process(samples);
            }
        }
    }
}
