namespace AudioPost.Sdk.Timing.Ltc;

/// <summary>How an <see cref="LtcChase"/> follows incoming timecode.</summary>
public enum LtcChaseMode
{
    /// <summary>Follow both speed and position: a second-order delay-locked loop, for LTC from a machine whose clock is
    /// not ours (the transport must varispeed to stay in sync).</summary>
    Varispeed = 0,

    /// <summary>The device clock is the reference (house sync shared with the LTC source): speed is held at exactly 1
    /// and only the position offset is chased, with a first-order loop.</summary>
    PositionOnly = 1,
}
