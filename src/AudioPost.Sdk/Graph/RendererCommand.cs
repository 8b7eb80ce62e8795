namespace AudioPost.Sdk.Graph;

/// <summary>What a timestamped renderer command does.</summary>
internal enum RendererCommandKind : byte
{
    SwapPlan,
    Locate,
}

/// <summary>A command posted by a control thread, applied by the audio thread at stream frame <paramref name="At"/>.</summary>
internal readonly record struct RendererCommand(RendererCommandKind Kind, long At, long Value, RenderPlan? Plan);
