using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Loudness;

namespace AudioPost.Sdk.Processing.Restoration;

/// <summary>
/// A slow, speech-aware leveler: rides one gain for all channels so that speech sits at <see cref="Target"/> loudness
/// whatever level each speaker or take arrived at, and holds the gain still in pauses so the noise floor does not
/// pump. Latency <see cref="LatencyFrames"/> (the look-ahead).
/// </summary>
/// <remarks>
/// <para><b>Measurement.</b> A BS.1770 <see cref="LoudnessMeter"/> reads the input's momentary loudness (K-weighted,
/// 400 ms window) every 10 ms, ahead of the audio by the look-ahead: with the default 200 ms, half the window, the
/// window is centred on the sample the gain is applied to, so a level change is met as it arrives, not after it.</para>
/// <para><b>Speech decision.</b> A 10 ms hop counts as speech when the momentary loudness is at or above
/// <see cref="Gate"/> (absolute, LUFS) and no more than 15 LU under the current speech level estimate (so the decaying
/// window at the start of a pause, and breaths, do not count). Outside speech nothing moves: the gain is frozen.</para>
/// <para><b>Riding.</b> In speech the level estimate follows the momentary loudness, averaged as energy, with time constant
/// <see cref="Speed"/> (seconds; a rise is followed within about one time constant, a 10 dB fall within about three); the gain is target − estimate, limited to
/// +<see cref="MaxBoost"/> and −<see cref="MaxCut"/> dB, and glides linearly in dB across each 10 ms hop, so it never
/// steps. <see cref="MinGainDb"/>, <see cref="MaxGainDb"/> and <see cref="MeanGainDb"/> report the riding applied.</para>
/// <para>Parameters (read once per hop) may be set from any thread; Process and Reset follow the real-time rules;
/// Prepare allocates.</para>
/// </remarks>
public sealed class LevelerProcessor : IAudioProcessor
{
    private const double RelativeGateLu = 15;

    private readonly AudioParameter[] _parameters;
    private LoudnessMeter? _meter;
    private float[] _delay = [];
    private int _delayFrames;
    private int _delayPosition;
    private int _channels;
    private int _hop;
    private int _hopPosition;
    private int _sampleRate;
    private double _levelEnergy;
    private double _fromDb;
    private double _toDb;
    private double _minDb;
    private double _maxDb;
    private double _sumDb;
    private long _frames;
    private double _currentDb;

    /// <summary>Creates a leveler.</summary>
    /// <param name="targetLufs">Speech loudness aimed at, in LUFS, −40 to −6; default −20.</param>
    /// <param name="maxBoostDb">Largest boost, in dB, 0 to 30; default 12.</param>
    /// <param name="maxCutDb">Largest cut, in dB, 0 to 30; default 12.</param>
    /// <param name="speedSeconds">Time constant of the speech level estimate, in s, 0.5 to 20; default 1.5.</param>
    /// <param name="gateLufs">Momentary loudness under which audio is a pause, in LUFS, −80 to −20; default −50.</param>
    /// <param name="lookAheadMilliseconds">Look-ahead (and latency), in ms, 0 to 1 000; default 200.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public LevelerProcessor(
        float targetLufs = -20f, float maxBoostDb = 12f, float maxCutDb = 12f, float speedSeconds = 1.5f, float gateLufs = -50f, double lookAheadMilliseconds = 200)
    {
        Target = Parameter("target", targetLufs, -40f, -6f, nameof(targetLufs));
        MaxBoost = Parameter("maxBoost", maxBoostDb, 0f, 30f, nameof(maxBoostDb));
        MaxCut = Parameter("maxCut", maxCutDb, 0f, 30f, nameof(maxCutDb));
        Speed = Parameter("speed", speedSeconds, 0.5f, 20f, nameof(speedSeconds));
        Gate = Parameter("gate", gateLufs, -80f, -20f, nameof(gateLufs));
        if (!(lookAheadMilliseconds >= 0 && lookAheadMilliseconds <= 1_000))
        {
            throw new ArgumentOutOfRangeException(nameof(lookAheadMilliseconds), lookAheadMilliseconds, "Must be 0 to 1000 ms.");
        }

        LookAheadMilliseconds = lookAheadMilliseconds;
        _parameters = [Target, MaxBoost, MaxCut, Speed, Gate];
    }

    /// <summary>Gets the target speech loudness parameter, in LUFS (−40 to −6).</summary>
    public AudioParameter Target { get; }

    /// <summary>Gets the largest boost parameter, in dB (0 to 30).</summary>
    public AudioParameter MaxBoost { get; }

    /// <summary>Gets the largest cut parameter, in dB (0 to 30).</summary>
    public AudioParameter MaxCut { get; }

    /// <summary>Gets the speed parameter: the level estimate's time constant in seconds (0.5 to 20); larger is slower.</summary>
    public AudioParameter Speed { get; }

    /// <summary>Gets the gate parameter, in LUFS (−80 to −20): momentary loudness under it is a pause, where the gain holds.</summary>
    public AudioParameter Gate { get; }

    /// <summary>Gets the look-ahead, in ms.</summary>
    public double LookAheadMilliseconds { get; }

    /// <summary>Gets the latency in frames: the look-ahead (valid after Prepare).</summary>
    public int LatencyFrames => _delayFrames;

    /// <summary>Gets the gain applied to the last output frame, in dB. Any thread (a block old at most).</summary>
    public double CurrentGainDb => Volatile.Read(ref _currentDb);

    /// <summary>Gets the lowest gain applied since Prepare or Reset, in dB (0 before any audio). Any thread.</summary>
    public double MinGainDb => Volatile.Read(ref _minDb);

    /// <summary>Gets the highest gain applied since Prepare or Reset, in dB (0 before any audio). Any thread.</summary>
    public double MaxGainDb => Volatile.Read(ref _maxDb);

    /// <summary>Gets the mean gain over every frame since Prepare or Reset, in dB (0 before any audio). Audio thread,
    /// or any thread for a reading that may be a block old.</summary>
    public double MeanGainDb => _frames == 0 ? 0 : _sumDb / _frames;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">No channels, more than <see cref="ChannelLayout.MaxChannels"/>, or a
    /// sample rate outside the loudness meter's 8–384 kHz.</exception>
    public void Prepare(in ProcessSpec spec)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.ChannelCount, 1);
        foreach (var parameter in _parameters)
        {
            parameter.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        }

        _channels = spec.ChannelCount;
        _sampleRate = spec.SampleRate;
        _meter = new LoudnessMeter(spec.SampleRate, ChannelLayout.FromChannelCount(spec.ChannelCount));
        _hop = Math.Max(1, spec.SampleRate / 100);
        _delayFrames = (int)Math.Round(LookAheadMilliseconds * spec.SampleRate / 1000);
        _delay = new float[Math.Max(1, _delayFrames) * spec.ChannelCount];
        Reset();
    }

    /// <inheritdoc />
    public void Reset()
    {
        foreach (var parameter in _parameters)
        {
            parameter.Reset();
        }

        _meter?.Reset();
        Array.Clear(_delay);
        _delayPosition = 0;
        _hopPosition = 0;
        _levelEnergy = 0;
        _fromDb = _toDb = 0;
        _sumDb = 0;
        _frames = 0;
        Volatile.Write(ref _minDb, 0);
        Volatile.Write(ref _maxDb, 0);
        Volatile.Write(ref _currentDb, 0);
    }

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        if (_meter is not { } meter || buffer.FrameCount == 0)
        {
            return;
        }

        var frames = buffer.FrameCount;
        var timeline = context.TimelineFrame;
        var target = Target.Process(timeline, frames).First;
        var maxBoost = MaxBoost.Process(timeline, frames).First;
        var maxCut = MaxCut.Process(timeline, frames).First;
        var speed = Speed.Process(timeline, frames).First;
        var gate = Gate.Process(timeline, frames).First;
        var main = buffer.SliceChannels(0, _channels);
        var min = _frames == 0 ? double.PositiveInfinity : _minDb;
        var max = _frames == 0 ? double.NegativeInfinity : _maxDb;
        var done = 0;
        while (done < frames)
        {
            var run = Math.Min(frames - done, _hop - _hopPosition);
            var chunk = main.Slice(done, run);
            meter.Process(chunk);
            for (var i = 0; i < run; i++)
            {
                var db = _fromDb + ((_toDb - _fromDb) * (_hopPosition + i + 1) / _hop);
                var gain = (float)Math.Pow(10, db / 20);
                _sumDb += db;
                min = Math.Min(min, db);
                max = Math.Max(max, db);
                for (var c = 0; c < _channels; c++)
                {
                    var samples = chunk.GetChannel(c);
                    var x = samples[i];
                    if (_delayFrames > 0)
                    {
                        var slot = (_delayPosition * _channels) + c;
                        var delayed = _delay[slot];
                        _delay[slot] = x;
                        x = delayed;
                    }

                    samples[i] = x * gain;
                }

                if (_delayFrames > 0 && ++_delayPosition == _delayFrames)
                {
                    _delayPosition = 0;
                }
            }

            _frames += run;
            _hopPosition += run;
            done += run;
            if (_hopPosition == _hop)
            {
                _hopPosition = 0;
                _fromDb = _toDb;
                _toDb = NextGain(meter.Momentary, target, maxBoost, maxCut, speed, gate);
            }
        }

        Volatile.Write(ref _minDb, min);
        Volatile.Write(ref _maxDb, max);
        Volatile.Write(ref _currentDb, _fromDb + ((_toDb - _fromDb) * _hopPosition / _hop));
    }

    private double NextGain(double momentary, float target, float maxBoost, float maxCut, float speed, float gate)
    {
        if (!(momentary >= gate))
        {
            return _toDb;
        }

        // Averaged as energy, as loudness is: an average of dB would sit under the speech's loudness by the depth of
        // its dips between syllables.
        var energy = Math.Pow(10, momentary / 10);
        if (_levelEnergy == 0)
        {
            _levelEnergy = energy;
        }
        else
        {
            if (momentary < (10 * Math.Log10(_levelEnergy)) - RelativeGateLu)
            {
                return _toDb;
            }

            _levelEnergy += (energy - _levelEnergy) * Math.Min(1, _hop / (speed * (double)_sampleRate));
        }

        return Math.Clamp(target - (10 * Math.Log10(_levelEnergy)), -maxCut, maxBoost);
    }

    private static AudioParameter Parameter(string name, float value, float min, float max, string argument)
    {
        if (!(value >= min && value <= max))
        {
            throw new ArgumentOutOfRangeException(argument, value, $"Must be {min} to {max}.");
        }

        return new AudioParameter(name, value, min, max);
    }
}
