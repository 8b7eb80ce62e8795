namespace AudioPost.Sdk.Automation;

/// <summary>
/// The audio-thread side of a parameter's automation: a time-sorted, fixed-capacity list of
/// events and their evaluation, sample by sample, as a pure function of the timeline frame.
/// </summary>
/// <remarks>
/// Semantics follow the Web Audio <c>AudioParam</c> timeline. A ramp runs from the previous
/// event (its frame and value) to its own; an exponential ramp between values of opposite sign
/// or from 0 holds the start value; a set-target curve starts from the value the timeline had at
/// its frame. Because the value at a frame depends only on the events, a locate backwards replays
/// the same curve. Evaluation runs in double precision and is identical for any block size.
/// No member allocates after construction.
/// </remarks>
internal sealed class AutomationTimeline
{
    private readonly AutomationEvent[] _events;

    // The timeline's value at each event's own frame, computed from the events before it: the
    // starting point of a set-target curve. Recomputed on every edit (O(n), n bounded).
    private readonly double[] _startValues;

    // Anchors the timeline inserted itself (the start of a ramp that had nothing before it).
    // Cancelling the ramp removes its anchor too, so the parameter returns to its own value.
    private readonly bool[] _implicit;

    public AutomationTimeline(int capacity)
    {
        _events = new AutomationEvent[capacity];
        _startValues = new double[capacity];
        _implicit = new bool[capacity];
    }

    public int Count { get; private set; }

    public int Capacity => _events.Length;

    public bool IsEmpty => Count == 0;

    public AutomationEvent this[int index] => _events[index];

    /// <summary>Gets the frame of the first event, or <see cref="long.MaxValue"/> when empty.</summary>
    public long FirstFrame => Count == 0 ? long.MaxValue : _events[0].Frame;

    /// <summary>Gets how many of the <paramref name="length"/> frames from <paramref name="start"/> come before the first event.</summary>
    public int LeadFrames(long start, int length)
    {
        if (Count == 0)
        {
            return length;
        }

        if (_events[0].Frame <= start)
        {
            return 0;
        }

        // The first event lies after start, so the unsigned difference is exact even across the whole long range.
        var distance = unchecked((ulong)_events[0].Frame - (ulong)start);
        return distance >= (ulong)length ? length : (int)distance;
    }

    /// <summary>Adds an event as Web Audio does; <paramref name="now"/> and <paramref name="currentValue"/> anchor ramps that have nothing before them.</summary>
    /// <returns>False when the list is full.</returns>
    public bool Insert(in AutomationEvent item, long now, double currentValue)
    {
        if (Count == Capacity)
        {
            return false;
        }

        var position = UpperBound(item.Frame);
        if (item.Kind is AutomationEventKind.LinearRamp or AutomationEventKind.ExponentialRamp)
        {
            // A ramp may need an anchor event before it: make sure both fit, or insert neither,
            // so a dropped ramp cannot leave a stray anchor that freezes the parameter.
            if (Count + 2 > Capacity)
            {
                return false;
            }

            var anchorFrame = Math.Min(now, item.Frame);
            if (position == 0)
            {
                // Nothing to ramp from: start from the present value, now.
                InsertAt(0, new AutomationEvent(AutomationEventKind.SetValue, anchorFrame, currentValue), currentValue, isImplicit: true);

                position = 1;
            }
            else if (_events[position - 1].Kind == AutomationEventKind.SetTarget && _events[position - 1].Frame < now && now < item.Frame)
            {
                // A ramp after a running set-target starts from where that curve is now.
                var held = ValueAt(now);
                InsertAt(position, new AutomationEvent(AutomationEventKind.SetValue, now, held), isImplicit: true);

                position++;
            }
        }

        return InsertAt(position, item, currentValue);
    }

    /// <summary>Removes every event at or after <paramref name="frame"/>.</summary>
    public void CancelFrom(long frame)
    {
        var keep = LowerBound(frame);
        while (keep > 0 && _implicit[keep - 1])
        {
            keep--;
        }

        Truncate(keep);
    }

    /// <summary>Sets the value the first event starts from (the parameter's own value when automation takes over).</summary>
    public void SetInitialValue(double value)
    {
        if (Count > 0 && _startValues[0] != value)
        {
            RecomputeStartValues(value, 0);
        }
    }

    /// <summary>Removes the events after <paramref name="frame"/> and holds the value the timeline has there.</summary>
    public void CancelAndHold(long frame)
    {
        if (Count == 0)
        {
            return;
        }

        var held = ValueAt(frame);
        var keep = UpperBound(frame);
        var straddling = keep < Count && keep > 0 && _events[keep].Kind is AutomationEventKind.LinearRamp or AutomationEventKind.ExponentialRamp
            ? _events[keep]
            : (AutomationEvent?)null;
        Truncate(keep);
        if (straddling is { } ramp)
        {
            // Cut the ramp at the hold point: the same curve up to there, then flat.
            InsertAt(Count, ramp with { Frame = frame, Value = held });
            return;
        }

        // A set-target starting exactly at the hold frame would keep moving: Web Audio removes
        // events at or after the cancel time, so drop those and hold with a plain value.
        while (Count > 0 && _events[Count - 1].Frame == frame && _events[Count - 1].Kind == AutomationEventKind.SetTarget)
        {
            Truncate(Count - 1);
        }

        if (Count == 0 || _events[Count - 1].Frame < frame || _events[Count - 1].Kind == AutomationEventKind.SetTarget)
        {
            InsertAt(Count, new AutomationEvent(AutomationEventKind.SetValue, frame, held));
        }
    }

    public void Clear() => Truncate(0);

    private void Truncate(int count)
    {
        Array.Clear(_events, count, Count - count);
        Array.Clear(_implicit, count, Count - count);
        Count = count;
    }

    /// <summary>The timeline's value at <paramref name="frame"/>; NaN before the first event (the parameter's own value applies).</summary>
    public double ValueAt(long frame)
    {
        var next = UpperBound(frame);
        return ValueAt(frame, next);
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with the values from frame <paramref name="start"/> on.
    /// Frames before the first event are left untouched and counted in the return value.
    /// </summary>
    /// <param name="start">Timeline frame of destination[0].</param>
    /// <param name="destination">Receives one value per frame.</param>
    /// <param name="isConstant">Whether every written value is the same.</param>
    /// <returns>The number of leading frames before the first event (not written).</returns>
    public int Fill(long start, Span<float> destination, out bool isConstant)
    {
        var length = destination.Length;
        var lead = LeadFrames(start, length);
        isConstant = true;
        var i = lead;
        var next = UpperBound(start + i);
        float first = float.NaN;
        while (i < length)
        {
            var frame = start + i;
            while (next < Count && _events[next].Frame <= frame)
            {
                next++;
            }

            // After the last event the segment is open-ended; subtracting from long.MaxValue
            // would overflow for negative (pre-roll) frames.
            var run = next < Count ? (int)Math.Min((ulong)(length - i), unchecked((ulong)_events[next].Frame - (ulong)frame)) : length - i;
            var segment = destination.Slice(i, run);
            if (IsFlat(next))
            {
                segment.Fill((float)ValueAt(frame, next));
            }
            else
            {
                for (var k = 0; k < run; k++)
                {
                    segment[k] = (float)ValueAt(frame + k, next);
                }

                isConstant = false;
            }

            if (float.IsNaN(first))
            {
                first = segment[0];
            }
            else if (segment[0] != first)
            {
                isConstant = false;
            }

            i += run;
        }

        return lead;
    }

    private bool IsFlat(int next)
    {
        if (next < Count && _events[next].Kind is AutomationEventKind.LinearRamp or AutomationEventKind.ExponentialRamp)
        {
            return false;
        }

        return next == 0 || _events[next - 1].Kind != AutomationEventKind.SetTarget;
    }

    /// <summary>Value at <paramref name="frame"/>, where <paramref name="next"/> is the first event after it.</summary>
    private double ValueAt(long frame, int next)
    {
        if (next < Count && _events[next].Kind is AutomationEventKind.LinearRamp or AutomationEventKind.ExponentialRamp && next > 0)
        {
            var end = _events[next];
            var previous = _events[next - 1];
            var startValue = previous.Kind == AutomationEventKind.SetTarget ? _startValues[next - 1] : previous.Value;
            var position = (double)(frame - previous.Frame) / (end.Frame - previous.Frame);
            if (end.Kind == AutomationEventKind.LinearRamp)
            {
                return startValue + ((end.Value - startValue) * position);
            }

            return startValue * end.Value <= 0 ? startValue : startValue * Math.Pow(end.Value / startValue, position);
        }

        if (next == 0)
        {
            return double.NaN;
        }

        var last = _events[next - 1];
        return last.Kind == AutomationEventKind.SetTarget
            ? last.Value + ((_startValues[next - 1] - last.Value) * Math.Exp(-(frame - last.Frame) / last.TimeConstantFrames))
            : last.Value;
    }

    private bool InsertAt(int position, in AutomationEvent item, double firstStartValue = double.NaN, bool isImplicit = false)
    {
        if (Count == Capacity)
        {
            return false;
        }

        Array.Copy(_events, position, _events, position + 1, Count - position);
        Array.Copy(_implicit, position, _implicit, position + 1, Count - position);
        _events[position] = item;
        _implicit[position] = isImplicit;
        Count++;
        RecomputeStartValues(double.IsNaN(firstStartValue) ? _startValues[0] : firstStartValue, position);
        return true;
    }

    private void RecomputeStartValues(double initial, int insertedAt)
    {
        // The first event's start value is the parameter's own value when it was scheduled.
        if (insertedAt == 0 || Count == 1)
        {
            _startValues[0] = initial;
        }

        for (var i = 1; i < Count; i++)
        {
            _startValues[i] = ValueAt(_events[i].Frame, i);
        }
    }

    /// <summary>Index of the first event whose frame is greater than <paramref name="frame"/>.</summary>
    private int UpperBound(long frame)
    {
        int low = 0, high = Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_events[middle].Frame <= frame)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>Index of the first event whose frame is at or after <paramref name="frame"/>.</summary>
    private int LowerBound(long frame)
    {
        int low = 0, high = Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_events[middle].Frame < frame)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
