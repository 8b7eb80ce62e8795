using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats.SndFile.Interop;

namespace AudioPost.Sdk.Formats.SndFile;

/// <summary>
/// Creates files of one <see cref="SndFileFormat"/> with libsndfile: FLAC (8, 16 or 24-bit), Ogg Vorbis, Opus
/// (8, 12, 16, 24 or 48 kHz) and MP3 (1 or 2 channels, 8 to 48 kHz, when libsndfile was built with LAME).
/// </summary>
/// <remarks>
/// <para>Sample formats: FLAC stores <see cref="SampleFormat.Pcm8"/>, <see cref="SampleFormat.Pcm16"/> or
/// <see cref="SampleFormat.Pcm24"/>, saturating samples outside [-1, 1); the lossy codecs encode the float samples
/// directly and ignore the requested sample format.</para>
/// <para>Channels are reordered from the caller's layout into the codec's order when the roles match (see the
/// package README); otherwise they are written as given.</para>
/// <para>Holds only immutable options, so it is thread-safe; each writer is used by one thread at a time.</para>
/// </remarks>
public sealed class SndFileEncoder : IAudioEncoder
{
    /// <summary>Creates an encoder for <paramref name="format"/> with <see cref="SndFileEncoderOptions.Default"/>.</summary>
    /// <param name="format">The format to write.</param>
    /// <exception cref="ArgumentNullException"><paramref name="format"/> is null.</exception>
    public SndFileEncoder(SndFileFormat format)
        : this(format, SndFileEncoderOptions.Default)
    {
    }

    /// <summary>Creates an encoder for <paramref name="format"/> with the given options.</summary>
    /// <param name="format">The format to write.</param>
    /// <param name="options">How files are written.</param>
    /// <exception cref="ArgumentNullException"><paramref name="format"/> or <paramref name="options"/> is null.</exception>
    public SndFileEncoder(SndFileFormat format, SndFileEncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(options);
        Format = format;
        Options = options;
    }

    /// <summary>Gets the format this encoder writes.</summary>
    public SndFileFormat Format { get; }

    /// <summary>Gets how files are written.</summary>
    public SndFileEncoderOptions Options { get; }

    /// <summary>Starts a file of <see cref="Format"/> and returns a writer for its frames.</summary>
    /// <param name="stream">A writable, seekable stream positioned where the file should start (FLAC and MP3 rewrite
    /// their headers when completed).</param>
    /// <param name="spec">The sample rate and channel layout of the frames.</param>
    /// <param name="sampleFormat">How FLAC stores samples (8, 16 or 24-bit); ignored by the lossy codecs.</param>
    /// <param name="options">General options, or <see langword="null"/> for <see cref="SndFileEncoderOptions.General"/>.</param>
    /// <returns>The writer; its <see cref="IAudioFileWriter.Write"/> allocates nothing per call. The file is complete
    /// only after <see cref="IAudioFileWriter.Complete"/> (or dispose).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot be written or seeked, or <paramref name="spec"/> is the default value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleFormat"/> is not a defined value.</exception>
    /// <exception cref="NotSupportedException">The format cannot store the sample format, rate or channel count, an
    /// option does not apply to it, or this libsndfile cannot write it (for example MP3 without LAME).</exception>
    /// <exception cref="IOException">The stream failed.</exception>
    /// <exception cref="DllNotFoundException">libsndfile is not installed; the message says how to install it.</exception>
    public IAudioFileWriter Create(Stream stream, AudioSpec spec, SampleFormat sampleFormat, EncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= Options.General;
        try
        {
            if (!stream.CanWrite || !stream.CanSeek)
            {
                throw new ArgumentException("The libsndfile encoder needs a writable, seekable stream.", nameof(stream));
            }

            if (spec.Layout is null)
            {
                throw new ArgumentException("The spec is the default value; it needs a sample rate and a channel layout.", nameof(spec));
            }

            _ = sampleFormat.GetBytesPerSample();
            var libraryFormat = Format.TypeCode | GetSubtype(sampleFormat);
            CheckSpec(spec);
            if (Options.BitrateMode is not null && Format != SndFileFormat.Mp3)
            {
                throw new NotSupportedException(
                    $"libsndfile sets a bitrate mode for MP3 only, not {Format.Name}; leave {nameof(SndFileEncoderOptions.BitrateMode)} unset.");
            }

            SndFileLibrary.EnsureLoaded();
            CheckLibrarySupport(libraryFormat, spec);
            return new SndFileEncoderCore(stream, spec, Format, libraryFormat, Options, options);
        }
        catch when (!options.LeaveOpen)
        {
            stream.Dispose();
            throw;
        }
    }

    private int GetSubtype(SampleFormat sampleFormat)
    {
        if (Format != SndFileFormat.Flac)
        {
            return Format.CodecCode;
        }

        return sampleFormat switch
        {
            SampleFormat.Pcm8 => SndFileConstants.PcmS8,
            SampleFormat.Pcm16 => SndFileConstants.Pcm16,
            SampleFormat.Pcm24 => SndFileConstants.Pcm24,
            _ => throw new NotSupportedException($"FLAC stores 8, 16 or 24-bit integer samples, not {sampleFormat}."),
        };
    }

    private void CheckSpec(AudioSpec spec)
    {
        if (Format == SndFileFormat.Flac && spec.ChannelCount > SndFileConstants.FlacMaxChannels)
        {
            throw new NotSupportedException($"FLAC stores at most {SndFileConstants.FlacMaxChannels} channels, not {spec.ChannelCount}.");
        }

        if (Format == SndFileFormat.Opus && !SndFileConstants.OpusSampleRates.Contains(spec.SampleRate))
        {
            throw new NotSupportedException(
                $"Opus is written at 8000, 12000, 16000, 24000 or 48000 Hz only, not {spec.SampleRate} Hz (libsndfile does not resample); resample first.");
        }

        if (Format == SndFileFormat.Mp3)
        {
            if (spec.ChannelCount > SndFileConstants.Mp3MaxChannels)
            {
                throw new NotSupportedException($"MP3 stores 1 or 2 channels, not {spec.ChannelCount}.");
            }

            if (!SndFileConstants.Mp3SampleRates.Contains(spec.SampleRate))
            {
                throw new NotSupportedException(
                    $"MP3 is written at 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100 or 48000 Hz only, not {spec.SampleRate} Hz.");
            }
        }
    }

    private unsafe void CheckLibrarySupport(int libraryFormat, AudioSpec spec)
    {
        var info = new SfInfo { SampleRate = spec.SampleRate, Channels = spec.ChannelCount, Format = libraryFormat };
        if (SndFileNative.FormatCheck(&info) == 0)
        {
            var hint = Format == SndFileFormat.Mp3 ? " (MP3 writing needs libsndfile 1.1 or later built with LAME)" : string.Empty;
            throw new NotSupportedException(
                $"This libsndfile cannot write {Format.Name} with {spec.ChannelCount} channel(s) at {spec.SampleRate} Hz{hint}.");
        }
    }
}
