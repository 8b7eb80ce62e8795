namespace AudioPost.Sdk.Timeline;

/// <summary>A loop on the timeline: playback that reaches <see cref="End"/> continues at <see cref="Start"/>.</summary>
/// <param name="Start">The first timeline frame of the loop.</param>
/// <param name="End">The timeline frame after the loop's last frame; more than <paramref name="Start"/>.</param>
internal sealed record LoopRange(long Start, long End)
{
    /// <summary>Gets the marker for "no loop".</summary>
    public static LoopRange Off { get; } = new(0, 0);

    public bool IsOn => End > Start;
}
