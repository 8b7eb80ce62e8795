namespace AudioPost.Sdk.Timing.Ltc;

/// <summary>
/// Reads SMPTE LTC from one audio channel, streaming: write blocks of samples with <see cref="Write"/>, take the
/// decoded words with <see cref="TryRead"/>. Each word comes with its timecode, user bits and the fractional sample
/// position where its bit 0 begins.
/// </summary>
/// <remarks>
/// <para>How it reads (REFERENCE.md §6.3, in our own form): a peak envelope that decays over about 20 ms sets a slicing
/// level at its midpoint with 20 % hysteresis, so levels from 0 to −40 dBFS and moderate noise slice cleanly; each
/// transition is timed at the sub-sample point where the signal crosses the midpoint. Intervals longer than 3/4 of the
/// running bit-period estimate are whole cells (bit 0), shorter ones half cells (two make a bit 1); the estimate follows
/// each interval (weight 1/4), so speed changes from 0.8x to 1.2x are tracked. The last 80 bits are matched against
/// the sync word forwards (<c>0011 1111 1111 1101</c>) and backwards (reverse play, whose data bits are then read
/// reversed); an interval over 1.6 bit periods (a dropout) or under 1/5 (a glitch) restarts bit alignment, so a word
/// is only delivered when all its 80 bits were read.</para>
/// <para><see cref="Write"/>, <see cref="TryRead"/> and <see cref="Reset"/> are real-time safe: no allocation (words go
/// to a ring sized at construction; when it is full the oldest word is dropped and <see cref="Overruns"/> counts it),
/// no locks, no exceptions for any sample values. Not thread-safe: one thread writes and reads.</para>
/// </remarks>
public sealed class LtcDecoder
{
    private const ushort ReverseSyncWord = 0x3FFD;

    private readonly double _nominalBitPeriod;
    private readonly double _decay;
    private readonly bool _twentyFive;
    private readonly double[] _bitStarts = new double[80];
    private readonly LtcDecodedFrame[] _queue;

    private double _max;
    private double _min;
    private int _state;
    private float _previous;
    private double _lastCrossing;
    private double _lastTransition;
    private bool _haveTransition;
    private double _bitPeriod;
    private bool _pendingHalf;
    private double _halfStart;
    private UInt128 _bits;
    private int _bitCount;
    private int _bitHead;
    private long _position;
    private int _queueHead;
    private int _queueCount;

    /// <summary>Creates a decoder.</summary>
    /// <param name="sampleRate">Sample frames per second of the audio, 8 000 to 768 000.</param>
    /// <param name="rate">The LTC's frame rate: the starting bit-period estimate, how the frame field reads above 30
    /// fps (frame pairs), and the rate of the reported <see cref="LtcDecodedFrame.Timecode"/>.</param>
    /// <param name="queueCapacity">Decoded words kept until read, 1 to 65 536.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="rate"/> is <c>default</c>.</exception>
    public LtcDecoder(int sampleRate, FrameRate rate, int queueCapacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8_000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 768_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(queueCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(queueCapacity, 65_536);
        rate.ThrowIfInvalid();
        SampleRate = sampleRate;
        Rate = rate;
        _nominalBitPeriod = (double)sampleRate * rate.Denominator * LtcFrame.FramesPerWord(rate) / (80.0 * rate.Numerator);
        _decay = Math.Exp(-1.0 / (0.02 * sampleRate));
        _twentyFive = LtcFrame.IsTwentyFiveFamily(rate);
        _queue = new LtcDecodedFrame[queueCapacity];
        Reset();
    }

    /// <summary>Gets the sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Gets the LTC frame rate the decoder expects.</summary>
    public FrameRate Rate { get; }

    /// <summary>Gets the sample frames written since construction or <see cref="Reset"/>: the stream position of the next
    /// sample.</summary>
    public long Position => _position;

    /// <summary>Gets the number of decoded words waiting to be read.</summary>
    public int Count => _queueCount;

    /// <summary>Gets the number of words dropped because the queue was full.</summary>
    public long Overruns { get; private set; }

    /// <summary>Gets the number of sync words found whose data was not a valid timecode at <see cref="Rate"/>.</summary>
    public long InvalidWords { get; private set; }

    /// <summary>Gets the current bit-period estimate in samples (80 of them make one word); it tracks the speed.</summary>
    public double BitPeriod => _bitPeriod;

    /// <summary>Gets the playback speed the bit-period estimate implies (1 = nominal).</summary>
    public double Speed => _nominalBitPeriod / _bitPeriod;

    /// <summary>Forgets all state and queued words; positions restart at 0. Real-time safe.</summary>
    public void Reset()
    {
        _max = 0;
        _min = 0;
        _state = 0;
        _previous = 0;
        _lastCrossing = 0;
        _haveTransition = false;
        _bitPeriod = _nominalBitPeriod;
        _pendingHalf = false;
        _bits = 0;
        _bitCount = 0;
        _bitHead = 0;
        _position = 0;
        _queueHead = 0;
        _queueCount = 0;
        Overruns = 0;
        InvalidWords = 0;
    }

    /// <summary>Feeds the next samples of the channel. Real-time safe.</summary>
    /// <param name="samples">Mono samples; any values (NaN and infinities are read as silence).</param>
    public void Write(ReadOnlySpan<float> samples)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            var x = samples[i];
            if (!float.IsFinite(x))
            {
                x = 0;
            }

            var n = _position + i;
            _max = Math.Max(x, _max * _decay);
            _min = Math.Min(x, _min * _decay);
            var centre = (_max + _min) / 2;
            var hysteresis = Math.Max((_max - _min) * 0.2, 1e-5);

            // The sub-sample moment the signal crossed the midpoint, for timing the transition the hysteresis confirms.
            if ((x - centre) * (_previous - centre) < 0)
            {
                _lastCrossing = n - 1 + ((_previous - centre) / (_previous - x));
            }

            if (_state <= 0 && x > centre + hysteresis)
            {
                Transition(_state == 0 ? StartCrossing(n) : _lastCrossing);
                _state = 1;
            }
            else if (_state >= 0 && x < centre - hysteresis)
            {
                Transition(_state == 0 ? StartCrossing(n) : _lastCrossing);
                _state = -1;
            }

            _previous = x;
        }

        _position += samples.Length;
    }

    /// <summary>
    /// Ends the stream: a word whose last bit is a 1 needs the transition that starts the next word to complete; at
    /// the end of a file there is none, so this completes the pending half bit. Call once after the last
    /// <see cref="Write"/>. Real-time safe.
    /// </summary>
    public void Flush()
    {
        if (_pendingHalf && _haveTransition && _position - _lastTransition < _bitPeriod)
        {
            _pendingHalf = false;
            Push(1, _halfStart);
        }
    }

    /// <summary>Takes the oldest decoded word. Real-time safe.</summary>
    /// <param name="frame">The word, or <c>default</c>.</param>
    /// <returns>Whether there was one.</returns>
    public bool TryRead(out LtcDecodedFrame frame)
    {
        if (_queueCount == 0)
        {
            frame = default;
            return false;
        }

        frame = _queue[_queueHead];
        _queueHead = (_queueHead + 1) % _queue.Length;
        _queueCount--;
        return true;
    }

    // A stream that begins in the middle of an edge (a file cut at a frame boundary) has no earlier level to
    // compare with; take the stream start as that first transition when the level was reached within a few samples.
    private double StartCrossing(long n) => n < _nominalBitPeriod / 8 ? 0 : n;

    private void Transition(double time)
    {
        if (!_haveTransition)
        {
            _haveTransition = true;
            _lastTransition = time;
            return;
        }

        var interval = time - _lastTransition;
        _lastTransition = time;
        if (interval > 1.6 * _bitPeriod || interval < 0.2 * _bitPeriod)
        {
            // Dropout, stop or glitch: whatever was being assembled is not trustworthy.
            _pendingHalf = false;
            _bitCount = 0;
            if (interval > 1.6 * _bitPeriod && interval < 2.5 * _bitPeriod && _bitPeriod > 0.7 * _nominalBitPeriod)
            {
                // A slowing shuttle can exceed the window for a moment; lean the estimate toward it.
                _bitPeriod = ((3 * _bitPeriod) + interval) / 4;
            }

            return;
        }

        if (interval > 0.75 * _bitPeriod)
        {
            _bitPeriod = ((3 * _bitPeriod) + interval) / 4;
            if (_pendingHalf)
            {
                // A lone half cell before a whole one: bit alignment was off; start again from here.
                _pendingHalf = false;
                _bitCount = 0;
            }

            Push(0, time - interval);
            return;
        }

        _bitPeriod = ((3 * _bitPeriod) + (2 * interval)) / 4;
        if (!_pendingHalf)
        {
            _pendingHalf = true;
            _halfStart = time - interval;
            return;
        }

        _pendingHalf = false;
        Push(1, _halfStart);
    }

    private void Push(int bit, double start)
    {
        _bits = (_bits >> 1) | ((UInt128)(uint)bit << 79);
        _bitStarts[_bitHead] = start;
        _bitHead = (_bitHead + 1) % 80;
        if (++_bitCount < 80)
        {
            return;
        }

        var sync = (ushort)(_bits >> 64);
        if (sync == LtcFrame.SyncWord)
        {
            // Oldest bit in the window is bit 0; its start is the ring slot about to be overwritten.
            Emit((ulong)_bits, _bitStarts[_bitHead], reverse: false);
        }
        else if (sync == ReverseSyncWord)
        {
            // Read backwards: the window holds this word's data bits 63..0 followed by the previous word's sync,
            // so bit 0's leading edge is where window bit 64 began.
            Emit(ReverseBits((ulong)_bits), _bitStarts[(_bitHead + 64) % 80], reverse: true);
        }
    }

    private void Emit(ulong data, double start, bool reverse)
    {
        if (!LtcFrame.TryFromBits(data, _twentyFive, out var frame) || !frame.TryGetTimecode(Rate, out var timecode))
        {
            InvalidWords++;
            return;
        }

        if (_queueCount == _queue.Length)
        {
            _queueHead = (_queueHead + 1) % _queue.Length;
            _queueCount--;
            Overruns++;
        }

        _queue[(_queueHead + _queueCount) % _queue.Length] = new LtcDecodedFrame(frame, timecode, start, reverse);
        _queueCount++;
    }

    private static ulong ReverseBits(ulong value)
    {
        ulong result = 0;
        for (var i = 0; i < 64; i++)
        {
            result = (result << 1) | ((value >> i) & 1);
        }

        return result;
    }
}
