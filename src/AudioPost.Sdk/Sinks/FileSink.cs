using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.Formats.Wav;
using AudioPost.Sdk.Processing;

namespace AudioPost.Sdk.Sinks;

/// <summary>
/// Records the blocks it receives into an audio file of any registered format with an encoder.
/// </summary>
/// <remarks>
/// <para><b>Lifecycle.</b> <see cref="Prepare"/> creates (or overwrites) the file with the spec's sample rate and
/// <see cref="ChannelLayout.FromChannelCount"/> of its channel count; <see cref="Write"/> appends each block in call
/// order (timeline jumps are not reflected in the file); <see cref="Complete"/> finalises the header and closes the
/// file. Disposing without completing also finalises it.</para>
/// <para><b>Real-time safety.</b> <see cref="Write"/> does not allocate, but it performs blocking I/O when the
/// writer's buffer fills and at each header refresh (for WAV, once per second of audio), so it suits offline
/// rendering; a real-time graph should hand blocks to a writer thread instead (a later version adds one).</para>
/// <para>Not thread-safe: one render thread at a time.</para>
/// </remarks>
public sealed class FileSink : IAudioSink, IDisposable
{
    private readonly AudioFormatRegistry _registry;
    private readonly AudioMetadata _metadata = AudioMetadata.Empty;
    private IAudioFileWriter? _writer;
    private bool _completed;
    private bool _disposed;

    /// <summary>Describes the file to record; nothing is opened until <see cref="Prepare"/>.</summary>
    /// <param name="path">The file to create; an existing file is overwritten.</param>
    /// <param name="sampleFormat">How samples are stored; default 24-bit PCM.</param>
    /// <param name="fileFormat">The file format, or <see langword="null"/> for the format the registry associates with
    /// the extension of <paramref name="path"/>, or WAV when none does.</param>
    /// <param name="registry">The formats to choose from, or <see langword="null"/> for <see cref="AudioFormatRegistry.Default"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleFormat"/> is not a defined value.</exception>
    public FileSink(
        string path,
        SampleFormat sampleFormat = SampleFormat.Pcm24,
        IAudioFileFormat? fileFormat = null,
        AudioFormatRegistry? registry = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _ = sampleFormat.GetBytesPerSample();
        _registry = registry ?? AudioFormatRegistry.Default;
        Path = path;
        SampleFormat = sampleFormat;
        FileFormat = fileFormat
            ?? (_registry.TryGetFormatByExtension(path, out var byExtension) ? byExtension : WavFormat.Instance);
    }

    /// <summary>Gets the path of the file.</summary>
    public string Path { get; }

    /// <summary>Gets how samples are stored.</summary>
    public SampleFormat SampleFormat { get; }

    /// <summary>Gets the file format.</summary>
    public IAudioFileFormat FileFormat { get; }

    /// <summary>
    /// Gets the metadata stored in the file (for WAV: <c>bext</c> with its TimeReference, <c>iXML</c>, markers);
    /// default <see cref="AudioMetadata.Empty"/>. Set it before <see cref="Prepare"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public AudioMetadata Metadata
    {
        get => _metadata;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _metadata = value;
        }
    }

    /// <summary>Gets the number of frames written so far, 0 before <see cref="Prepare"/>.</summary>
    public long FramesWritten => _writer?.FramesWritten ?? 0;

    /// <summary>
    /// Creates the file for the spec's rate and channel count. Control thread: opens a file and allocates the
    /// writer's buffer. Calling it again before anything is written recreates the file for the new spec.
    /// </summary>
    /// <param name="spec">The graph's rate and this sink's input channel count (1 or more).</param>
    /// <exception cref="ArgumentOutOfRangeException">The channel count is 0 or above <see cref="ChannelLayout.MaxChannels"/>.</exception>
    /// <exception cref="InvalidOperationException">Frames were already written, or the sink is completed.</exception>
    /// <exception cref="ObjectDisposedException">The sink is disposed.</exception>
    /// <exception cref="NotSupportedException">The format has no encoder or cannot store the spec.</exception>
    /// <exception cref="IOException">The file cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written.</exception>
    public void Prepare(in ProcessSpec spec)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed || FramesWritten > 0)
        {
            throw new InvalidOperationException("The file already holds audio; create a new FileSink to record another.");
        }

        var layout = ChannelLayout.FromChannelCount(spec.ChannelCount);
        _writer?.Dispose();
        _writer = null;
        var options = _metadata.IsEmpty ? null : new EncoderOptions { Metadata = _metadata };
        _writer = _registry.Create(Path, new AudioSpec(spec.SampleRate, layout), SampleFormat, FileFormat, options);
    }

    /// <summary>Appends <paramref name="block"/> to the file. Allocation-free, but blocking I/O (see remarks).</summary>
    /// <param name="block">The frames; its channel count must be the prepared one.</param>
    /// <param name="context">Ignored: frames are written in call order.</param>
    /// <exception cref="InvalidOperationException">The sink is not prepared, or is completed.</exception>
    /// <exception cref="ArgumentException">The block's channel count differs from the prepared one.</exception>
    /// <exception cref="IOException">The file failed.</exception>
    public void Write(ReadOnlyAudioBlock block, in ProcessContext context)
    {
        if (_writer is null)
        {
            ThrowNotPrepared();
        }

        _writer.Write(block);
    }

    /// <summary>Does nothing: a file cannot take back what was written. Real-time safe.</summary>
    public void Reset()
    {
    }

    /// <summary>
    /// Finalises the header and closes the file. Idempotent; does nothing when the sink was never prepared. Control
    /// thread (blocking I/O).
    /// </summary>
    /// <exception cref="IOException">The file failed.</exception>
    public void Complete()
    {
        if (_completed || _writer is null)
        {
            return;
        }

        _completed = true;
        var writer = _writer;
        _writer = null;
        try
        {
            writer.Complete();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>Completes the file if that has not happened yet, and releases it. Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Complete();
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowNotPrepared() =>
        throw new InvalidOperationException("The sink has no open file: call Prepare first, and not after Complete.");
}
