namespace AudioPost.Sdk.Timeline;

/// <summary>
/// A telecine speed change applied to a clip: the clip plays faster or slower by an exact ratio, pitch following
/// speed, through the band-limited resampler.
/// </summary>
/// <remarks>
/// The ratio is the playback speed: media that lasts <c>d</c> seconds at normal speed lasts <c>d / ratio</c> seconds on
/// the timeline. <see cref="TimelineClip.Length"/> is counted on the timeline, after the change.
/// </remarks>
public enum SpeedChange
{
    /// <summary>Normal speed (ratio 1); the file is only converted to the session rate when its rate differs.</summary>
    None = 0,

    /// <summary>Pull-down, ratio 1000/1001: film-speed (24 fps) material slowed to video speed (23.976 fps).</summary>
    PullDown = 1,

    /// <summary>Pull-up, ratio 1001/1000: video-speed (23.976 fps) material brought back to film speed (24 fps).</summary>
    PullUp = 2,

    /// <summary>Ratio 25/24: film (24 fps) sped up to PAL (25 fps), 4.17 % faster.</summary>
    Film24To25 = 3,

    /// <summary>Ratio 24/25: PAL (25 fps) slowed back to film (24 fps).</summary>
    Pal25To24 = 4,
}
