using System.Globalization;
using System.Text;
using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Processing.Mixing;

/// <summary>
/// An immutable N-input × M-output table of linear gains: what a <see cref="ChannelMatrixProcessor"/>
/// applies. Output channel <c>m</c> is <c>Σₙ this[m, n] · input[n]</c>. Includes the ITU-R BS.775
/// downmixes, a simple stereo upmix and channel routing (pick, reorder, duplicate).
/// </summary>
/// <remarks>
/// Presets that take layouts match channels by <see cref="ChannelRole"/>, never by position, so a
/// 5.1 in film order (L C R Ls Rs LFE) downmixes as correctly as one in WAVE order. Thread-safe:
/// instances never change.
/// </remarks>
public sealed partial class ChannelMatrix
{
    /// <summary>1/√2 (−3.01 dB): the BS.775 coefficient for the centre and the surrounds in a stereo downmix.</summary>
    public const float MinusThreeDb = 0.70710678f;

    private readonly float[] _gains;

    private ChannelMatrix(int inputs, int outputs, float[] gains, ChannelLayout? inputLayout, ChannelLayout? outputLayout)
    {
        InputCount = inputs;
        OutputCount = outputs;
        _gains = gains;
        InputLayout = inputLayout;
        OutputLayout = outputLayout;
    }

    /// <summary>The largest number of inputs or outputs, as for <see cref="ChannelLayout"/>s.</summary>
    public const int MaxChannels = 64;

    /// <summary>Gets the number of input channels (N), 1 to <see cref="MaxChannels"/>.</summary>
    public int InputCount { get; }

    /// <summary>Gets the number of output channels (M), 1 to <see cref="MaxChannels"/>.</summary>
    public int OutputCount { get; }

    /// <summary>Gets the layout the inputs were matched against, when the matrix was built from layouts.</summary>
    public ChannelLayout? InputLayout { get; }

    /// <summary>Gets the layout of the outputs, when the matrix was built from layouts.</summary>
    public ChannelLayout? OutputLayout { get; }

    /// <summary>Gets the linear gain from input <paramref name="input"/> to output <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the matrix.</exception>
    public float this[int output, int input] => _gains[Index(output, input)];

    /// <summary>Gets the gains row-major (one row of <see cref="InputCount"/> gains per output channel).</summary>
    public ReadOnlySpan<float> Gains => _gains;

    /// <summary>Creates a matrix from row-major gains (one row of <paramref name="inputs"/> gains per output).</summary>
    /// <param name="inputs">Input channels, 1 to <see cref="MaxChannels"/>.</param>
    /// <param name="outputs">Output channels, 1 to <see cref="MaxChannels"/>.</param>
    /// <param name="gains"><paramref name="inputs"/> × <paramref name="outputs"/> finite linear gains, copied.</param>
    /// <exception cref="ArgumentException">The span has the wrong length or holds a non-finite gain.</exception>
    public static ChannelMatrix FromGains(int inputs, int outputs, ReadOnlySpan<float> gains)
    {
        ValidateSize(inputs, outputs);
        if (gains.Length != inputs * outputs)
        {
            throw new ArgumentException($"A {inputs}-in, {outputs}-out matrix needs {inputs * outputs} gains; got {gains.Length}.", nameof(gains));
        }

        foreach (var gain in gains)
        {
            if (!float.IsFinite(gain))
            {
                throw new ArgumentException("Matrix gains must be finite.", nameof(gains));
            }
        }

        return new ChannelMatrix(inputs, outputs, gains.ToArray(), null, null);
    }

    /// <summary>Creates the identity: each of <paramref name="channels"/> channels passes unchanged.</summary>
    public static ChannelMatrix Identity(int channels)
    {
        ValidateSize(channels, channels);
        var gains = new float[channels * channels];
        for (var c = 0; c < channels; c++)
        {
            gains[(c * channels) + c] = 1f;
        }

        return new ChannelMatrix(channels, channels, gains, null, null);
    }

    /// <summary>
    /// Creates a routing: output <c>m</c> is input <c>sourceForOutput[m]</c> at unity, or silence where the entry is −1.
    /// Picks, reorders and duplicates channels.
    /// </summary>
    /// <param name="inputs">Input channels, 1 to <see cref="MaxChannels"/>.</param>
    /// <param name="sourceForOutput">One entry per output: an input index or −1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An entry is outside −1 to <paramref name="inputs"/> − 1.</exception>
    public static ChannelMatrix Route(int inputs, params ReadOnlySpan<int> sourceForOutput)
    {
        ValidateSize(inputs, sourceForOutput.Length);
        var gains = new float[inputs * sourceForOutput.Length];
        for (var m = 0; m < sourceForOutput.Length; m++)
        {
            var source = sourceForOutput[m];
            if (source < -1 || source >= inputs)
            {
                throw new ArgumentOutOfRangeException(nameof(sourceForOutput), source, $"Output {m} names input {source}; inputs are 0 to {inputs - 1} (or -1 for silence).");
            }

            if (source >= 0)
            {
                gains[(m * inputs) + source] = 1f;
            }
        }

        return new ChannelMatrix(inputs, sourceForOutput.Length, gains, null, null);
    }

    /// <summary>
    /// Creates the routing that reorders <paramref name="from"/> into <paramref name="to"/> by role (see
    /// <see cref="ChannelLayout.GetRemap(ChannelLayout, ChannelLayout)"/>): channels with the same role connect at
    /// unity; a destination role the source lacks stays silent. Never mixes.
    /// </summary>
    public static ChannelMatrix Remap(ChannelLayout from, ChannelLayout to)
    {
        var map = ChannelLayout.GetRemap(from, to);
        var routed = Route(from.Count, map);
        return new ChannelMatrix(routed.InputCount, routed.OutputCount, routed._gains, from, to);
    }

    /// <summary>Returns the matrix that applies this one and then <paramref name="next"/> (the product <c>next × this</c>).</summary>
    /// <exception cref="ArgumentException"><paramref name="next"/> does not take <see cref="OutputCount"/> inputs.</exception>
    public ChannelMatrix Then(ChannelMatrix next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.InputCount != OutputCount)
        {
            throw new ArgumentException($"This matrix has {OutputCount} outputs; the next one takes {next.InputCount} inputs.", nameof(next));
        }

        var gains = new float[InputCount * next.OutputCount];
        for (var m = 0; m < next.OutputCount; m++)
        {
            for (var n = 0; n < InputCount; n++)
            {
                var sum = 0.0;
                for (var k = 0; k < OutputCount; k++)
                {
                    sum += (double)next[m, k] * this[k, n];
                }

                gains[(m * InputCount) + n] = (float)sum;
            }
        }

        return new ChannelMatrix(InputCount, next.OutputCount, gains, InputLayout, next.OutputLayout);
    }

    /// <summary>Gets the matrix as text, one output per line, for diagnostics.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{InputCount} in x {OutputCount} out");
        for (var m = 0; m < OutputCount; m++)
        {
            text.AppendLine().Append(OutputLayout is null ? m.ToString(CultureInfo.InvariantCulture) : OutputLayout[m].GetAbbreviation()).Append(':');
            for (var n = 0; n < InputCount; n++)
            {
                text.Append(CultureInfo.InvariantCulture, $" {this[m, n]:0.####}");
            }
        }

        return text.ToString();
    }

    private int Index(int output, int input)
    {
        if ((uint)output >= (uint)OutputCount || (uint)input >= (uint)InputCount)
        {
            throw new ArgumentOutOfRangeException(nameof(output), $"Entry [{output}, {input}] is outside a {InputCount}-in, {OutputCount}-out matrix.");
        }

        return (output * InputCount) + input;
    }

    private static void ValidateSize(int inputs, int outputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(inputs, MaxChannels);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(outputs, MaxChannels);
    }
}
