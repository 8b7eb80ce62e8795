using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Restoration;
using BenchmarkDotNet.Attributes;

namespace AudioPost.Sdk.Benchmarks.Processing;

/// <summary>The de-clicker on mono music with clicks, one 1024-frame block (one segment) per operation.</summary>
/// <remarks>
/// The input is 4 s of three sustained tones of six partials each (the tests' music-like material) with a click of 1
/// to 50 samples every 100 to 200 ms, played in a loop, so the cost per frame includes detection on every segment and
/// the repairs at the rate of the quality tests. <see cref="Order"/> 32 was the default before order 64.
/// </remarks>
public class DeClickBenchmarks
{
    private const int Rate = 48_000;

    private float[] _input = null!;
    private float[] _storage = null!;
    private DeClickProcessor _processor = null!;
    private int _position;
    private long _frame;

    [Params(1024)]
    public int BlockSize { get; set; }

    [Params(32, 64)]
    public int Order { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        _input = new float[4 * Rate];
        var phases = new double[3];
        var pitches = new double[3];
        for (var n = 0; n < _input.Length; n++)
        {
            if (n % (Rate / 2) == 0)
            {
                for (var v = 0; v < 3; v++)
                {
                    pitches[v] = 110 * Math.Pow(2, random.Next(0, 36) / 12.0);
                }
            }

            var t = (double)(n % (Rate / 2)) / Rate;
            var sample = 0.0;
            for (var v = 0; v < 3; v++)
            {
                phases[v] += 2 * Math.PI * pitches[v] * (1 + (0.003 * Math.Sin(2 * Math.PI * 5 * n / Rate))) / Rate;
                for (var k = 1; k <= 6; k++)
                {
                    sample += Math.Exp(-t * k * 1.5) / k * Math.Sin(k * phases[v]);
                }
            }

            _input[n] = (float)((0.25 * sample / 3) + (0.00055 * ((random.NextDouble() * 2) - 1)));
        }

        for (var at = Rate / 10; at < _input.Length - 64; at += (Rate / 10) + random.Next(Rate / 10))
        {
            var length = 1 + random.Next(50);
            var peak = 0.05 + (0.45 * random.NextDouble());
            for (var i = 0; i < length; i++)
            {
                _input[at + i] += (float)(peak * Math.Exp(-3.0 * i / length) * (i % 3 == 2 ? -0.6 : 1));
            }
        }

        _storage = new float[BlockSize];
        _processor = new DeClickProcessor(order: Order);
        _processor.Prepare(new ProcessSpec(Rate, BlockSize, 1));
    }

    [Benchmark]
    public void MusicWithClicks()
    {
        if (_position + BlockSize > _input.Length)
        {
            _position = 0;
        }

        _input.AsSpan(_position, BlockSize).CopyTo(_storage);
        _position += BlockSize;
        _processor.Process(new AudioBlock(_storage, 1, BlockSize), new ProcessContext(_frame, _frame, Rate, true));
        _frame += BlockSize;
    }
}
