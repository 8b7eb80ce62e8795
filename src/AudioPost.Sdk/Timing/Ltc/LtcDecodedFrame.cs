namespace AudioPost.Sdk.Timing.Ltc;

/// <summary>One LTC word found by an <see cref="LtcDecoder"/>: its content, its timecode and where it lies in the stream.</summary>
/// <remarks>Positions count sample frames written to the decoder since it was created or reset.</remarks>
public readonly struct LtcDecodedFrame
{
    /// <summary>Creates a decoded frame (for tests and for custom decoders feeding an <see cref="LtcChase"/>).</summary>
    /// <param name="frame">The word's content.</param>
    /// <param name="timecode">The word's timecode at the decoder's rate.</param>
    /// <param name="startPosition">Where the word's bit 0 begins, in fractional sample frames of the stream.</param>
    /// <param name="isReverse">Whether the word was read backwards.</param>
    public LtcDecodedFrame(LtcFrame frame, Timecode timecode, double startPosition, bool isReverse)
    {
        Frame = frame;
        Timecode = timecode;
        StartPosition = startPosition;
        IsReverse = isReverse;
    }

    /// <summary>Gets the word's content (time fields, flags, user bits).</summary>
    public LtcFrame Frame { get; }

    /// <summary>Gets the word's timecode at the decoder's rate (the even frame of the pair above 30 fps).</summary>
    public Timecode Timecode { get; }

    /// <summary>Gets the stream position, in fractional sample frames, of the transition that begins the word's bit 0
    /// (the midpoint of that edge). Read backwards, it is still the point of bit 0's leading edge, which the stream
    /// then reaches last.</summary>
    public double StartPosition { get; }

    /// <summary>Gets <see cref="StartPosition"/> rounded to the nearest sample frame.</summary>
    public long StartSample => (long)Math.Round(StartPosition, MidpointRounding.AwayFromZero);

    /// <summary>Gets whether the word was read backwards (reverse play: the sync word arrives bit-reversed, before the data bits).</summary>
    public bool IsReverse { get; }

    /// <summary>Gets the user bits (group 1 in the lowest nibble).</summary>
    public uint UserBits => Frame.UserBits;
}
