using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Processing;

namespace AudioPost.Sdk.Sources;

/// <summary>
/// Plays an audio file of any registered format on the timeline: file frame 0 sits at timeline frame 0, the source
/// is silent before it and after the file's end.
/// </summary>
/// <remarks>
/// <para><b>Positional reads.</b> Each <see cref="Read"/> decodes the frames at
/// <see cref="ProcessContext.TimelineFrame"/>. Consecutive blocks read on sequentially; a locate or loop (any block
/// that does not start where the previous one ended) seeks first. <see cref="Reset"/> therefore has nothing to
/// clear.</para>
/// <para><b>Blocking I/O.</b> <see cref="Read"/> does not allocate, but it reads the file synchronously, which can
/// stall for as long as the disk takes. That suits offline rendering; a real-time graph should not read files on the
/// audio thread (a later version adds a read-ahead thread for that).</para>
/// <para><b>No conversion.</b> The graph must run at the file's sample rate and with its channel count;
/// <see cref="Prepare"/> rejects anything else rather than play at the wrong speed.</para>
/// <para>Not thread-safe: one render thread at a time. Dispose it to close the file.</para>
/// </remarks>
public sealed class FileSource : IAudioSource, IDisposable
{
    private readonly IAudioFileReader _reader;
    private readonly bool _ownsReader;
    private bool _disposed;

    /// <summary>Opens the file at <paramref name="path"/> through <see cref="AudioFormatRegistry.Default"/>.</summary>
    /// <param name="path">The file to play.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="AudioFormatException">The file is not a registered format, or is malformed.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public FileSource(string path)
        : this(path, registry: null)
    {
    }

    /// <summary>Opens the file at <paramref name="path"/>, identifying its format by header bytes, then extension.</summary>
    /// <param name="path">The file to play.</param>
    /// <param name="registry">The formats to choose from, or <see langword="null"/> for <see cref="AudioFormatRegistry.Default"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="AudioFormatException">The file is not a registered format, or is malformed.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public FileSource(string path, AudioFormatRegistry? registry)
        : this((registry ?? AudioFormatRegistry.Default).OpenRead(path), leaveOpen: false)
    {
    }

    /// <summary>Plays an already opened reader.</summary>
    /// <param name="reader">The reader; this source moves its position.</param>
    /// <param name="leaveOpen"><see langword="true"/> to leave <paramref name="reader"/> undisposed when this source is disposed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    public FileSource(IAudioFileReader reader, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
        _ownsReader = !leaveOpen;
    }

    /// <summary>Gets what the file's header says: format, encoding, rate, layout, length.</summary>
    public AudioFileInfo Info => _reader.Info;

    /// <summary>Gets the file's channel count, which every block passed to <see cref="Read"/> must have.</summary>
    public int ChannelCount => _reader.Info.ChannelCount;

    /// <summary>Gets the file's length in frames; the source is silent from this timeline frame on.</summary>
    public long Length => _reader.Info.Frames;

    /// <summary>Checks that the graph runs at the file's sample rate and channel count. Allocates nothing.</summary>
    /// <param name="spec">The graph's rate, block size and this source's channel count.</param>
    /// <exception cref="ArgumentException">The rate or channel count differs from the file's.</exception>
    /// <exception cref="ObjectDisposedException">The source is disposed.</exception>
    public void Prepare(in ProcessSpec spec)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (spec.SampleRate != Info.SampleRate)
        {
            throw new ArgumentException(
                $"The file is {Info.SampleRate} Hz but the graph runs at {spec.SampleRate} Hz; FileSource does not resample.", nameof(spec));
        }

        if (spec.ChannelCount != ChannelCount)
        {
            throw new ArgumentException(
                $"The file has {ChannelCount} channel(s) but the spec asks for {spec.ChannelCount}.", nameof(spec));
        }
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with the file's frames from <see cref="ProcessContext.TimelineFrame"/> on,
    /// and silence where that range lies before frame 0 or past the end. Allocation-free, but blocking I/O (see remarks).
    /// </summary>
    /// <param name="destination">The block to fill; its channel count must be <see cref="ChannelCount"/>.</param>
    /// <param name="context">Where the block sits; only <see cref="ProcessContext.TimelineFrame"/> is used.</param>
    /// <exception cref="ArgumentException">The block's channel count differs from the file's.</exception>
    /// <exception cref="ObjectDisposedException">The source is disposed.</exception>
    /// <exception cref="IOException">The file failed.</exception>
    public void Read(AudioBlock destination, in ProcessContext context)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (destination.ChannelCount != ChannelCount)
        {
            ThrowChannelMismatch(nameof(destination), destination.ChannelCount, ChannelCount);
        }

        var frames = destination.FrameCount;
        var start = context.TimelineFrame;

        // Written as comparisons rather than -start so long.MinValue cannot overflow.
        var lead = start >= 0 ? 0 : start <= -frames ? frames : (int)-start;
        if (lead > 0)
        {
            destination.Slice(0, lead).Clear();
        }

        var filled = lead;
        var filePosition = start + lead;
        var length = _reader.Info.Frames;
        if (filled < frames && filePosition < length)
        {
            var available = (int)Math.Min(frames - filled, length - filePosition);
            if (_reader.Position != filePosition)
            {
                _reader.Seek(filePosition);
            }

            var end = filled + available;
            while (filled < end)
            {
                var read = _reader.Read(destination.Slice(filled, end - filled));
                if (read == 0)
                {
                    // The file is shorter than its header said; what is missing plays as silence.
                    break;
                }

                filled += read;
            }
        }

        if (filled < frames)
        {
            destination.Slice(filled).Clear();
        }
    }

    /// <summary>Does nothing: the read position follows the timeline, so there is no state to clear. Real-time safe.</summary>
    public void Reset()
    {
    }

    /// <summary>Closes the file (unless the reader was passed with <c>leaveOpen</c>). Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_ownsReader)
        {
            _reader.Dispose();
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowChannelMismatch(string paramName, int blockChannels, int fileChannels) =>
        throw new ArgumentException($"The block has {blockChannels} channel(s) but the file has {fileChannels}.", paramName);
}
