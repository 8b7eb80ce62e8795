namespace AudioPost.Sdk.Graph;

/// <summary>
/// Compile-time assignment of plan buffers inside one arena. A buffer freed by its last reader is
/// handed to the next node that fits, so a chain of any length runs in a handful of buffers and
/// stays in cache.
/// </summary>
internal sealed class ArenaLayout
{
    private readonly int _stride;
    private readonly List<(int Offset, int Channels)> _free = [];

    public ArenaLayout(int stride)
    {
        _stride = stride;
    }

    /// <summary>Gets the arena length in samples.</summary>
    public int Length { get; private set; }

    /// <summary>Returns the offset of a buffer of at least <paramref name="channels"/> channels.</summary>
    public (int Offset, int Capacity) Allocate(int channels)
    {
        if (channels == 0)
        {
            return (0, 0);
        }

        var best = -1;
        for (var i = 0; i < _free.Count; i++)
        {
            if (_free[i].Channels >= channels && (best < 0 || _free[i].Channels < _free[best].Channels))
            {
                best = i;
            }
        }

        if (best >= 0)
        {
            var found = _free[best];
            _free.RemoveAt(best);
            return found;
        }

        var offset = Length;
        Length = checked(Length + (channels * _stride));
        return (offset, channels);
    }

    public void Free(int offset, int capacity)
    {
        if (capacity > 0)
        {
            _free.Add((offset, capacity));
        }
    }
}
