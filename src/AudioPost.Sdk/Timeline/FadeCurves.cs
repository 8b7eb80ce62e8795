namespace AudioPost.Sdk.Timeline;

/// <summary>The gain laws behind <see cref="FadeShape"/>. Real-time safe.</summary>
internal static class FadeCurves
{
    /// <summary>Gets the gain of <paramref name="shape"/> at progress <paramref name="x"/> (clamped to 0..1).</summary>
    public static double Gain(FadeShape shape, double x)
    {
        x = Math.Clamp(x, 0.0, 1.0);
        return shape switch
        {
            FadeShape.EqualPower => Math.Sin(Math.PI * 0.5 * x),
            FadeShape.SCurve => 0.5 - (0.5 * Math.Cos(Math.PI * x)),
            _ => x,
        };
    }
}
