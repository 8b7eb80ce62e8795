using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Dsp.Mixing;

namespace AudioPost.Sdk.Processing.Mixing;

/// <summary>
/// Places a mono source in a surround layout (5.1, 7.1, 7.1.4, or any layout <see cref="VbapPanner.IsSupported"/>
/// accepts) by vector base amplitude panning: azimuth, elevation (7.1.4), spread and an LFE send. Mono in,
/// <see cref="Layout"/> out.
/// </summary>
/// <remarks>
/// <para>Angles follow ITU-R BS.2051 (azimuth positive to the <b>left</b>; see <see cref="VbapPanner"/> for the
/// loudspeaker angles of each layout). The directional gains keep unit power; the LFE send is added on top of them
/// and is not part of that power.</para>
/// <para>Under automation the gains are recomputed every <see cref="ControlFrames"/> frames from the parameters' values
/// and ramp linearly in between, so a moving source glides instead of stepping. Parameter glides are linear in degrees:
/// a move from +170° to −170° sweeps through the front; automate through ±180° to go round the back.</para>
/// <para>No latency. Real-time safe: no allocation, no locks.</para>
/// </remarks>
public sealed class SurroundPannerProcessor : IAudioProcessor
{
    /// <summary>Frames between two gain computations while parameters move.</summary>
    public const int ControlFrames = 32;

    private readonly VbapPanner _panner;
    private readonly int _lfe;
    private readonly float[] _current;
    private readonly float[] _next;
    private float[] _scratch = [];
    private float _lastAzimuth = float.NaN;
    private float _lastElevation = float.NaN;
    private float _lastSpread = float.NaN;
    private float _lastLfe = float.NaN;
    private bool _snap = true;

    /// <summary>Creates a panner into <paramref name="layout"/>.</summary>
    /// <param name="layout">The output layout; see <see cref="VbapPanner.IsSupported"/>.</param>
    /// <param name="azimuthDegrees">Initial azimuth, −180° to +180° (positive left; 0 is centre front).</param>
    /// <param name="elevationDegrees">Initial elevation, 0° to 90°; only 7.1.4 uses it.</param>
    /// <param name="spreadDegrees">Initial spread (divergence), 0° (point) to 180°.</param>
    /// <param name="lfeDecibels">Initial LFE send, −144 (off) to +10 dB.</param>
    /// <exception cref="ArgumentException">The layout cannot be panned over.</exception>
    public SurroundPannerProcessor(ChannelLayout layout, float azimuthDegrees = 0f, float elevationDegrees = 0f, float spreadDegrees = 0f, float lfeDecibels = Decibels.SilenceDb)
    {
        _panner = new VbapPanner(layout);
        _lfe = layout.IndexOf(ChannelRole.LowFrequency);
        _current = new float[layout.Count];
        _next = new float[layout.Count];
        Azimuth = new AudioParameter("azimuth", azimuthDegrees, -180f, 180f);
        Elevation = new AudioParameter("elevation", elevationDegrees, 0f, 90f);
        Spread = new AudioParameter("spread", spreadDegrees, 0f, 180f);
        LfeLevel = new AudioParameter("lfe", lfeDecibels, Decibels.SilenceDb, 10f);
        Compute(azimuthDegrees, elevationDegrees, spreadDegrees, lfeDecibels, _current);
    }

    /// <summary>Gets the output layout.</summary>
    public ChannelLayout Layout => _panner.Layout;

    /// <summary>Gets the azimuth, in degrees: −180 to +180, 0 centre front, positive to the left (BS.2051).</summary>
    public AudioParameter Azimuth { get; }

    /// <summary>Gets the elevation, in degrees: 0 (ear level) to 90 (overhead). Used by 7.1.4 only.</summary>
    public AudioParameter Elevation { get; }

    /// <summary>Gets the spread (divergence), in degrees: 0 is a point source; up to 180 smears it around the room.</summary>
    public AudioParameter Spread { get; }

    /// <summary>Gets the LFE send, in dB (−144 = off, up to +10). Has no effect in a layout without LFE.</summary>
    public AudioParameter LfeLevel { get; }

    /// <summary>
    /// Computes the gains a source at the given position gets (one per output channel, LFE included). Any thread;
    /// real-time safe.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="gains"/> does not have one entry per channel.</exception>
    public void GetGains(float azimuthDegrees, float elevationDegrees, float spreadDegrees, float lfeDecibels, Span<float> gains) =>
        Compute(azimuthDegrees, elevationDegrees, spreadDegrees, lfeDecibels, gains);

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The input is not mono.</exception>
    public int GetOutputChannelCount(int inputChannelCount) => inputChannelCount == 1
        ? Layout.Count
        : throw new ArgumentOutOfRangeException(nameof(inputChannelCount), inputChannelCount, "A surround panner takes a mono input.");

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        GetOutputChannelCount(spec.ChannelCount);
        Azimuth.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        Elevation.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        Spread.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        LfeLevel.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        _scratch = new float[spec.MaxBlockFrames];
        _snap = true;
    }

    /// <inheritdoc />
    public void Reset()
    {
        Azimuth.Reset();
        Elevation.Reset();
        Spread.Reset();
        LfeLevel.Reset();
        _snap = true;
    }

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        var frames = buffer.FrameCount;
        var azimuth = Azimuth.Process(context.TimelineFrame, frames);
        var elevation = Elevation.Process(context.TimelineFrame, frames);
        var spread = Spread.Process(context.TimelineFrame, frames);
        var lfe = LfeLevel.Process(context.TimelineFrame, frames);
        var mono = _scratch.AsSpan(0, frames);
        buffer[0].CopyTo(mono);
        var input = new ReadOnlyAudioBlock(mono, 1, frames);
        var output = buffer.SliceChannels(0, Layout.Count);
        if (_snap)
        {
            // After Prepare or a locate there is no previous position to glide from: start where the parameters are.
            _snap = false;
            _lastAzimuth = float.NaN;
            Update(azimuth[0], elevation[0], spread[0], lfe[0], _current);
        }

        for (var start = 0; start < frames; start += ControlFrames)
        {
            var length = Math.Min(ControlFrames, frames - start);
            var last = start + length - 1;
            var changed = Update(azimuth[last], elevation[last], spread[last], lfe[last], _next);
            var slice = input.Slice(start, length);
            if (!changed)
            {
                // Constant parameters: one call for the rest of the block.
                if (azimuth.IsConstant && elevation.IsConstant && spread.IsConstant && lfe.IsConstant)
                {
                    MatrixMix.Mix(input.Slice(start, frames - start), _current, _current, output.Slice(start, frames - start));
                    return;
                }

                MatrixMix.Mix(slice, _current, _current, output.Slice(start, length));
                continue;
            }

            MatrixMix.Mix(slice, _current, _next, output.Slice(start, length));
            _next.CopyTo(_current, 0);
        }
    }

    /// <summary>Recomputes the gains into <paramref name="gains"/> when a parameter moved; returns whether it did.</summary>
    private bool Update(float azimuth, float elevation, float spread, float lfe, float[] gains)
    {
        if (azimuth == _lastAzimuth && elevation == _lastElevation && spread == _lastSpread && lfe == _lastLfe)
        {
            return false;
        }

        (_lastAzimuth, _lastElevation, _lastSpread, _lastLfe) = (azimuth, elevation, spread, lfe);
        Compute(azimuth, elevation, spread, lfe, gains);
        return true;
    }

    private void Compute(float azimuth, float elevation, float spread, float lfe, Span<float> gains)
    {
        _panner.ComputeGains(azimuth, elevation, spread, gains);
        if (_lfe >= 0)
        {
            gains[_lfe] = Decibels.ToGain(lfe);
        }
    }
}
