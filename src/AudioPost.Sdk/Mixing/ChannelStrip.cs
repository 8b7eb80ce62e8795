using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Processing.Dynamics;
using AudioPost.Sdk.Processing.Filters;
using AudioPost.Sdk.Processing.Mixing;

namespace AudioPost.Sdk.Mixing;

/// <summary>
/// The classic channel strip of a <see cref="MixerChannel"/>, in signal order: trim → EQ (a
/// <see cref="ParametricEqProcessor"/>) → dynamics (a <see cref="CompressorProcessor"/>) → fader (with VCA offset and
/// mute) → pan → sends. Created by <see cref="MixerChannel.AddChannelStrip"/>, which puts the EQ and the compressor
/// first among the channel's inserts.
/// </summary>
/// <remarks>
/// A view over the channel's own stages: the parameters are the same objects, so the strip and the channel agree.
/// A compressor with look-ahead adds latency; the graph compensates it (sends and other tracks included). Parameters
/// may be set from any thread; the EQ and the compressor can be bypassed (lock-free) without a recompile.
/// </remarks>
public sealed class ChannelStrip
{
    internal ChannelStrip(MixerChannel channel, ParametricEqProcessor eq, CompressorProcessor dynamics)
    {
        Channel = channel;
        Eq = eq;
        Dynamics = dynamics;
    }

    /// <summary>Gets the channel the strip belongs to.</summary>
    public MixerChannel Channel { get; }

    /// <summary>Gets the input trim, in dB (−144 to +24).</summary>
    public AudioParameter Trim => Channel.Trim;

    /// <summary>Gets the equaliser (after the trim).</summary>
    public ParametricEqProcessor Eq { get; }

    /// <summary>Gets the compressor (after the EQ).</summary>
    public CompressorProcessor Dynamics { get; }

    /// <summary>Gets the fader, in dB (−144 to +24).</summary>
    public AudioParameter Fader => Channel.Fader;

    /// <summary>Gets the stereo panner, when the channel feeds a stereo bus.</summary>
    public PanProcessor? StereoPanner => Channel.StereoPanner;

    /// <summary>Gets the surround panner, when a mono channel feeds a surround bus.</summary>
    public SurroundPannerProcessor? SurroundPanner => Channel.SurroundPanner;

    /// <summary>Gets the channel's sends.</summary>
    public IReadOnlyList<MixerSend> Sends => Channel.Sends;
}
