using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Restoration;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Restoration;
using BenchmarkDotNet.Attributes;

namespace AudioPost.Sdk.Benchmarks.Processing;

/// <summary>The vocal-media processors (issue 8) at 48 kHz, one block per operation, on a noisy, humming voice.</summary>
/// <remarks>
/// The input is 4 s of a voice-like signal played in a loop: a harmonic series on a gliding 100–140 Hz pitch, shaped
/// into four syllables a second with pauses between, plus a white noise floor 30 dB under the voice; the hum input adds
/// 50 Hz mains hum with seven harmonics 35 dB under it. The spectral stage's work per frame is the same on any input;
/// hum removal is not: on <see cref="HumRemoval.Auto"/> (the default) both the 50 and the 60 Hz model learn in the
/// background until hum is found (<see cref="NoiseReductionDefault"/>, plain input), then only the one found runs
/// (<see cref="NoiseReductionWithHumRemoval"/>, hum input). Each operation first copies a fresh input block (the
/// processors work in place), as <see cref="NodeBenchmarks"/> does.
/// </remarks>
public class VocalBenchmarks
{
    private const int Rate = 48_000;

    private float[] _plain = null!;
    private float[] _hum = null!;
    private float[] _storage = null!;
    private NoiseReductionProcessor _noiseReduction = null!;
    private NoiseReductionProcessor _noiseReductionDefault = null!;
    private NoiseReductionProcessor _noiseReductionWithHum = null!;
    private DeHumProcessor _deHum = null!;
    private LevelerProcessor _leveler = null!;
    private int _position;
    private long _frame;

    [Params(1024)]
    public int BlockSize { get; set; }

    [Params(1, 2)]
    public int Channels { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(8);
        var frames = 4 * Rate;
        _plain = new float[frames * Channels];
        _hum = new float[frames * Channels];
        var phase = 0.0;
        for (var n = 0; n < frames; n++)
        {
            var t = (double)n / Rate;
            var pitch = 120 + (20 * Math.Sin(2 * Math.PI * 0.7 * t));
            phase += 2 * Math.PI * pitch / Rate;
            var syllable = Math.Max(0, Math.Sin(2 * Math.PI * 4 * t));
            var voice = 0.0;
            for (var k = 1; k <= 30; k++)
            {
                voice += Math.Sin(k * phase) / k;
            }

            var hum = 0.0;
            for (var k = 1; k <= 8; k++)
            {
                hum += Math.Sin(2 * Math.PI * 50 * k * t) / k;
            }

            var sample = (0.2 * syllable * syllable * voice) + (0.006 * ((random.NextDouble() * 2) - 1));
            for (var c = 0; c < Channels; c++)
            {
                _plain[(c * frames) + n] = (float)sample;
                _hum[(c * frames) + n] = (float)(sample + (0.0035 * hum));
            }
        }

        _storage = new float[Channels * BlockSize];
        var spec = new ProcessSpec(Rate, BlockSize, Channels);
        _noiseReduction = new NoiseReductionProcessor { HumRemoval = HumRemoval.Off };
        _noiseReduction.Prepare(spec);
        _noiseReductionDefault = new NoiseReductionProcessor();
        _noiseReductionDefault.Prepare(spec);
        _noiseReductionWithHum = new NoiseReductionProcessor();
        _noiseReductionWithHum.Prepare(spec);
        _deHum = new DeHumProcessor(HumFrequency.Hz50);
        _deHum.Prepare(spec);
        _leveler = new LevelerProcessor();
        _leveler.Prepare(spec);
    }

    /// <summary>Spectral noise reduction, continuous estimate, hum removal off.</summary>
    [Benchmark]
    public void NoiseReduction() => Run(_noiseReduction, _plain);

    /// <summary>Spectral noise reduction at its defaults on audio without hum (both hum models learning).</summary>
    [Benchmark]
    public void NoiseReductionDefault() => Run(_noiseReductionDefault, _plain);

    /// <summary>Spectral noise reduction at its defaults on audio with hum (the 50 Hz canceller engaged).</summary>
    [Benchmark]
    public void NoiseReductionWithHumRemoval() => Run(_noiseReductionWithHum, _hum);

    /// <summary>De-hum: 50 Hz and seven harmonics, drift tracking on.</summary>
    [Benchmark]
    public void DeHum() => Run(_deHum, _hum);

    /// <summary>The speech-aware leveler with its default 200 ms look-ahead.</summary>
    [Benchmark]
    public void Leveler() => Run(_leveler, _plain);

    private void Run(IAudioProcessor processor, float[] input)
    {
        var frames = input.Length / Channels;
        if (_position + BlockSize > frames)
        {
            _position = 0;
        }

        for (var c = 0; c < Channels; c++)
        {
            input.AsSpan((c * frames) + _position, BlockSize).CopyTo(_storage.AsSpan(c * BlockSize, BlockSize));
        }

        _position += BlockSize;
        processor.Process(new AudioBlock(_storage, Channels, BlockSize), new ProcessContext(_frame, _frame, Rate, true));
        _frame += BlockSize;
    }
}
