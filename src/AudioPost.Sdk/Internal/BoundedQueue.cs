using System.Numerics;

namespace AudioPost.Sdk.Internal;

/// <summary>
/// A bounded, lock-free, multi-producer multi-consumer queue of structs (Dmitry Vyukov's
/// sequence-numbered ring). Control threads enqueue; the audio thread dequeues. Neither side
/// allocates, locks or blocks after construction: a full queue makes <see cref="TryEnqueue"/>
/// return false, so the producer decides what to do, and the consumer is never stalled.
/// </summary>
internal sealed class BoundedQueue<T>
{
    private readonly Cell[] _cells;
    private readonly int _mask;

    // Producers and the consumer contend on different counters; padding keeps them on different
    // cache lines so a control thread's enqueue does not slow the audio thread's dequeue.
    private PaddedLong _enqueuePosition;
    private PaddedLong _dequeuePosition;

    public BoundedQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)capacity);
        _cells = new Cell[size];
        for (var i = 0; i < size; i++)
        {
            _cells[i].Sequence = i;
        }

        _mask = size - 1;
    }

    public int Capacity => _cells.Length;

    public bool TryEnqueue(in T item)
    {
        var position = Volatile.Read(ref _enqueuePosition.Value);
        while (true)
        {
            ref var cell = ref _cells[position & _mask];
            var sequence = Volatile.Read(ref cell.Sequence);
            var difference = sequence - position;
            if (difference == 0)
            {
                if (Interlocked.CompareExchange(ref _enqueuePosition.Value, position + 1, position) == position)
                {
                    cell.Item = item;
                    Volatile.Write(ref cell.Sequence, position + 1);
                    return true;
                }
            }
            else if (difference < 0)
            {
                return false;
            }

            position = Volatile.Read(ref _enqueuePosition.Value);
        }
    }

    public bool TryDequeue(out T item)
    {
        var position = Volatile.Read(ref _dequeuePosition.Value);
        while (true)
        {
            ref var cell = ref _cells[position & _mask];
            var sequence = Volatile.Read(ref cell.Sequence);
            var difference = sequence - (position + 1);
            if (difference == 0)
            {
                if (Interlocked.CompareExchange(ref _dequeuePosition.Value, position + 1, position) == position)
                {
                    item = cell.Item;
                    cell.Item = default!;
                    Volatile.Write(ref cell.Sequence, position + _mask + 1);
                    return true;
                }
            }
            else if (difference < 0)
            {
                item = default!;
                return false;
            }

            position = Volatile.Read(ref _dequeuePosition.Value);
        }
    }

    private struct Cell
    {
        public long Sequence;
        public T Item;
    }
}
