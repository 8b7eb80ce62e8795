namespace AudioPost.Sdk.Mixing;

/// <summary>Where on a channel strip a send takes its signal.</summary>
public enum SendTap
{
    /// <summary>After the fader (and its VCA offset and mute), before the panner: the send level follows the fader. The usual tap for reverb and effects.</summary>
    PostFader = 0,

    /// <summary>After trim and inserts, before the fader: fader and VCA moves leave the send alone (cue and foldback mixes). It still follows mute and solo.</summary>
    PreFader = 1,
}
