namespace AudioPost.Sdk.Processing.Restoration;

/// <summary>The mains frequency a <see cref="DeHumProcessor"/> cancels.</summary>
public enum HumFrequency
{
    /// <summary>Decide from the audio: 50 and 60 Hz are both cancelled for the first second, then the family that
    /// learned more hum is kept and the other fades out.</summary>
    Auto = 0,

    /// <summary>50 Hz mains (Europe, most of Asia, Africa, Australia).</summary>
    Hz50 = 50,

    /// <summary>60 Hz mains (the Americas, parts of Japan, Korea, Taiwan).</summary>
    Hz60 = 60,
}
