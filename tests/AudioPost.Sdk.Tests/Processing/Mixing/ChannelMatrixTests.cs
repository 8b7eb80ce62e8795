using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing.Mixing;

namespace AudioPost.Sdk.Tests.Processing.Mixing;

public sealed class ChannelMatrixTests
{
    private const int Frames = 4800;

    // One tone per 5.1 channel (L R C LFE Ls Rs), each at its own frequency, so the downmix's share of each is measurable.
    private static readonly double[] Tones51 = [300, 500, 700, 60, 1100, 1300];

    private static float[][] Tones(double[] frequencies, float amplitude) =>
        [.. frequencies.Select(f => MixTestSignals.Sine(f, amplitude, Frames))];

    [Fact]
    public void Downmix51ToStereo_PerChannelTones_GiveTheBs775Levels()
    {
        var output = MixTestSignals.Run(new ChannelMatrixProcessor(ChannelMatrix.Downmix51ToStereo()), Tones(Tones51, 0.5f));

        // Lo = L + 0.7071 C + 0.7071 Ls (LFE dropped); Ro mirrors with R and Rs.
        double[] expectedLo = [0.5, 0, 0.35355, 0, 0.35355, 0];
        double[] expectedRo = [0, 0.5, 0.35355, 0, 0, 0.35355];
        for (var k = 0; k < Tones51.Length; k++)
        {
            Assert.Equal(expectedLo[k], MixTestSignals.Amplitude(output[0], Tones51[k]), 1e-4);
            Assert.Equal(expectedRo[k], MixTestSignals.Amplitude(output[1], Tones51[k]), 1e-4);
        }
    }

    [Fact]
    public void Downmix51ToStereo_ConfiguredCoefficients_AreApplied()
    {
        var output = MixTestSignals.Run(new ChannelMatrixProcessor(ChannelMatrix.Downmix51ToStereo(center: 0.5f, surround: 0.25f, lfe: 0.1f)), Tones(Tones51, 1f));

        Assert.Equal(0.5, MixTestSignals.Amplitude(output[0], 700), 1e-4);
        Assert.Equal(0.25, MixTestSignals.Amplitude(output[0], 1100), 1e-4);
        Assert.Equal(0.1, MixTestSignals.Amplitude(output[1], 60), 1e-4);
        Assert.Equal(0.0, MixTestSignals.Amplitude(output[1], 1100), 1e-4);
    }

    [Fact]
    public void Downmix51ToStereo_FilmOrderInput_MatchesByRoleNotPosition()
    {
        var film = ChannelLayout.Parse("custom(L C R Ls Rs LFE)");
        var matrix = ChannelMatrix.Downmix51ToStereo(film);

        Assert.Equal(1f, matrix[0, 0]);                          // L → Lo
        Assert.Equal(ChannelMatrix.MinusThreeDb, matrix[0, 1]);  // C → Lo
        Assert.Equal(1f, matrix[1, 2]);                          // R → Ro
        Assert.Equal(ChannelMatrix.MinusThreeDb, matrix[1, 4]);  // Rs → Ro
        Assert.Equal(0f, matrix[0, 5]);                          // LFE dropped
    }

    [Fact]
    public void Downmix71To51_FoldsSideAndRearPairs()
    {
        // 7.1 WAVE order: L R C LFE Lrs Rrs Lss Rss.
        double[] tones = [300, 500, 700, 60, 900, 1100, 1300, 1500];
        var output = MixTestSignals.Run(new ChannelMatrixProcessor(ChannelMatrix.Downmix71To51()), Tones(tones, 0.5f));

        Assert.Equal(6, output.Length);
        Assert.Equal(0.5, MixTestSignals.Amplitude(output[3], 60), 1e-4);          // LFE passes
        Assert.Equal(0.35355, MixTestSignals.Amplitude(output[4], 1300), 1e-4);    // Lss → Ls at −3 dB
        Assert.Equal(0.35355, MixTestSignals.Amplitude(output[4], 900), 1e-4);     // Lrs → Ls at −3 dB
        Assert.Equal(0.0, MixTestSignals.Amplitude(output[4], 1100), 1e-4);        // Rrs stays right
        Assert.Equal(0.35355, MixTestSignals.Amplitude(output[5], 1100), 1e-4);
    }

    [Fact]
    public void Downmix51ToMono_CentreKeepsItsLevel()
    {
        var output = MixTestSignals.Run(new ChannelMatrixProcessor(ChannelMatrix.Downmix51ToMono()), Tones(Tones51, 0.5f));

        Assert.Single(output);
        Assert.Equal(0.5, MixTestSignals.Amplitude(output[0], 700), 1e-4);
        Assert.Equal(0.35355, MixTestSignals.Amplitude(output[0], 300), 1e-4);
        Assert.Equal(0.25, MixTestSignals.Amplitude(output[0], 1100), 1e-4);
        Assert.Equal(0.0, MixTestSignals.Amplitude(output[0], 60), 1e-4);
    }

    [Fact]
    public void UpmixStereoTo51_IsTheDocumentedMatrix()
    {
        var m = ChannelMatrix.UpmixStereoTo51();

        float[] expected =
        [
            1, 0,       // L
            0, 1,       // R
            0.5f, 0.5f, // C
            0, 0,       // LFE
            0.5f, 0,    // Ls
            0, 0.5f,    // Rs
        ];
        Assert.Equal(expected, m.Gains.ToArray());
    }

    [Fact]
    public void Process_RandomMatrix_MatchesHandComputedSums()
    {
        var random = new Random(7);
        const int inputs = 3, outputs = 4;
        var gains = new float[inputs * outputs];
        for (var i = 0; i < gains.Length; i++)
        {
            gains[i] = (float)((random.NextDouble() * 2) - 1);
        }

        var input = new float[inputs][];
        for (var n = 0; n < inputs; n++)
        {
            input[n] = [.. Enumerable.Range(0, 1000).Select(_ => (float)((random.NextDouble() * 2) - 1))];
        }

        var output = MixTestSignals.Run(new ChannelMatrixProcessor(ChannelMatrix.FromGains(inputs, outputs, gains)), input, block: 100);

        for (var m = 0; m < outputs; m++)
        {
            for (var i = 0; i < 1000; i++)
            {
                var expected = 0.0;
                for (var n = 0; n < inputs; n++)
                {
                    expected += gains[(m * inputs) + n] * input[n][i];
                }

                Assert.Equal(expected, output[m][i], 1e-5);
            }
        }
    }

    [Fact]
    public void Route_PicksReordersAndDuplicates()
    {
        var input = new float[][] { [1, 1], [2, 2], [3, 3] };

        var output = MixTestSignals.Run(new ChannelMatrixProcessor(ChannelMatrix.Route(3, 2, 0, 0, -1)), input);

        Assert.Equal([3f, 3f], output[0]);
        Assert.Equal([1f, 1f], output[1]);
        Assert.Equal([1f, 1f], output[2]);
        Assert.Equal([0f, 0f], output[3]);
    }

    [Fact]
    public void Remap_FilmToWaveOrder_RoutesByRole()
    {
        var film = ChannelLayout.Parse("custom(L C R Ls Rs LFE)");
        var m = ChannelMatrix.Remap(film, ChannelLayout.Surround51);

        Assert.Equal(1f, m[2, 1]); // C (film 1) → WAVE 2
        Assert.Equal(1f, m[3, 5]); // LFE (film 5) → WAVE 3
        Assert.Equal(6f, m.Gains.ToArray().Sum());
    }

    [Fact]
    public void Convert_714ToStereo_ChainsThePresets()
    {
        var m = ChannelMatrix.Convert(ChannelLayout.Surround714, ChannelLayout.Stereo);

        // Ltf → L (−3 dB) → Lo: 0.7071; Ltr → Lrs (−3 dB) → Ls (−3 dB) → Lo (−3 dB): 0.3536.
        Assert.Equal(ChannelMatrix.MinusThreeDb, m[0, ChannelLayout.Surround714.IndexOf(ChannelRole.TopFrontLeft)], 1e-6);
        Assert.Equal(0.35355, m[0, ChannelLayout.Surround714.IndexOf(ChannelRole.TopBackLeft)], 1e-5);
        Assert.Equal(0f, m[1, ChannelLayout.Surround714.IndexOf(ChannelRole.TopBackLeft)]);
        Assert.Equal(ChannelLayout.Stereo, m.OutputLayout);
    }

    [Fact]
    public void Convert_MonoToStereoAnd51_UsesCentreOrMinusThreeDb()
    {
        var stereo = ChannelMatrix.Convert(ChannelLayout.Mono, ChannelLayout.Stereo);
        var surround = ChannelMatrix.Convert(ChannelLayout.Mono, ChannelLayout.Surround51);

        Assert.Equal([ChannelMatrix.MinusThreeDb, ChannelMatrix.MinusThreeDb], stereo.Gains.ToArray());
        Assert.Equal([0f, 0f, 1f, 0f, 0f, 0f], surround.Gains.ToArray());
    }

    [Fact]
    public void SetMatrix_WhileRendering_CrossfadesWithoutAStep()
    {
        var processor = new ChannelMatrixProcessor(ChannelMatrix.Route(2, 0, 1));
        var swapped = ChannelMatrix.Route(2, 1, 0);
        var input = new float[][] { Enumerable.Repeat(1f, 9600).ToArray(), Enumerable.Repeat(-1f, 9600).ToArray() };

        var output = MixTestSignals.Run(processor, input, block: 256, beforeBlock: offset =>
        {
            if (offset == 2560)
            {
                processor.SetMatrix(swapped);
            }
        });

        // 20 ms crossfade: 960 frames to move by 2, so no step larger than 2/960.
        Assert.True(MixTestSignals.MaxStep(output[0]) <= (2f / 960) + 1e-6f, $"max step {MixTestSignals.MaxStep(output[0])}");
        Assert.Equal(1f, output[0][2559]);
        Assert.Equal(-1f, output[0][2560 + 960], 5);
        Assert.Equal(1f, output[1][9599], 5);
        Assert.Same(swapped, processor.Matrix);
    }

    [Fact]
    public void SetMatrix_OtherShape_Throws()
    {
        var processor = new ChannelMatrixProcessor(ChannelMatrix.Identity(2));

        Assert.Throws<ArgumentException>(() => processor.SetMatrix(ChannelMatrix.Identity(3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => processor.GetOutputChannelCount(3));
    }

    [Fact]
    public void Then_ComposesLikeMatrixMultiplication()
    {
        var a = ChannelMatrix.FromGains(2, 2, [1, 2, 3, 4]);
        var b = ChannelMatrix.FromGains(2, 1, [10, 100]);

        // b × a = [10·1 + 100·3, 10·2 + 100·4].
        Assert.Equal([310f, 420f], a.Then(b).Gains.ToArray());
    }
}
