namespace AudioPost.Sdk.Graph;

/// <summary>How far an offline render has come.</summary>
/// <param name="FramesRendered">Frames rendered so far.</param>
/// <param name="TotalFrames">Frames the render will produce in all.</param>
/// <param name="Elapsed">Wall-clock time since the render started.</param>
/// <param name="SampleRate">The sample rate in Hz, for converting frames to seconds.</param>
public readonly record struct RenderProgress(long FramesRendered, long TotalFrames, TimeSpan Elapsed, int SampleRate)
{
    /// <summary>Gets the fraction done, 0 to 1.</summary>
    public double Fraction => TotalFrames == 0 ? 1 : (double)FramesRendered / TotalFrames;

    /// <summary>Gets how many times faster than real time the render runs (0 before any time has passed).</summary>
    public double RealtimeFactor => Elapsed.TotalSeconds <= 0 ? 0 : FramesRendered / (double)SampleRate / Elapsed.TotalSeconds;
}
