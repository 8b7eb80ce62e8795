using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Fourier;
using System.Numerics.Tensors;

namespace AudioPost.Sdk.Dsp.Restoration;

/// <summary>
/// A learned noise spectrum: the mean power per STFT bin of a noise-only stretch of audio, per channel, analysed with
/// the same frames and window as <see cref="SpectralDenoiser"/> at the same sample rate. Immutable.
/// </summary>
/// <remarks>
/// Give a <see cref="SpectralDenoiser"/> (or the noise-reduction processor) a profile to judge every frame against
/// this fixed spectrum instead of its continuous estimate: better when the noise is stationary and a clean noise-only
/// region exists (room tone before the first line), worse when the noise changes. Thread-safe (immutable).
/// </remarks>
public sealed class NoiseProfile
{
    private readonly float[][] _power;

    private NoiseProfile(int sampleRate, int frameSize, float[][] power, long frameCount)
    {
        SampleRate = sampleRate;
        FrameSize = frameSize;
        _power = power;
        AnalysedFrames = frameCount;
    }

    /// <summary>Gets the sample rate the profile was learned at, in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Gets the STFT frame size, in samples (<see cref="SpectralDenoiser.FrameSizeFor"/> of the rate).</summary>
    public int FrameSize { get; }

    /// <summary>Gets the number of bins per channel, FrameSize/2 + 1 (DC to Nyquist).</summary>
    public int BinCount => (FrameSize / 2) + 1;

    /// <summary>Gets the number of channels learned.</summary>
    public int ChannelCount => _power.Length;

    /// <summary>Gets how many STFT frames were averaged per channel.</summary>
    public long AnalysedFrames { get; }

    /// <summary>
    /// Gets the mean power per bin of <paramref name="channel"/> (a profile of one channel serves every channel).
    /// Units: squared magnitude of the unscaled FFT of a sqrt-Hann-windowed frame of full-scale samples.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channel"/> is negative.</exception>
    public ReadOnlySpan<float> GetPower(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        return _power[Math.Min(channel, _power.Length - 1)];
    }

    /// <summary>Returns the mean level of <paramref name="channel"/>'s noise as a per-sample RMS, in dBFS.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channel"/> is negative.</exception>
    public double GetLevelDb(int channel)
    {
        // Parseval: Σ_k |X_k|² over the full spectrum = N · Σ_n (w_n x_n)², and Σ w² = N/2 for sqrt-Hann.
        var power = GetPower(channel);
        double sum = power[0] + power[^1];
        for (var k = 1; k < power.Length - 1; k++)
        {
            sum += 2.0 * power[k];
        }

        var meanSquare = sum / ((double)FrameSize * FrameSize / 2.0);
        return 10.0 * Math.Log10(Math.Max(meanSquare, 1e-30));
    }

    /// <summary>
    /// Learns a profile from noise-only audio: the mean of the power spectra of all whole frames (hop = frame/4).
    /// Control thread; allocates.
    /// </summary>
    /// <param name="noise">Noise-only audio, one or more channels, at least <see cref="SpectralDenoiser.FrameSizeFor"/> frames long.</param>
    /// <param name="sampleRate">Its sample rate in Hz (<see cref="SpectralDenoiser.MinSampleRate"/> to <see cref="SpectralDenoiser.MaxSampleRate"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">The rate is outside the supported range.</exception>
    /// <exception cref="ArgumentException">No channels, or shorter than one frame.</exception>
    public static NoiseProfile Learn(ReadOnlyAudioBlock noise, int sampleRate)
    {
        var size = SpectralDenoiser.FrameSizeFor(sampleRate);
        if (noise.ChannelCount < 1 || noise.FrameCount < size)
        {
            throw new ArgumentException($"A noise profile at {sampleRate} Hz needs at least one channel and {size} frames; got {noise.ChannelCount} channels of {noise.FrameCount} frames.", nameof(noise));
        }

        var fft = new RealFft(size);
        var window = SpectralDenoiser.CreateWindow(size);
        var frame = new float[size];
        var spectrum = new float[fft.SpectrumLength];
        var hop = size / 4;
        var count = ((noise.FrameCount - size) / hop) + 1;
        var power = new float[noise.ChannelCount][];
        for (var c = 0; c < noise.ChannelCount; c++)
        {
            var sums = new double[fft.BinCount];
            var samples = noise[c];
            for (var f = 0; f < count; f++)
            {
                TensorPrimitives.Multiply(samples.Slice(f * hop, size), window, frame);
                fft.Forward(frame, spectrum);
                for (var k = 0; k < sums.Length; k++)
                {
                    var re = spectrum[2 * k];
                    var im = spectrum[(2 * k) + 1];
                    sums[k] += (re * re) + (im * im);
                }
            }

            power[c] = new float[fft.BinCount];
            for (var k = 0; k < sums.Length; k++)
            {
                power[c][k] = (float)(sums[k] / count);
            }
        }

        return new NoiseProfile(sampleRate, size, power, count);
    }
}
