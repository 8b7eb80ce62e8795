using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Mixing;

namespace AudioPost.Sdk.Processing.Mixing;

/// <summary>
/// Mixes N input channels into M output channels through a <see cref="ChannelMatrix"/>: downmixes (ITU-R BS.775
/// 5.1 → 2.0, 7.1 → 5.1, 5.1 → mono), upmixes, and routing (pick, reorder, duplicate channels). A new matrix set
/// while rendering is reached by a linear crossfade of every gain, so a routing change does not click.
/// </summary>
/// <remarks>
/// <para><see cref="SetMatrix"/> may be called from any thread, lock-free: the matrix is handed to the audio thread
/// by one atomic exchange and taken at the start of its next block (the latest one wins). The crossfade lasts
/// <see cref="SmoothingSeconds"/>; a matrix set again during a crossfade starts a new one from the gains reached.</para>
/// <para>No latency. Real-time safe: <c>Process</c> neither allocates nor locks.</para>
/// </remarks>
public sealed class ChannelMatrixProcessor : IAudioProcessor
{
    private ChannelMatrix? _pending;
    private ChannelMatrix _matrix;
    private float[] _current;
    private float[] _next;
    private float[] _target;
    private float[] _scratch = [];
    private int _rampFrames = 1;
    private int _rampLeft;
    private int _maxBlockFrames;

    /// <summary>Creates the node.</summary>
    /// <param name="matrix">The initial matrix; its input count is the only input width the node accepts.</param>
    /// <param name="smoothingSeconds">Crossfade time for later matrix changes, 0 to 10 s; default 20 ms.</param>
    public ChannelMatrixProcessor(ChannelMatrix matrix, double smoothingSeconds = 0.02)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentOutOfRangeException.ThrowIfNegative(smoothingSeconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(smoothingSeconds, 10.0);
        _matrix = matrix;
        _current = matrix.Gains.ToArray();
        _next = new float[_current.Length];
        _target = matrix.Gains.ToArray();
        SmoothingSeconds = smoothingSeconds;
    }

    /// <summary>Gets the number of input channels (N).</summary>
    public int InputCount => _matrix.InputCount;

    /// <summary>Gets the number of output channels (M).</summary>
    public int OutputCount => _matrix.OutputCount;

    /// <summary>Gets the crossfade time, in seconds, of matrix changes.</summary>
    public double SmoothingSeconds { get; }

    /// <summary>Gets the matrix most recently set (which the audio thread may still be fading to). Any thread.</summary>
    public ChannelMatrix Matrix => Volatile.Read(ref _pending) ?? Volatile.Read(ref _matrix);

    /// <summary>
    /// Sets a new matrix, reached by a crossfade of <see cref="SmoothingSeconds"/>. Any thread; lock-free.
    /// </summary>
    /// <exception cref="ArgumentException">The matrix has another shape (inputs × outputs) than the node.</exception>
    public void SetMatrix(ChannelMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.InputCount != InputCount || matrix.OutputCount != OutputCount)
        {
            throw new ArgumentException($"The node mixes {InputCount} into {OutputCount} channels; the matrix is {matrix.InputCount} into {matrix.OutputCount}.", nameof(matrix));
        }

        Volatile.Write(ref _pending, matrix);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The input width is not the matrix's input count.</exception>
    public int GetOutputChannelCount(int inputChannelCount) => inputChannelCount == InputCount
        ? OutputCount
        : throw new ArgumentOutOfRangeException(nameof(inputChannelCount), inputChannelCount, $"This matrix takes {InputCount} channel(s).");

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        GetOutputChannelCount(spec.ChannelCount);
        _maxBlockFrames = spec.MaxBlockFrames;
        _scratch = new float[InputCount * spec.MaxBlockFrames];
        _rampFrames = Math.Max(1, (int)Math.Round(SmoothingSeconds * spec.SampleRate));
    }

    /// <inheritdoc />
    public void Reset()
    {
        TakePending();
        _target.CopyTo(_current, 0);
        _rampLeft = 0;
    }

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        var frames = buffer.FrameCount;
        if (TakePending())
        {
            _rampLeft = _rampFrames;
        }

        // Every output reads every input, so the inputs move out of the way of the outputs first.
        var input = new AudioBlock(_scratch, InputCount, frames, _maxBlockFrames);
        buffer.SliceChannels(0, InputCount).CopyTo(input);
        var output = buffer.SliceChannels(0, OutputCount);
        var done = 0;
        if (_rampLeft > 0)
        {
            var count = Math.Min(frames, _rampLeft);
            var fraction = (float)count / _rampLeft;
            for (var i = 0; i < _next.Length; i++)
            {
                _next[i] = _current[i] + ((_target[i] - _current[i]) * fraction);
            }

            _rampLeft -= count;
            if (_rampLeft == 0)
            {
                _target.CopyTo(_next, 0);
            }

            MatrixMix.Mix(input.AsReadOnly().Slice(0, count), _current, _next, output.Slice(0, count));
            (_current, _next) = (_next, _current);
            done = count;
        }

        if (done < frames)
        {
            MatrixMix.Mix(input.AsReadOnly().Slice(done, frames - done), _current, _current, output.Slice(done, frames - done));
        }
    }

    private bool TakePending()
    {
        if (Interlocked.Exchange(ref _pending, null) is not { } matrix)
        {
            return false;
        }

        Volatile.Write(ref _matrix, matrix);
        matrix.Gains.CopyTo(_target);
        return true;
    }
}
