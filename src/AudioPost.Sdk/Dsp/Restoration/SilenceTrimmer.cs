namespace AudioPost.Sdk.Dsp.Restoration;

/// <summary>
/// Shortens long pauses: every run of quiet samples at least the minimum pause long and longer than the maximum kept is
/// cut to exactly the maximum, its head and tail joined by an equal-power cross-fade so the join does not click.
/// Whole-programme (offline): the output is shorter than the input, so this is not a graph node.
/// </summary>
/// <remarks>
/// <para><b>Detection.</b> A frame is quiet when every channel's absolute sample is under the threshold (dBFS, or
/// relative to the programme's sample peak); a pause is a run of quiet frames at least the minimum pause long (the
/// quiet instants around a waveform's zero crossings are far shorter). Set the threshold above the noise floor's peaks.</para>
/// <para><b>Shortening.</b> A pause of L frames longer than the maximum M keeps its first h = ⌈(M + F)/2⌉ and its last
/// M + F − h frames, overlapped by F fade frames (sin/cos gains), so the output pause is exactly M frames. Audio outside
/// pauses is copied untouched.</para>
/// <para>Thread-safe (no state); allocates the output; not for an audio thread.</para>
/// </remarks>
public static class SilenceTrimmer
{
    /// <summary>Trims the pauses of planar audio.</summary>
    /// <param name="channels">The programme, one array per channel, all the same length.</param>
    /// <param name="sampleRate">Sample rate in Hz, 1 or more.</param>
    /// <param name="options">Settings, or null for the defaults.</param>
    /// <returns>The trimmed audio and the pauses found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="channels"/> is null.</exception>
    /// <exception cref="ArgumentException">No channels, or channels of different lengths.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the fade longer than the maximum kept pause,
    /// the maximum shorter than the fade, negative times).</exception>
    public static SilenceTrimResult Trim(float[][] channels, int sampleRate, SilenceTrimOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        options ??= new SilenceTrimOptions();
        if (channels.Length == 0 || channels.Any(c => c is null || c.Length != channels[0].Length))
        {
            throw new ArgumentException("Give one or more channels of equal length.", nameof(channels));
        }

        var minPause = Frames(options.MinPauseMilliseconds, sampleRate, nameof(options.MinPauseMilliseconds));
        var maxKept = Frames(options.MaxPauseMilliseconds, sampleRate, nameof(options.MaxPauseMilliseconds));
        var fade = Frames(options.FadeMilliseconds, sampleRate, nameof(options.FadeMilliseconds));
        if (fade > maxKept)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The fade must not be longer than the maximum kept pause.");
        }

        if (!(options.ThresholdDb >= -120 && options.ThresholdDb <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ThresholdDb, "The threshold must be −120 to 0 dB.");
        }

        var length = channels[0].Length;
        var peak = 0f;
        foreach (var channel in channels)
        {
            foreach (var sample in channel)
            {
                peak = Math.Max(peak, Math.Abs(sample));
            }
        }

        var threshold = (float)(Math.Pow(10, options.ThresholdDb / 20) * (options.RelativeToPeak ? peak : 1));
        var pauses = new List<DetectedPause>();
        var runStart = -1;
        for (var n = 0; n <= length; n++)
        {
            var quiet = n < length && IsQuiet(channels, n, threshold);
            if (quiet && runStart < 0)
            {
                runStart = n;
            }
            else if (!quiet && runStart >= 0)
            {
                var run = n - runStart;
                if (run >= minPause)
                {
                    pauses.Add(new DetectedPause(runStart, run, Math.Min(run, maxKept)));
                }

                runStart = -1;
            }
        }

        var outputLength = length - pauses.Sum(p => (long)(p.Length - p.KeptLength));
        var output = new float[channels.Length][];
        for (var c = 0; c < channels.Length; c++)
        {
            output[c] = new float[outputLength];
            var source = channels[c];
            var destination = output[c];
            var read = 0;
            var write = 0;
            foreach (var pause in pauses)
            {
                if (pause.KeptLength == pause.Length)
                {
                    continue;
                }

                // Up to the end of the kept head, then the fade, then the tail after it.
                var head = (maxKept + fade + 1) / 2;
                var tail = maxKept + fade - head;
                var start = (int)pause.Start;
                var copy = start + head - fade - read;
                source.AsSpan(read, copy).CopyTo(destination.AsSpan(write));
                write += copy;
                var tailStart = start + pause.Length - tail;
                for (var i = 0; i < fade; i++)
                {
                    var angle = Math.PI / 2 * (i + 0.5) / fade;
                    destination[write + i] = (float)((source[start + head - fade + i] * Math.Cos(angle)) + (source[tailStart + i] * Math.Sin(angle)));
                }

                write += fade;
                read = tailStart + fade;
            }

            source.AsSpan(read).CopyTo(destination.AsSpan(write));
        }

        return new SilenceTrimResult { Channels = output, Pauses = pauses };
    }

    private static bool IsQuiet(float[][] channels, int n, float threshold)
    {
        foreach (var channel in channels)
        {
            if (Math.Abs(channel[n]) >= threshold)
            {
                return false;
            }
        }

        return true;
    }

    private static int Frames(double milliseconds, int sampleRate, string name)
    {
        if (!(milliseconds >= 0 && milliseconds <= 3_600_000))
        {
            throw new ArgumentOutOfRangeException(name, milliseconds, "Must be 0 to 3 600 000 ms.");
        }

        return (int)Math.Round(milliseconds * sampleRate / 1000);
    }
}
