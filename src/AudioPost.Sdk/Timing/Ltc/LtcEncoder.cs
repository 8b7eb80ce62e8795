namespace AudioPost.Sdk.Timing.Ltc;

/// <summary>
/// Writes SMPTE ST 12-1 linear timecode as audio: one 80-bit word per frame (per frame pair above 30 fps),
/// biphase-mark coded, with the sync word, drop-frame, colour-frame and binary-group flags, user bits and the
/// polarity-correction bit, and edges band-limited to the configured rise time (REFERENCE.md §6).
/// </summary>
/// <remarks>
/// <para>Timing is exact: half-bit boundaries fall at <c>h·fs·den·k / (160·num)</c> samples after the last
/// <see cref="Locate"/> (k = frames per word), computed with integers, so the stream never drifts against the sample
/// clock, and word w starts (the centre of its first edge) exactly where frame w of the timecode would start. The
/// first word's first edge is centred on the first sample rendered after <see cref="Locate"/>.</para>
/// <para><see cref="Render"/> is real-time safe (no allocation, no locks, no exceptions for valid spans). Not thread-safe:
/// one thread renders.</para>
/// </remarks>
public sealed class LtcEncoder
{
    private const double TenToNinetyFraction = 0.5903344150; // 1 − 2·acos(0.8)/π: 10–90 % span of a raised-cosine edge.

    private readonly long _step;
    private readonly long _divisor;
    private readonly double _amplitude;
    private readonly double _rampSamples;
    private readonly bool _twentyFive;
    private readonly LtcEncoderOptions _options;

    private Timecode _timecode;
    private ulong _wordBits;
    private int _half;
    private long _edgeWhole;
    private long _edgeRemainder;
    private double _level;
    private long _position;

    /// <summary>Creates an encoder that starts at <paramref name="start"/>.</summary>
    /// <param name="sampleRate">Sample frames per second, 8 000 to 768 000.</param>
    /// <param name="start">The first word's timecode; its rate is the LTC rate.</param>
    /// <param name="options">Level, rise time, user bits and flags; <see cref="LtcEncoderOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">The sample rate, level or rise time is out of range.</exception>
    /// <exception cref="ArgumentException">The start timecode has no rate.</exception>
    public LtcEncoder(int sampleRate, Timecode start, LtcEncoderOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8_000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 768_000);
        start.Rate.ThrowIfInvalid();
        _options = options ?? LtcEncoderOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.LevelDb, -60, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.LevelDb, 0, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.RiseTimeMicroseconds, 0, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.RiseTimeMicroseconds, 100, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.BinaryGroupFlags, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.BinaryGroupFlags, 7, nameof(options));

        SampleRate = sampleRate;
        Rate = start.Rate;
        _step = (long)sampleRate * Rate.Denominator * LtcFrame.FramesPerWord(Rate);
        _divisor = 160L * Rate.Numerator;
        _amplitude = Math.Pow(10, _options.LevelDb / 20);
        _rampSamples = _options.RiseTimeMicroseconds * 1e-6 * sampleRate / TenToNinetyFraction;
        _twentyFive = LtcFrame.IsTwentyFiveFamily(Rate);
        Locate(start);
    }

    /// <summary>Gets the sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Gets the LTC frame rate.</summary>
    public FrameRate Rate { get; }

    /// <summary>Gets the timecode of the word being written (the next one once a word is complete).</summary>
    public Timecode CurrentTimecode => _timecode;

    /// <summary>Gets the samples rendered since the last <see cref="Locate"/>.</summary>
    public long Position => _position;

    /// <summary>Gets the exact number of samples per LTC word, for information (2002 at 23.976 and 48 kHz).</summary>
    public double SamplesPerWord => (double)_step * 160 / _divisor;

    /// <summary>Restarts the stream: the next sample rendered is the centre of the first edge of the word for
    /// <paramref name="start"/>. Not for the audio thread while another thread renders.</summary>
    /// <param name="start">The timecode, at <see cref="Rate"/>.</param>
    /// <exception cref="ArgumentException">The rate differs from the encoder's.</exception>
    public void Locate(Timecode start)
    {
        Timecode.ThrowIfRatesDiffer(Rate, start.Rate);

        // Above 30 fps a word covers a frame pair: start on the pair's even frame.
        var perWord = LtcFrame.FramesPerWord(Rate);
        _timecode = Timecode.FromFrameCount(start.FrameCount - (start.FrameCount % perWord), Rate);
        _wordBits = LtcFrame.FromTimecode(_timecode, _options.ColorFrame, _options.UserBits, _options.BinaryGroupFlags).ToBits(_twentyFive);
        _half = 0;
        _edgeWhole = 0;
        _edgeRemainder = 0;
        _level = -_amplitude;
        _position = 0;
    }

    /// <summary>Writes the next <c>destination.Length</c> samples of the LTC signal. Real-time safe.</summary>
    /// <param name="destination">Mono samples to overwrite.</param>
    public void Render(Span<float> destination)
    {
        var halfRamp = _rampSamples / 2;
        for (var i = 0; i < destination.Length; i++)
        {
            var n = _position + i;

            // Settle every edge whose ramp has ended by this sample.
            while (EdgeTime() + halfRamp <= n)
            {
                if (HasEdge())
                {
                    _level = -_level;
                }

                Advance();
            }

            var value = _level;
            var start = EdgeTime() - halfRamp;
            if (HasEdge() && n > start)
            {
                // Raised-cosine ramp from the settled level to its opposite.
                var x = (n - start) / _rampSamples;
                value = _level * Math.Cos(Math.PI * x);
            }

            destination[i] = (float)value;
        }

        _position += destination.Length;
    }

    private double EdgeTime() => _edgeWhole + ((double)_edgeRemainder / _divisor);

    private bool HasEdge()
    {
        if ((_half & 1) == 0)
        {
            return true;
        }

        var bit = _half >> 1;
        return (bit < 64 ? (_wordBits >> bit) & 1 : ((ulong)LtcFrame.SyncWord >> (bit - 64)) & 1) == 1;
    }

    private void Advance()
    {
        _edgeWhole += _step / _divisor;
        _edgeRemainder += _step % _divisor;
        if (_edgeRemainder >= _divisor)
        {
            _edgeRemainder -= _divisor;
            _edgeWhole++;
        }

        if (++_half == 160)
        {
            _half = 0;
            _timecode = _timecode.AddFrames(LtcFrame.FramesPerWord(Rate));
            _wordBits = LtcFrame.FromTimecode(_timecode, _options.ColorFrame, _options.UserBits, _options.BinaryGroupFlags).ToBits(_twentyFive);
        }
    }
}
