namespace AudioPost.Sdk.Dsp.Dynamics;

/// <summary>
/// The largest of the last <c>length</c> values pushed, in amortised O(1) per value: a ring of candidates kept in
/// decreasing order (a value followed by a larger one can never be the maximum again, so it is dropped).
/// </summary>
/// <remarks>Not thread-safe. Real-time safe after construction.</remarks>
internal sealed class SlidingMaximum
{
    private readonly float[] _values;
    private readonly long[] _times;
    private int _head;
    private int _count;
    private long _time;

    public SlidingMaximum(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        _values = new float[length];
        _times = new long[length];
    }

    public int Length => _values.Length;

    public void Reset()
    {
        _head = 0;
        _count = 0;
        _time = 0;
    }

    /// <summary>Adds a value and returns the largest of the last <see cref="Length"/> values (fewer at first).</summary>
    public float Push(float value)
    {
        var length = _values.Length;

        // Drop the oldest candidate once it leaves the window, before adding: the ring then never holds more than
        // Length values (a strictly decreasing run fills it exactly).
        if (_count > 0 && _times[_head] <= _time - length)
        {
            _head = _head + 1 == length ? 0 : _head + 1;
            _count--;
        }

        while (_count > 0)
        {
            var back = _head + _count - 1;
            back = back >= length ? back - length : back;
            if (_values[back] > value)
            {
                break;
            }

            _count--;
        }

        var slot = _head + _count;
        slot = slot >= length ? slot - length : slot;
        _values[slot] = value;
        _times[slot] = _time;
        _count++;
        _time++;
        return _values[_head];
    }
}
