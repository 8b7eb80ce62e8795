using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Filters;

namespace AudioPost.Sdk.Processing.Filters;

/// <summary>
/// A parametric equaliser: a fixed number of <see cref="ParametricEqBand"/>s in series on every channel, each with
/// its own type, frequency (Hz), Q, gain (dB) and enable switch, all automatable.
/// </summary>
/// <remarks>
/// <para>New bands are flat peaks (0 dB) spread logarithmically from 100 Hz to 10 kHz; a peak or shelf band at
/// exactly 0 dB, or a disabled band, costs nothing. No latency (reported as 0, bypassed or not); any channel count.
/// <see cref="Prepare"/> allocates (control thread); <see cref="Process"/> and <see cref="Reset"/> are real-time
/// safe. Bypass follows <see cref="IBypassable"/>.</para>
/// </remarks>
public sealed class ParametricEqProcessor : IAudioProcessor, IBypassable, IBoundedMemory
{
    /// <summary>The most bands an equaliser can have.</summary>
    public const int MaxBands = 32;

    private readonly ParametricEqBand[] _bands;
    private volatile bool _bypassed;

    /// <summary>Creates an equaliser of flat bands.</summary>
    /// <param name="bandCount">Number of bands, 1 to 32; default 4.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bandCount"/> is outside its range.</exception>
    public ParametricEqProcessor(int bandCount = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bandCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bandCount, MaxBands);
        _bands = new ParametricEqBand[bandCount];
        for (var i = 0; i < bandCount; i++)
        {
            var position = bandCount == 1 ? 0.5 : i / (double)(bandCount - 1);
            _bands[i] = new ParametricEqBand(BiquadType.Peak, (float)(100 * Math.Pow(100, position)));
        }
    }

    /// <summary>Gets the bands, lowest index first (the order they run in).</summary>
    public IReadOnlyList<ParametricEqBand> Bands => _bands;

    /// <inheritdoc />
    public bool IsBypassed
    {
        get => _bypassed;
        set => _bypassed = value;
    }

    /// <inheritdoc />
    /// <remarks>The bands run in series, so their memories add; a disabled band, or a peak or shelf at 0 dB, adds nothing.</remarks>
    public long MemoryFrames
    {
        get
        {
            var bypassed = _bypassed;
            var frames = 0L;
            foreach (var band in _bands)
            {
                frames = ProcessorMemory.Add(frames, band.MemoryFrames(bypassed));
            }

            return frames;
        }
    }

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        foreach (var band in _bands)
        {
            band.Prepare(spec);
        }
    }

    /// <inheritdoc />
    public void Reset()
    {
        foreach (var band in _bands)
        {
            band.Reset();
        }
    }

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        var bypassed = _bypassed;
        foreach (var band in _bands)
        {
            band.Process(buffer, context, bypassed);
        }
    }
}
