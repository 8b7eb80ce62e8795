using AudioPost.Sdk.Internal;

namespace AudioPost.Sdk.Automation;

/// <summary>
/// A processor parameter that control threads change and the audio thread reads, sample-accurately:
/// a smoothed value plus an automation timeline (set, linear and exponential ramps, set-target,
/// cancel and cancel-and-hold) in timeline frames.
/// </summary>
/// <remarks>
/// <para><b>Control threads</b> (any, concurrently): <see cref="Value"/> is written atomically
/// (latest value wins) and reached by a linear glide of <see cref="SmoothingSeconds"/>, so a
/// fader move does not zip. Automation calls travel through a lock-free timestamped queue of
/// fixed capacity that the audio thread drains at the start of its next block; they throw
/// <see cref="InvalidOperationException"/> when the queue is full.</para>
/// <para><b>Audio thread</b>: <see cref="Process"/> evaluates one block without allocating or locking.
/// Automation is exact (not smoothed): a ramp's value at a frame is the formula's value there,
/// whatever the block size. Before the first automation event the smoothed <see cref="Value"/>
/// applies; after the events begin they win and <see cref="Value"/> is ignored (as in Web Audio)
/// until <see cref="CancelScheduledValues"/> clears them.</para>
/// </remarks>
public sealed class AudioParameter
{
    private readonly BoundedQueue<Command> _commands;
    private readonly AutomationTimeline _timeline;
    private float[] _values = [];
    private float _target;
    private float _current;
    private float _glideStep;
    private float _glideTarget;
    private int _glideFramesLeft;
    private int _glideFrames = 1;
    private int _droppedEvents;

    // The leading frames of _values that already hold _filledBits from an earlier constant block: a parameter that
    // does not move is not rewritten block after block (a few kilobytes per parameter per block, a dozen parameters
    // per track). Any other write to _values shortens or clears the run.
    private int _filledFrames;
    private int _filledBits;

    /// <summary>Creates a parameter.</summary>
    /// <param name="name">Name for diagnostics and automation lanes.</param>
    /// <param name="defaultValue">Initial value, inside [<paramref name="minimum"/>, <paramref name="maximum"/>].</param>
    /// <param name="minimum">Smallest value; sets and automation are clamped to it.</param>
    /// <param name="maximum">Largest value.</param>
    /// <param name="smoothingSeconds">Glide time for <see cref="Value"/> changes, 0 to 10 s; default 20 ms.</param>
    /// <param name="eventCapacity">How many automation events the timeline holds, 1 to 65,536; default 256.</param>
    public AudioParameter(string name, float defaultValue, float minimum, float maximum, double smoothingSeconds = 0.02, int eventCapacity = 256)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!(minimum <= maximum) || !(defaultValue >= minimum && defaultValue <= maximum))
        {
            throw new ArgumentOutOfRangeException(nameof(defaultValue), $"Parameter '{name}': need minimum <= default <= maximum, got {minimum} <= {defaultValue} <= {maximum}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(smoothingSeconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(smoothingSeconds, 10.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(eventCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(eventCapacity, 65_536);
        Name = name;
        DefaultValue = defaultValue;
        Minimum = minimum;
        Maximum = maximum;
        SmoothingSeconds = smoothingSeconds;
        _target = _current = _glideTarget = defaultValue;
        _timeline = new AutomationTimeline(eventCapacity);
        _commands = new BoundedQueue<Command>(Math.Clamp(eventCapacity, 16, 1024));
    }

    /// <summary>Gets the parameter's name.</summary>
    public string Name { get; }

    /// <summary>Gets the initial value.</summary>
    public float DefaultValue { get; }

    /// <summary>Gets the smallest value.</summary>
    public float Minimum { get; }

    /// <summary>Gets the largest value.</summary>
    public float Maximum { get; }

    /// <summary>Gets the glide time, in seconds, of changes to <see cref="Value"/>.</summary>
    public double SmoothingSeconds { get; }

    /// <summary>
    /// Gets or sets the target value, clamped to [<see cref="Minimum"/>, <see cref="Maximum"/>]; NaN is ignored.
    /// Any thread; lock-free. The audio thread glides to it over <see cref="SmoothingSeconds"/>.
    /// </summary>
    public float Value
    {
        get => Volatile.Read(ref _target);
        set
        {
            // NaN would pass Math.Clamp and poison every filter downstream: ignore it.
            if (!float.IsNaN(value))
            {
                Volatile.Write(ref _target, Math.Clamp(value, Minimum, Maximum));
            }
        }
    }

    /// <summary>Gets the value of the last frame the audio thread produced. Any thread (may lag by a block).</summary>
    public float CurrentValue => Volatile.Read(ref _current);

    /// <summary>Gets how many automation events were dropped because the timeline was full.</summary>
    public int DroppedEventCount => Volatile.Read(ref _droppedEvents);

    /// <summary>Jumps to <paramref name="value"/> at timeline frame <paramref name="frame"/>.</summary>
    public AudioParameter SetValueAtTime(float value, long frame) =>
        Post(new AutomationEvent(AutomationEventKind.SetValue, frame, Clamp(value)));

    /// <summary>Ramps linearly from the previous event to <paramref name="value"/>, reached exactly at <paramref name="frame"/>.</summary>
    public AudioParameter LinearRampToValueAtTime(float value, long frame) =>
        Post(new AutomationEvent(AutomationEventKind.LinearRamp, frame, Clamp(value)));

    /// <summary>Ramps with a constant ratio per frame to <paramref name="value"/> (non-zero), reached exactly at <paramref name="frame"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is 0: an exponential curve never reaches it.</exception>
    public AudioParameter ExponentialRampToValueAtTime(float value, long frame)
    {
        if (value == 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "An exponential ramp cannot reach 0; ramp to a small value instead.");
        }

        return Post(new AutomationEvent(AutomationEventKind.ExponentialRamp, frame, Clamp(value)));
    }

    /// <summary>From <paramref name="startFrame"/> on, approaches <paramref name="target"/> as <c>target + (v0 - target) * exp(-(t - start) / timeConstant)</c>.</summary>
    /// <param name="target">The value approached.</param>
    /// <param name="startFrame">Timeline frame where the approach begins.</param>
    /// <param name="timeConstantFrames">Frames to cover 63.2 % of the way; greater than 0.</param>
    public AudioParameter SetTargetAtTime(float target, long startFrame, double timeConstantFrames)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeConstantFrames);
        return Post(new AutomationEvent(AutomationEventKind.SetTarget, startFrame, Clamp(target), timeConstantFrames));
    }

    /// <summary>Removes every automation event at or after <paramref name="frame"/> (<see cref="long.MinValue"/>: all of them).</summary>
    public AudioParameter CancelScheduledValues(long frame) => Post(new Command(CommandKind.Cancel, default, frame));

    /// <summary>Removes the events after <paramref name="frame"/> and holds the value the automation has at that frame.</summary>
    public AudioParameter CancelAndHoldAtTime(long frame) => Post(new Command(CommandKind.CancelAndHold, default, frame));

    /// <summary>Sizes the per-block buffer and the glide for a stream. Control thread; allocates.</summary>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    /// <param name="maxBlockFrames">Largest block <see cref="Process"/> will be asked for.</param>
    public void Prepare(int sampleRate, int maxBlockFrames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBlockFrames, 1);
        _values = new float[maxBlockFrames];
        _filledFrames = 0;
        _glideFrames = Math.Max(1, (int)Math.Round(SmoothingSeconds * sampleRate));
    }

    /// <summary>Snaps the glide to the target (after a locate). Audio thread; real-time safe.</summary>
    public void Reset()
    {
        _current = _glideTarget = Volatile.Read(ref _target);
        _glideFramesLeft = 0;
    }

    /// <summary>
    /// Produces the values for <paramref name="frameCount"/> frames starting at timeline frame
    /// <paramref name="timelineFrame"/> (a node passes <c>context.TimelineFrame</c>). Audio thread;
    /// real-time safe. Call once per block.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not prepared, or more frames than prepared for (a host bug, not data-dependent).</exception>
    public ParameterValues Process(long timelineFrame, int frameCount)
    {
        if ((uint)frameCount > (uint)_values.Length)
        {
            ThrowNotPrepared(frameCount);
        }

        DrainCommands(timelineFrame);
        var values = _values.AsSpan(0, frameCount);
        var lead = _timeline.LeadFrames(timelineFrame, frameCount);
        var constant = Glide(values.Slice(0, lead));
        if (lead < frameCount)
        {
            if (_timeline.FirstFrame >= timelineFrame)
            {
                // Automation takes over in this block: a set-target curve starts from the value
                // the parameter has at that frame, not the one it had when the event was posted.
                _timeline.SetInitialValue(_current);
            }

            _timeline.Fill(timelineFrame, values, out _);
            _filledFrames = Math.Min(_filledFrames, lead);
        }
        if (lead < frameCount)
        {
            constant = false;
        }

        if (frameCount > 0)
        {
            if (lead < frameCount)
            {
                // Automation took over: later glides start from where it left the value.
                _current = _glideTarget = values[frameCount - 1];
                _glideFramesLeft = 0;
                constant = IsUniform(values);
            }

            Volatile.Write(ref _current, _current);
        }

        return new ParameterValues(values, constant);
    }

    private static bool IsUniform(ReadOnlySpan<float> values)
    {
        var first = values[0];
        foreach (var value in values)
        {
            if (value != first)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Fills the frames before any automation with the smoothed value; returns whether they are all equal.</summary>
    private bool Glide(Span<float> destination)
    {
        var target = Volatile.Read(ref _target);
        if (target != _glideTarget)
        {
            // A new target restarts the glide from wherever the value is now.
            _glideTarget = target;
            _glideFramesLeft = target == _current ? 0 : _glideFrames;
            _glideStep = (target - _current) / _glideFrames;
        }

        if (_glideFramesLeft == 0)
        {
            // Bitwise, so a -0 or a NaN is written as it is.
            var bits = BitConverter.SingleToInt32Bits(_current);
            if (destination.Length > _filledFrames || bits != _filledBits)
            {
                destination.Fill(_current);
                _filledFrames = destination.Length;
                _filledBits = bits;
            }

            return true;
        }

        _filledFrames = 0;
        var i = 0;
        for (; i < destination.Length && _glideFramesLeft > 0; i++)
        {
            _glideFramesLeft--;
            // Land exactly on the target on the glide's last frame, whatever the rounding on the way.
            _current = _glideFramesLeft == 0 ? target : _current + _glideStep;
            destination[i] = _current;
        }

        destination.Slice(i).Fill(_current);
        return false;
    }

    private void DrainCommands(long now)
    {
        while (_commands.TryDequeue(out var command))
        {
            switch (command.Kind)
            {
                case CommandKind.Add:
                    if (!_timeline.Insert(command.Event, now, _current))
                    {
                        Interlocked.Increment(ref _droppedEvents);
                    }

                    break;
                case CommandKind.Cancel:
                    _timeline.CancelFrom(command.Frame);
                    break;
                case CommandKind.CancelAndHold:
                    _timeline.CancelAndHold(command.Frame);
                    break;
            }
        }
    }

    private AudioParameter Post(in AutomationEvent item) => Post(new Command(CommandKind.Add, item, item.Frame));

    private AudioParameter Post(in Command command)
    {
        if (!_commands.TryEnqueue(command))
        {
            throw new InvalidOperationException($"Parameter '{Name}': the automation queue is full ({_commands.Capacity} commands); it drains at the start of each rendered block.");
        }

        return this;
    }

    private float Clamp(float value) => float.IsNaN(value)
        ? throw new ArgumentOutOfRangeException(nameof(value), $"Parameter '{Name}': an automation value cannot be NaN.")
        : Math.Clamp(value, Minimum, Maximum);

    private static void ThrowNotPrepared(int frameCount) =>
        throw new InvalidOperationException($"The parameter was not prepared for blocks of {frameCount} frames; call Prepare first.");

    private enum CommandKind : byte
    {
        Add,
        Cancel,
        CancelAndHold,
    }

    private readonly record struct Command(CommandKind Kind, AutomationEvent Event, long Frame);
}
