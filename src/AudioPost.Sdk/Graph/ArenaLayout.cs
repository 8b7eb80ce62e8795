namespace AudioPost.Sdk.Graph;

/// <summary>
/// Compile-time assignment of plan buffers inside one arena. A buffer freed by its last reader is
/// handed to the next node that fits, so a chain of any length runs in a handful of buffers and
/// stays in cache.
/// </summary>
/// <remarks>
/// Every buffer carries the lane (see <see cref="RenderPlan"/>) that freed it, and is handed again only to the same lane
/// (or, for the serial join stage, lane -1): lanes run at the same time on an offline render's worker threads, so a
/// buffer must never pass from one lane to another, nor from the join stage, which runs after every lane, to a lane.
/// </remarks>
internal sealed class ArenaLayout
{
    private readonly int _stride;
    private readonly List<(int Offset, int Channels, int Lane)> _free = [];

    public ArenaLayout(int stride)
    {
        _stride = stride;
    }

    /// <summary>Gets the arena length in samples.</summary>
    public int Length { get; private set; }

    /// <summary>Returns the offset of a buffer of at least <paramref name="channels"/> channels for <paramref name="lane"/>.</summary>
    public (int Offset, int Capacity) Allocate(int channels, int lane)
    {
        if (channels == 0)
        {
            return (0, 0);
        }

        var best = -1;
        for (var i = 0; i < _free.Count; i++)
        {
            if (_free[i].Lane == lane && _free[i].Channels >= channels && (best < 0 || _free[i].Channels < _free[best].Channels))
            {
                best = i;
            }
        }

        if (best >= 0)
        {
            var found = _free[best];
            _free.RemoveAt(best);
            return (found.Offset, found.Channels);
        }

        var offset = Length;
        Length = checked(Length + (channels * _stride));
        return (offset, channels);
    }

    /// <summary>Returns a buffer, freed by an op of <paramref name="lane"/>, for that lane to use again.</summary>
    public void Free(int offset, int capacity, int lane)
    {
        if (capacity > 0)
        {
            _free.Add((offset, capacity, lane));
        }
    }
}
