namespace AudioPost.Sdk.Buffers;

/// <summary>
/// The loudspeaker a channel of a stream is meant for, following the WAVE_FORMAT_EXTENSIBLE speaker
/// positions, plus <see cref="Mono"/> and <see cref="Discrete"/> for channels that have no such position.
/// </summary>
/// <remarks>
/// <para>
/// The values of the eighteen WAVE roles (<see cref="FrontLeft"/> = 1 through <see cref="TopBackRight"/> = 18)
/// are the WAVE speaker bit index plus one, so that the natural order of the enum is the order WAVE
/// stores channels in. The values are stable and may be persisted.
/// </para>
/// <para>
/// <see cref="Unknown"/> (0) is never a valid role for a channel of a <see cref="ChannelLayout"/>; it exists
/// so that an uninitialised value is not mistaken for a speaker.
/// </para>
/// <para>Matrix-encoded pairs such as Dolby Lt/Rt are out of scope: store them as <see cref="FrontLeft"/> and
/// <see cref="FrontRight"/> or as <see cref="Discrete"/> channels.</para>
/// </remarks>
public enum ChannelRole
{
    /// <summary>No role; not valid in a <see cref="ChannelLayout"/>.</summary>
    Unknown = 0,

    /// <summary>Front left (WAVE SPEAKER_FRONT_LEFT, 0x1).</summary>
    FrontLeft = 1,

    /// <summary>Front right (WAVE SPEAKER_FRONT_RIGHT, 0x2).</summary>
    FrontRight = 2,

    /// <summary>Front centre (WAVE SPEAKER_FRONT_CENTER, 0x4).</summary>
    FrontCenter = 3,

    /// <summary>Low-frequency effects (WAVE SPEAKER_LOW_FREQUENCY, 0x8).</summary>
    LowFrequency = 4,

    /// <summary>
    /// Back left (WAVE SPEAKER_BACK_LEFT, 0x10): the left surround of a "back" 5.1 (about -110°) or the
    /// left rear surround of a 7.1 (about -135° to -150°).
    /// </summary>
    BackLeft = 5,

    /// <summary>
    /// Back right (WAVE SPEAKER_BACK_RIGHT, 0x20): the right surround of a "back" 5.1 (about +110°) or the
    /// right rear surround of a 7.1 (about +135° to +150°).
    /// </summary>
    BackRight = 6,

    /// <summary>Front left of centre (WAVE SPEAKER_FRONT_LEFT_OF_CENTER, 0x40).</summary>
    FrontLeftOfCenter = 7,

    /// <summary>Front right of centre (WAVE SPEAKER_FRONT_RIGHT_OF_CENTER, 0x80).</summary>
    FrontRightOfCenter = 8,

    /// <summary>Back centre (WAVE SPEAKER_BACK_CENTER, 0x100), directly behind the listener.</summary>
    BackCenter = 9,

    /// <summary>Side left (WAVE SPEAKER_SIDE_LEFT, 0x200), about -90° to -110°.</summary>
    SideLeft = 10,

    /// <summary>Side right (WAVE SPEAKER_SIDE_RIGHT, 0x400), about +90° to +110°.</summary>
    SideRight = 11,

    /// <summary>Top centre, directly overhead (WAVE SPEAKER_TOP_CENTER, 0x800).</summary>
    TopCenter = 12,

    /// <summary>Top front left (WAVE SPEAKER_TOP_FRONT_LEFT, 0x1000).</summary>
    TopFrontLeft = 13,

    /// <summary>Top front centre (WAVE SPEAKER_TOP_FRONT_CENTER, 0x2000).</summary>
    TopFrontCenter = 14,

    /// <summary>Top front right (WAVE SPEAKER_TOP_FRONT_RIGHT, 0x4000).</summary>
    TopFrontRight = 15,

    /// <summary>Top back left (WAVE SPEAKER_TOP_BACK_LEFT, 0x8000).</summary>
    TopBackLeft = 16,

    /// <summary>Top back centre (WAVE SPEAKER_TOP_BACK_CENTER, 0x10000).</summary>
    TopBackCenter = 17,

    /// <summary>Top back right (WAVE SPEAKER_TOP_BACK_RIGHT, 0x20000).</summary>
    TopBackRight = 18,

    /// <summary>
    /// The only channel of a single-channel programme. Valid only as the sole channel of a layout;
    /// written to WAVE as SPEAKER_FRONT_CENTER (0x4).
    /// </summary>
    Mono = 19,

    /// <summary>
    /// A numbered channel with no loudspeaker position (for example a multitrack stem or an iso track).
    /// Unlike the speaker roles, any number of channels of a layout may be discrete.
    /// </summary>
    Discrete = 20,
}
