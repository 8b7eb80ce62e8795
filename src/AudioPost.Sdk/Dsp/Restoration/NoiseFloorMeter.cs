using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Dsp.Restoration;

/// <summary>
/// Measures a programme's noise floor: the 10th percentile of its 50 ms RMS frames (power averaged over channels), in
/// dBFS. Frames of digital silence (RMS exactly 0) are left out, so a file padded with zeros reports the floor of its
/// recorded audio. Memory does not grow with length (a histogram of 0.1 dB bins from −150 to +10 dBFS).
/// </summary>
/// <remarks>One thread at a time; <see cref="Process"/> does not allocate. The constructor allocates.</remarks>
public sealed class NoiseFloorMeter
{
    private const double LowestDb = -150;
    private const double BinDb = 0.1;
    private const int Bins = 1_600;

    private readonly long[] _histogram = new long[Bins];
    private readonly int _frameLength;
    private double _sum;
    private int _filled;
    private long _frames;

    /// <summary>Creates a meter.</summary>
    /// <param name="sampleRate">Sample rate in Hz, 1 or more (sets the 50 ms frame).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> is under 1.</exception>
    public NoiseFloorMeter(int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        _frameLength = Math.Max(1, sampleRate / 20);
    }

    /// <summary>The percentile reported, 10 (%).</summary>
    public const double Percentile = 10;

    /// <summary>Gets the number of non-silent 50 ms frames measured.</summary>
    public long FrameCount => _frames;

    /// <summary>Gets the noise floor in dBFS (0.1 dB resolution), or −∞ when no non-silent frame was measured.</summary>
    public double NoiseFloorDbfs
    {
        get
        {
            if (_frames == 0)
            {
                return double.NegativeInfinity;
            }

            var rank = (long)Math.Ceiling(_frames * Percentile / 100);
            long seen = 0;
            for (var bin = 0; bin < Bins; bin++)
            {
                seen += _histogram[bin];
                if (seen >= rank)
                {
                    return LowestDb + ((bin + 0.5) * BinDb);
                }
            }

            return LowestDb + (Bins * BinDb);
        }
    }

    /// <summary>Adds consecutive audio (any block size). Real-time safe.</summary>
    /// <param name="block">The audio, all channels.</param>
    public void Process(ReadOnlyAudioBlock block)
    {
        var channels = block.ChannelCount;
        if (channels == 0)
        {
            return;
        }

        for (var n = 0; n < block.FrameCount; n++)
        {
            var power = 0.0;
            for (var c = 0; c < channels; c++)
            {
                var x = (double)block[c][n];
                power += x * x;
            }

            _sum += power / channels;
            if (++_filled == _frameLength)
            {
                var mean = _sum / _frameLength;
                if (mean > 0)
                {
                    var db = 10 * Math.Log10(mean);
                    var bin = Math.Clamp((int)((db - LowestDb) / BinDb), 0, Bins - 1);
                    _histogram[bin]++;
                    _frames++;
                }

                _sum = 0;
                _filled = 0;
            }
        }
    }

    /// <summary>Clears the measurement.</summary>
    public void Reset()
    {
        Array.Clear(_histogram);
        _sum = 0;
        _filled = 0;
        _frames = 0;
    }
}
