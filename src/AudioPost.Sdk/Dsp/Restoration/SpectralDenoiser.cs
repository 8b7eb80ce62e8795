using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Fourier;
using System.Numerics.Tensors;

namespace AudioPost.Sdk.Dsp.Restoration;

/// <summary>
/// Streaming spectral noise reduction: STFT with overlap-add, a noise spectrum estimated continuously (MCRA-style
/// minimum tracking) or taken from a learned <see cref="NoiseProfile"/>, and decision-directed Wiener gains with a
/// floor set by the reduction amount, smoothed over frequency and time. Mains hum is first removed in the time domain
/// (<see cref="HumRemoval"/>, detected by default), which adds no latency.
/// </summary>
/// <remarks>
/// <para><b>Frames.</b> About 40 ms (<see cref="FrameSizeFor"/>: 1 920 samples at 48 kHz, 640 at 16 kHz, 1 728 at
/// 44.1 kHz, 7 680 at 192 kHz), hop a quarter of that (75 % overlap), sqrt-Hann analysis and synthesis windows
/// (periodic), which reconstruct perfectly: with all gains 1 the output is the input delayed by
/// <see cref="LatencyFrames"/> = <see cref="FrameSize"/> samples (to float rounding).</para>
/// <para><b>Channels.</b> Linked (<see cref="LinkChannels"/> true): one noise estimate and one set of gains from
/// the channels' mean power, applied to every channel, so the stereo image does not wander. Unlinked: each channel has
/// its own estimate and gains (for unrelated mono sources sharing a file).</para>
/// <para><b>Memory, real time, threads.</b> The constructor allocates about (12·frame + 40·bins) bytes per channel;
/// <see cref="Process"/> and <see cref="Reset"/> allocate nothing, take no locks and never throw for data reasons.
/// <see cref="ReductionDb"/> and <see cref="Profile"/> may be set from any thread: each frame reads their latest
/// values (a frame is one hop, 10 ms). Everything else belongs to one (the audio) thread.</para>
/// </remarks>
public sealed class SpectralDenoiser
{
    /// <summary>The lowest supported sample rate, in Hz.</summary>
    public const int MinSampleRate = 8_000;

    /// <summary>The highest supported sample rate, in Hz.</summary>
    public const int MaxSampleRate = 384_000;

    /// <summary>The largest reduction accepted, in dB.</summary>
    public const float MaxReductionDb = 60f;

    private readonly RealFft _fft;
    private readonly float[] _window;
    private readonly float[] _synthesisWindow;
    private readonly float[][] _input;
    private readonly float[][] _output;
    private readonly float[][] _ready;
    private readonly float[][] _spectra;
    private readonly float[] _frame;
    private readonly float[] _power;
    private readonly float[] _profilePower;
    private readonly SpectralSuppressor[] _groups;
    private readonly HumStage? _hum;
    private readonly int _hop;
    private float _reductionDb;
    private NoiseProfile? _profile;
    private int _position;
    private int _framesSinceReset;

    /// <summary>Creates a denoiser. Control thread; allocates.</summary>
    /// <param name="sampleRate">Sample rate in Hz, <see cref="MinSampleRate"/> to <see cref="MaxSampleRate"/>.</param>
    /// <param name="channelCount">Channels, 1 to <see cref="AudioBuffer.MaxChannels"/>.</param>
    /// <param name="linkChannels">Whether all channels share one estimate and one set of gains (see remarks).</param>
    /// <param name="reductionDb">The reduction amount (the gain floor), in dB, 0 to <see cref="MaxReductionDb"/>.</param>
    /// <param name="humRemoval">Whether mains hum is removed before the spectral stage (see <see cref="HumRemoval"/>);
    /// default <see cref="HumRemoval.Auto"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public SpectralDenoiser(int sampleRate, int channelCount, bool linkChannels = true, float reductionDb = 12f, HumRemoval humRemoval = HumRemoval.Auto)
    {
        if (humRemoval is not (HumRemoval.Auto or HumRemoval.Off or HumRemoval.Hz50 or HumRemoval.Hz60))
        {
            throw new ArgumentOutOfRangeException(nameof(humRemoval), humRemoval, "Choose Auto, Off, Hz50 or Hz60.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channelCount, AudioBuffer.MaxChannels);
        var size = FrameSizeFor(sampleRate);
        SampleRate = sampleRate;
        ChannelCount = channelCount;
        LinkChannels = linkChannels;
        ReductionDb = reductionDb;
        FrameSize = size;
        _hop = size / 4;
        _fft = new RealFft(size);
        _window = CreateWindow(size);

        // Σ over the four overlapping frames of analysis·synthesis window (= periodic Hann) is 2 at every sample.
        _synthesisWindow = new float[size];
        TensorPrimitives.Multiply(_window, 0.5f, _synthesisWindow);
        _input = Jagged(channelCount, size);
        _output = Jagged(channelCount, size);
        _ready = Jagged(channelCount, _hop);
        _spectra = Jagged(channelCount, _fft.SpectrumLength);
        _frame = new float[size];
        _power = new float[_fft.BinCount];
        _profilePower = new float[_fft.BinCount];
        _groups = new SpectralSuppressor[linkChannels ? 1 : channelCount];
        for (var g = 0; g < _groups.Length; g++)
        {
            _groups[g] = new SpectralSuppressor(_fft.BinCount, (double)_hop / sampleRate);
        }

        HumRemoval = humRemoval;
        _hum = humRemoval == HumRemoval.Off ? null : new HumStage(humRemoval, sampleRate, channelCount, size, _hop, _window);
    }

    /// <summary>Gets the sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Gets the channel count.</summary>
    public int ChannelCount { get; }

    /// <summary>Gets whether the channels share one noise estimate and one set of gains.</summary>
    public bool LinkChannels { get; }

    /// <summary>Gets the hum-removal mode asked for.</summary>
    public HumRemoval HumRemoval { get; }

    /// <summary>
    /// Gets the hum family being removed: <see cref="HumRemoval.Hz50"/> or <see cref="HumRemoval.Hz60"/>, or
    /// <see cref="HumRemoval.Off"/> while none is (off, or <see cref="HumRemoval.Auto"/> has not detected hum). Audio
    /// thread, or any thread for a diagnostic reading that may be a hop old.
    /// </summary>
    public HumRemoval ActiveHumRemoval => _hum?.Active ?? HumRemoval.Off;

    /// <summary>Gets the tracked mains fundamental in Hz while hum is being removed, else NaN. Same threads as
    /// <see cref="ActiveHumRemoval"/>.</summary>
    public double HumFrequencyHz => _hum?.ActiveCanceller?.FrequencyHz ?? double.NaN;

    /// <summary>Gets the STFT frame size in samples (about 40 ms).</summary>
    public int FrameSize { get; }

    /// <summary>Gets the hop between frames in samples: a quarter of <see cref="FrameSize"/> (about 10 ms).</summary>
    public int HopSize => _hop;

    /// <summary>Gets the delay from input to output, in frames: <see cref="FrameSize"/>.</summary>
    public int LatencyFrames => FrameSize;

    /// <summary>
    /// Gets or sets the reduction amount in dB (0 to <see cref="MaxReductionDb"/>; clamped): the most any bin is
    /// attenuated. 0 passes the input through unchanged (delayed). Any thread; read once per hop.
    /// </summary>
    public float ReductionDb
    {
        get => Volatile.Read(ref _reductionDb);
        set => Volatile.Write(ref _reductionDb, float.IsNaN(value) ? 0f : Math.Clamp(value, 0f, MaxReductionDb));
    }

    /// <summary>
    /// Gets or sets a learned noise profile, or null (the default) to estimate the noise continuously. Any thread;
    /// the next hop uses it.
    /// </summary>
    /// <exception cref="ArgumentException">The profile was learned at another sample rate, or has a channel count
    /// other than 1 or <see cref="ChannelCount"/>.</exception>
    public NoiseProfile? Profile
    {
        get => Volatile.Read(ref _profile);
        set
        {
            if (value is not null)
            {
                CheckProfile(value, SampleRate, ChannelCount);
            }

            Volatile.Write(ref _profile, value);
        }
    }

    /// <summary>
    /// Returns the STFT frame size used at <paramref name="sampleRate"/>: the multiple of 4 nearest to 40 ms whose only
    /// prime factors are 2, 3 and 5 (so the FFT is planned exactly).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is outside <see cref="MinSampleRate"/> to <see cref="MaxSampleRate"/>.</exception>
    public static int FrameSizeFor(int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, MinSampleRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, MaxSampleRate);
        var target = (int)Math.Round(sampleRate * 0.04 / 4.0);
        for (var d = 0; ; d++)
        {
            if (ComplexFft.IsSupportedSize(4 * (target - d)))
            {
                return 4 * (target - d);
            }

            if (ComplexFft.IsSupportedSize(4 * (target + d)))
            {
                return 4 * (target + d);
            }
        }
    }

    /// <summary>Processes the first <see cref="ChannelCount"/> channels of <paramref name="block"/> in place, any frame
    /// count. Real-time safe.</summary>
    /// <param name="block">Input in, output (delayed by <see cref="LatencyFrames"/>) out; at least <see cref="ChannelCount"/> channels.</param>
    /// <exception cref="ArgumentException">The block has fewer channels than <see cref="ChannelCount"/> (a caller bug).</exception>
    public void Process(AudioBlock block)
    {
        if (block.ChannelCount < ChannelCount && block.FrameCount > 0)
        {
            throw new ArgumentException($"The denoiser was created for {ChannelCount} channels; the block has {block.ChannelCount}.", nameof(block));
        }

        var offset = 0;
        var frames = block.FrameCount;
        var inputStart = FrameSize - _hop;
        while (offset < frames)
        {
            var n = Math.Min(_hop - _position, frames - offset);
            _hum?.Process(block.SliceChannels(0, ChannelCount).Slice(offset, n));
            for (var c = 0; c < ChannelCount; c++)
            {
                var samples = block[c].Slice(offset, n);
                samples.CopyTo(_input[c].AsSpan(inputStart + _position, n));
                _ready[c].AsSpan(_position, n).CopyTo(samples);
            }

            _position += n;
            offset += n;
            if (_position == _hop)
            {
                ProcessFrame();
                _position = 0;
            }
        }
    }

    /// <summary>Clears the audio history and the noise estimate (as after a locate); keeps the profile. Real-time safe.</summary>
    public void Reset()
    {
        for (var c = 0; c < ChannelCount; c++)
        {
            Array.Clear(_input[c]);
            Array.Clear(_output[c]);
            Array.Clear(_ready[c]);
        }

        foreach (var group in _groups)
        {
            group.Reset();
        }

        _hum?.Reset();

        _position = 0;
        _framesSinceReset = 0;
    }

    /// <summary>Gets the continuous noise estimate of <paramref name="group"/> (channel, or 0 when linked) after the last hop, per bin.</summary>
    internal ReadOnlySpan<float> GetTrackedNoise(int group) => _groups[group].TrackedNoise;

    /// <summary>Gets the gains of <paramref name="group"/> for the last hop, per bin.</summary>
    internal ReadOnlySpan<float> GetGains(int group) => _groups[group].Gains;

    /// <summary>Returns the analysis (and synthesis) window: sqrt of a periodic Hann window of <paramref name="size"/>.</summary>
    internal static float[] CreateWindow(int size)
    {
        var window = new float[size];
        WindowFunctions.Hann(window);
        TensorPrimitives.Sqrt(window, window);
        return window;
    }

    internal static void CheckProfile(NoiseProfile profile, int sampleRate, int channelCount)
    {
        if (profile.SampleRate != sampleRate || (profile.ChannelCount != 1 && profile.ChannelCount != channelCount))
        {
            throw new ArgumentException($"The noise profile was learned at {profile.SampleRate} Hz with {profile.ChannelCount} channels; this denoiser runs at {sampleRate} Hz with {channelCount} (a profile needs the same rate and 1 or the same number of channels).", nameof(profile));
        }
    }

    private void ProcessFrame()
    {
        var size = FrameSize;
        for (var c = 0; c < ChannelCount; c++)
        {
            var input = _input[c];
            TensorPrimitives.Multiply(input, _window, _frame);
            _fft.Forward(_frame, _spectra[c]);

            // Slide the analysis history by one hop: the next hop's samples land at the end.
            input.AsSpan(_hop).CopyTo(input);
        }

        // The first three frames after a reset still hold part of the zeroed history: not representative of the noise.
        if (_framesSinceReset < 4)
        {
            _framesSinceReset++;
        }

        var floor = MathF.Pow(10f, -ReductionDb / 20f);
        var profile = Volatile.Read(ref _profile);
        var perGroup = LinkChannels ? ChannelCount : 1;
        for (var g = 0; g < _groups.Length; g++)
        {
            GroupPower(g * perGroup, perGroup, profile);
            if (profile is not null && _hum is not null)
            {
                // A profile learned over the hum still holds the lines the hum stage now removes.
                _hum.ClearRemovedLines(_profilePower, _groups[g].TrackedNoise, SpectralSuppressor.TrackedNoiseScale);
            }

            _groups[g].Update(_power, profile is null ? [] : _profilePower, floor, track: _framesSinceReset >= 4);
        }

        // The hum stage learns while the (first) group finds no speech in the low band, and looks for hum lines in the
        // noise that group judged against.
        _hum?.Observe(_power, _groups[0].Presence, _framesSinceReset >= 4 ? (profile is null ? _groups[0].TrackedNoise : _profilePower) : []);

        for (var c = 0; c < ChannelCount; c++)
        {
            var spectrum = _spectra[c];
            var gains = _groups[LinkChannels ? 0 : c].Gains;
            for (var k = 0; k < gains.Length; k++)
            {
                spectrum[2 * k] *= gains[k];
                spectrum[(2 * k) + 1] *= gains[k];
            }

            _fft.Inverse(spectrum, _frame);
            var output = _output[c];
            TensorPrimitives.MultiplyAdd(_frame, _synthesisWindow, output, output);

            // The first hop is complete (no later frame overlaps it): it plays during the next hop.
            output.AsSpan(0, _hop).CopyTo(_ready[c]);
            output.AsSpan(_hop).CopyTo(output);
            output.AsSpan(size - _hop).Clear();
        }
    }

    private void GroupPower(int first, int count, NoiseProfile? profile)
    {
        var scale = 1f / count;
        _power.AsSpan().Clear();
        if (profile is not null)
        {
            _profilePower.AsSpan().Clear();
        }

        for (var c = first; c < first + count; c++)
        {
            var spectrum = _spectra[c];
            for (var k = 0; k < _power.Length; k++)
            {
                var re = spectrum[2 * k];
                var im = spectrum[(2 * k) + 1];
                _power[k] += ((re * re) + (im * im)) * scale;
            }

            if (profile is not null)
            {
                TensorPrimitives.MultiplyAdd(profile.GetPower(c), scale, _profilePower, _profilePower);
            }
        }
    }

    private static float[][] Jagged(int count, int length)
    {
        var arrays = new float[count][];
        for (var i = 0; i < count; i++)
        {
            arrays[i] = new float[length];
        }

        return arrays;
    }
}
