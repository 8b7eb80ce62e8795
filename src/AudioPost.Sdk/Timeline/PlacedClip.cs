using AudioPost.Sdk.Sources;

namespace AudioPost.Sdk.Timeline;

/// <summary>A clip as a track plays it: its fades widened to the crossfades with its neighbours, its gain linear.</summary>
internal readonly record struct PlacedClip(
    IAudioSource Source,
    long Position,
    long End,
    long SourceIn,
    float Gain,
    long FadeIn,
    FadeShape FadeInShape,
    long FadeOut,
    FadeShape FadeOutShape);
