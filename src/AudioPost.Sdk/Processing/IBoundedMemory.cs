namespace AudioPost.Sdk.Processing;

/// <summary>
/// A processor that forgets: once it has taken <see cref="MemoryFrames"/> frames of input, its output no longer depends
/// on anything it was fed before them. Filters, dynamics and gains are such processors; a reverb's or a looper's tail,
/// an LFO's phase or a learned noise profile are not.
/// </summary>
/// <remarks>
/// <para>This is what lets an offline render cut a long file into chunks and render them side by side
/// (<see cref="Graph.ParallelChainRenderer"/>): a fresh copy of the chain started <see cref="MemoryFrames"/> before a
/// chunk has, at the chunk's first frame, the state that a serial render would have there.</para>
/// <para>"No longer depends" means that every trace of the earlier input has decayed by at least 2<sup>-30</sup>
/// (about −180 dB), far below single-precision rounding, so two renders that started at different places give the
/// same samples from there on. A processor that cannot promise that (automated, or holding state that never decays)
/// returns <see cref="long.MaxValue"/>.</para>
/// </remarks>
public interface IBoundedMemory
{
    /// <summary>
    /// Gets the frames of input after which the output no longer depends on earlier input, for the parameter values
    /// set now; 0 for a memoryless processor, <see cref="long.MaxValue"/> for an unbounded one. Valid after
    /// <see cref="IAudioProcessor.Prepare"/>. Control thread; not real-time safe (it may design filters).
    /// </summary>
    long MemoryFrames { get; }
}
