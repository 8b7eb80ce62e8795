using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats.Aiff;
using AudioPost.Sdk.Formats.Wav;

namespace AudioPost.Sdk.Formats;

/// <summary>
/// The formats the SDK can read and write, and the single place that picks one for a file: by its header bytes
/// first, and by its file extension only when no detector recognises the header.
/// </summary>
/// <remarks>
/// <para>Immutable and thread-safe: build one with <see cref="AudioFormatRegistryBuilder"/> (or use
/// <see cref="Default"/>) and share it. Every member may be called concurrently from any thread.</para>
/// <para>Opening and creating files performs blocking I/O; nothing here is real-time safe.</para>
/// </remarks>
public sealed class AudioFormatRegistry
{
    // Detectors declare their own header sizes; anything beyond this comes from the pool rather than the stack.
    private const int StackHeaderLimit = 256;

    private readonly AudioFormatRegistration[] _registrations;

    internal AudioFormatRegistry(AudioFormatRegistration[] registrations)
    {
        _registrations = registrations;
        Formats = Array.AsReadOnly(Array.ConvertAll(registrations, r => r.Format));
        var headerSize = 0;
        foreach (var registration in registrations)
        {
            headerSize = Math.Max(headerSize, registration.Detector.HeaderSize);
        }

        MaxHeaderSize = headerSize;
    }

    /// <summary>Gets the shared registry holding the SDK's built-in formats (currently <see cref="WavFormat"/> through <see cref="WavModule"/> and <see cref="AiffFormat"/> through <see cref="AiffModule"/>).</summary>
    public static AudioFormatRegistry Default { get; } = new AudioFormatRegistryBuilder().AddModule(new WavModule()).AddModule(new AiffModule()).Build();

    /// <summary>Gets the registered formats in detection order.</summary>
    public IReadOnlyList<IAudioFileFormat> Formats { get; }

    /// <summary>Gets the number of leading bytes detection reads: the largest <see cref="IAudioFormatDetector.HeaderSize"/>, 0 when empty.</summary>
    public int MaxHeaderSize { get; }

    /// <summary>Returns a builder holding this registry's formats, to extend or override them.</summary>
    /// <returns>A new builder; changing it does not change this registry.</returns>
    public AudioFormatRegistryBuilder ToBuilder() => new(_registrations);

    /// <summary>
    /// Identifies a format from a file's first bytes; when no detector recognises them and <paramref name="fileName"/>
    /// is given, from its extension.
    /// </summary>
    /// <param name="header">The file's first bytes, ideally <see cref="MaxHeaderSize"/> of them (fewer when the file is shorter).</param>
    /// <param name="fileName">The file's name or path, used only as a fallback; <see langword="null"/> to rely on the header alone.</param>
    /// <param name="format">The format found, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when a format was found.</returns>
    public bool TryDetect(ReadOnlySpan<byte> header, string? fileName, [NotNullWhen(true)] out IAudioFileFormat? format)
    {
        foreach (var registration in _registrations)
        {
            if (registration.Detector.TryDetectFormat(header, out format))
            {
                return true;
            }
        }

        return TryGetFormatByExtension(fileName, out format);
    }

    /// <summary>
    /// Identifies the format of the file in <paramref name="stream"/> from its first bytes, falling back to
    /// <paramref name="fileName"/>'s extension, and leaves the stream where it was.
    /// </summary>
    /// <param name="stream">A readable, seekable stream positioned at the start of the file.</param>
    /// <param name="fileName">The file's name or path for the extension fallback, or <see langword="null"/>.</param>
    /// <returns>The format.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot be read or seeked.</exception>
    /// <exception cref="AudioFormatException">No registered format recognises the file.</exception>
    /// <exception cref="IOException">The stream failed.</exception>
    public IAudioFileFormat Detect(Stream stream, string? fileName = null)
    {
        RequireReadableSeekable(stream);
        var start = stream.Position;
        byte[]? rented = null;
        Span<byte> buffer = MaxHeaderSize <= StackHeaderLimit
            ? stackalloc byte[StackHeaderLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(MaxHeaderSize));
        try
        {
            var header = buffer[..stream.ReadAtLeast(buffer[..MaxHeaderSize], MaxHeaderSize, throwOnEndOfStream: false)];
            stream.Position = start;
            if (TryDetect(header, fileName, out var format))
            {
                return format;
            }

            throw new AudioFormatException(DescribeUnknown(header), start, fileName, innerException: null);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Finds a registered format that lists the extension of <paramref name="fileName"/> (case-insensitive).</summary>
    /// <param name="fileName">A file name or path ("take1.WAV"), or a bare extension with its dot (".wav"); may be null.</param>
    /// <param name="format">The first matching format in detection order, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when a format lists the extension.</returns>
    public bool TryGetFormatByExtension(string? fileName, [NotNullWhen(true)] out IAudioFileFormat? format)
    {
        format = null;
        var extension = Path.GetExtension(fileName.AsSpan());
        if (extension.Length < 2)
        {
            return false;
        }

        extension = extension[1..];
        foreach (var registration in _registrations)
        {
            foreach (var candidate in registration.Format.FileExtensions)
            {
                if (extension.Equals(candidate, StringComparison.OrdinalIgnoreCase))
                {
                    format = registration.Format;
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Gets the decoder registered for <paramref name="format"/>.</summary>
    /// <param name="format">A registered format.</param>
    /// <returns>The decoder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="format"/> is null.</exception>
    /// <exception cref="NotSupportedException"><paramref name="format"/> is not registered.</exception>
    public IAudioDecoder GetDecoder(IAudioFileFormat format) => GetRegistration(format).Decoder;

    /// <summary>Gets the encoder registered for <paramref name="format"/>.</summary>
    /// <param name="format">A registered format.</param>
    /// <returns>The encoder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="format"/> is null.</exception>
    /// <exception cref="NotSupportedException"><paramref name="format"/> is not registered, or is registered without an encoder.</exception>
    public IAudioEncoder GetEncoder(IAudioFileFormat format) =>
        TryGetEncoder(format, out var encoder)
            ? encoder
            : throw new NotSupportedException($"The '{format.Name}' format is registered without an encoder: it can be read but not written.");

    /// <summary>Gets the encoder registered for <paramref name="format"/>, if there is one.</summary>
    /// <param name="format">A registered format.</param>
    /// <param name="encoder">The encoder, or <see langword="null"/> when the format is read-only.</param>
    /// <returns><see langword="true"/> when the format has an encoder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="format"/> is null.</exception>
    /// <exception cref="NotSupportedException"><paramref name="format"/> is not registered.</exception>
    public bool TryGetEncoder(IAudioFileFormat format, [NotNullWhen(true)] out IAudioEncoder? encoder)
    {
        encoder = GetRegistration(format).Encoder;
        return encoder is not null;
    }

    /// <summary>Opens the audio file at <paramref name="path"/> for reading with the default options; see <see cref="OpenRead(string, DecoderOptions?)"/>.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>A reader that owns the file; dispose it.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="AudioFormatException">The file is not a registered format, or is malformed.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public IAudioFileReader OpenRead(string path) => OpenRead(path, options: null);

    /// <summary>Opens the audio file at <paramref name="path"/> for reading, identifying its format by header, then extension.</summary>
    /// <param name="path">The file's path. It is opened for reading with sharing for readers and writers, so a file
    /// still being recorded can be read up to its last header refresh.</param>
    /// <param name="options">Decoding options, or <see langword="null"/> for the defaults. <see cref="DecoderOptions.LeaveOpen"/>
    /// is ignored: the reader always owns the file.</param>
    /// <returns>A reader that owns the file; dispose it.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="AudioFormatException">The file is not a registered format, or is malformed; <see cref="AudioFormatException.FilePath"/> is <paramref name="path"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public IAudioFileReader OpenRead(string path, DecoderOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            var format = Detect(stream, path);
            return GetDecoder(format).Open(stream, (options ?? DecoderOptions.Default).WithLeaveOpen(false));
        }
        catch (AudioFormatException exception)
        {
            stream.Dispose();
            exception.SetFilePathIfMissing(path);
            throw;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Opens the audio file in <paramref name="stream"/> with the default options (the reader owns the stream); see <see cref="OpenRead(Stream, DecoderOptions?)"/>.</summary>
    /// <param name="stream">A readable, seekable stream positioned at the start of the file.</param>
    /// <returns>The reader; dispose it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot be read or seeked.</exception>
    /// <exception cref="AudioFormatException">The stream holds no registered format, or a malformed file.</exception>
    /// <exception cref="IOException">The stream failed.</exception>
    public IAudioFileReader OpenRead(Stream stream) => OpenRead(stream, options: null);

    /// <summary>Opens the audio file in <paramref name="stream"/>, identifying its format by its header bytes only.</summary>
    /// <param name="stream">A readable, seekable stream positioned at the start of the file.</param>
    /// <param name="options">Decoding options, or <see langword="null"/> for the defaults (the reader then owns the stream).</param>
    /// <returns>The reader; dispose it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot be read or seeked.</exception>
    /// <exception cref="AudioFormatException">The stream holds no registered format, or a malformed file.</exception>
    /// <exception cref="IOException">The stream failed.</exception>
    public IAudioFileReader OpenRead(Stream stream, DecoderOptions? options)
    {
        var format = Detect(stream);
        return GetDecoder(format).Open(stream, options);
    }

    /// <summary>
    /// Creates (or overwrites) the file at <paramref name="path"/> in the format its extension names, or WAV when no
    /// registered format claims the extension, with the encoder's default options.
    /// </summary>
    /// <param name="path">The file's path.</param>
    /// <param name="spec">The sample rate and channel layout of the frames that will be written.</param>
    /// <param name="sampleFormat">How samples are stored.</param>
    /// <returns>The writer, owning the file; complete and dispose it.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty, or <paramref name="spec"/> is the default value.</exception>
    /// <exception cref="NotSupportedException">The chosen format has no encoder, or cannot store the spec or sample format.</exception>
    /// <exception cref="IOException">The file cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written.</exception>
    public IAudioFileWriter Create(string path, AudioSpec spec, SampleFormat sampleFormat) =>
        Create(path, spec, sampleFormat, format: null, options: null);

    /// <summary>Creates (or overwrites) the file at <paramref name="path"/>.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="spec">The sample rate and channel layout of the frames that will be written.</param>
    /// <param name="sampleFormat">How samples are stored.</param>
    /// <param name="format">A registered format with an encoder, or <see langword="null"/> for the format the
    /// extension of <paramref name="path"/> names, or WAV when no registered format claims it.</param>
    /// <param name="options">Encoding options, or <see langword="null"/> for the encoder's defaults.
    /// <see cref="EncoderOptions.LeaveOpen"/> is ignored: the writer always owns the file.</param>
    /// <returns>The writer, owning the file; complete and dispose it.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty, or <paramref name="spec"/> is the default value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleFormat"/> is not a defined value.</exception>
    /// <exception cref="NotSupportedException">The format is not registered, has no encoder, or cannot store the spec or sample format.</exception>
    /// <exception cref="IOException">The file cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written.</exception>
    public IAudioFileWriter Create(
        string path, AudioSpec spec, SampleFormat sampleFormat, IAudioFileFormat? format, EncoderOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (spec.Layout is null)
        {
            // Checked here as well as in the encoder so a bad call does not truncate an existing file first.
            throw new ArgumentException("The spec is the default value; it needs a sample rate and a channel layout.", nameof(spec));
        }

        _ = sampleFormat.GetBytesPerSample();
        format ??= TryGetFormatByExtension(path, out var byExtension) ? byExtension : WavFormat.Instance;
        var encoder = GetEncoder(format);

        // Unbuffered: the writer batches into its own buffer, and a header refresh must reach the OS at once.
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        try
        {
            // The encoder's own defaults (used when options is null) might say LeaveOpen; the wrapper makes sure the
            // file this method opened is closed either way.
            return new StreamOwningFileWriter(encoder.Create(stream, spec, sampleFormat, options?.WithLeaveOpen(false)), stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static void RequireReadableSeekable(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead || !stream.CanSeek)
        {
            throw new ArgumentException("Format detection needs a readable, seekable stream.", nameof(stream));
        }
    }

    private static string DescribeUnknown(ReadOnlySpan<byte> header)
    {
        if (header.IsEmpty)
        {
            return "the file is empty, so no format can be recognised";
        }

        var shown = header[..Math.Min(header.Length, 8)];
        var hex = Convert.ToHexString(shown);
        return string.Create(CultureInfo.InvariantCulture, $"not a recognised audio format (first bytes 0x{hex})");
    }

    private AudioFormatRegistration GetRegistration(IAudioFileFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        foreach (var registration in _registrations)
        {
            if (ReferenceEquals(registration.Format, format))
            {
                return registration;
            }
        }

        throw new NotSupportedException($"The '{format.Name}' format is not registered.");
    }
}
