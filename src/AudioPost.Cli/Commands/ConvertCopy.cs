using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Dsp.Resampling;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Graph;

namespace AudioPost.Cli.Commands;

/// <summary>
/// The streaming copy behind <c>convert</c>: reads IN in blocks into one reused buffer, optionally resamples and
/// dithers, and writes a temporary file next to OUT that replaces OUT only once it is complete, so OUT is never left
/// half-written.
/// </summary>
internal sealed class ConvertCopy
{
    private const int BlockFrames = 8192;

    private readonly IAudioFileReader _reader;
    private readonly ConvertRequest _request;
    private readonly IAudioFileFormat _container;
    private readonly SampleFormat _sampleFormat;

    public ConvertCopy(IAudioFileReader reader, ConvertRequest request, IAudioFileFormat container, SampleFormat sampleFormat)
    {
        _reader = reader;
        _request = request;
        _container = container;
        _sampleFormat = sampleFormat;
        FailedPath = request.Output;
    }

    /// <summary>Gets the file the last failure concerns: IN while reading, OUT while creating or writing.</summary>
    public string FailedPath { get; private set; }

    /// <summary>Gets the frames written so far.</summary>
    public long FramesCopied { get; private set; }

    /// <summary>Gets whether dither was applied (asked for, and OUT is PCM of 24 bits or fewer).</summary>
    public bool Dithered { get; private set; }

    /// <summary>Gets whether the rate was converted (asked for, and different from IN's).</summary>
    public bool Resampled { get; private set; }

    public void Run(IProgress<RenderProgress>? progress)
    {
        var info = _reader.Info;
        var rate = _request.SampleRate ?? info.SampleRate;
        using var temporary = new TemporaryOutput(_request.Output);
        var dither = CreateDither(info.ChannelCount, rate);
        Dithered = dither is not null;
        Resampled = rate != info.SampleRate;
        var options = new EncoderOptions { Metadata = ResampledMetadata.Rescale(info.Metadata, info.SampleRate, rate) };
        var spec = new AudioSpec(rate, info.Spec.Layout);
        using (var writer = CliFormats.Registry.Create(temporary.TemporaryPath, spec, _sampleFormat, _container, options))
        using (var buffer = new AudioBuffer(info.ChannelCount, BlockFrames))
        {
            var output = new BlockOutput(writer, dither, progress, _reader.Info.Frames, info.SampleRate);
            if (Resampled)
            {
                using var resampled = new AudioBuffer(info.ChannelCount, BlockFrames);
                var resampler = new Resampler(info.SampleRate, rate, info.ChannelCount, _request.Quality, BlockFrames);
                CopyResampled(buffer, resampled, resampler, output);
            }
            else
            {
                Copy(buffer, output);
            }

            output.Finish();
            FailedPath = _request.Output;
            writer.Complete();
        }

        temporary.Commit();
    }

    private void Copy(AudioBuffer buffer, BlockOutput output)
    {
        while (true)
        {
            FailedPath = _request.Input;
            var frames = _reader.Read(buffer.Block);
            if (frames == 0)
            {
                break;
            }

            FailedPath = _request.Output;
            output.Write(buffer, frames);
            FramesCopied += frames;
            output.Progress(FramesCopied);
        }
    }

    // Output frame n is IN at position n · inRate / outRate (no delay); the last one sits before IN's end, so OUT holds
    // ⌈inFrames · outRate / inRate⌉ frames, and the filter's tail past that is silence fed in after IN ends.
    private void CopyResampled(AudioBuffer input, AudioBuffer resampled, Resampler resampler, BlockOutput output)
    {
        long framesRead = 0;
        while (true)
        {
            FailedPath = _request.Input;
            var frames = _reader.Read(input.Block);
            if (frames == 0)
            {
                break;
            }

            framesRead += frames;
            var written = 0;
            while (written < frames)
            {
                written += resampler.Write(input.GetBlock(frames).Slice(written));
                Drain(resampler, resampled, output, long.MaxValue, framesRead);
            }
        }

        var total = ((framesRead * resampler.ReducedOutputRate) + resampler.ReducedInputRate - 1) / resampler.ReducedInputRate;
        while (FramesCopied < total)
        {
            resampler.WriteSilence(resampler.FreeInputFrames);
            Drain(resampler, resampled, output, total, framesRead);
        }
    }

    private void Drain(Resampler resampler, AudioBuffer resampled, BlockOutput output, long total, long framesRead)
    {
        while (FramesCopied < total)
        {
            var room = (int)Math.Min(resampled.FrameCount, total - FramesCopied);
            var frames = resampler.Read(resampled.GetBlock(room));
            if (frames == 0)
            {
                return;
            }

            FailedPath = _request.Output;
            output.Write(resampled, frames);
            FramesCopied += frames;
            output.Progress(framesRead);
        }
    }

    // One generator per channel with its own fixed seed: independent noise per channel (identical noise would sum to
    // a correlated centre image), and the same output for the same input on every run. The F-weighted shaper was
    // designed for 44.1 kHz and still suits 48 kHz; above 50 kHz its dips would move out of the ear's most sensitive
    // band, so the rate-independent first-order shaper is used there.
    private ChannelDither? CreateDither(int channels, int rate)
    {
        if (_request.Dither == ConvertDither.None || _sampleFormat.GetBitsPerSample() is < TpdfDither.MinBits or > TpdfDither.MaxBits || _sampleFormat.IsFloatingPoint())
        {
            return null;
        }

        var bits = _sampleFormat.GetBitsPerSample();
        if (_request.Dither == ConvertDither.Tpdf)
        {
            var dithers = new TpdfDither[channels];
            for (var channel = 0; channel < channels; channel++)
            {
                dithers[channel] = new TpdfDither(bits, seed: (ulong)channel + 1);
            }

            return new ChannelDither(dithers, null);
        }

        var shape = rate <= 50_000 ? NoiseShape.FWeighted9 : NoiseShape.FirstOrderHighpass;
        var shapers = new NoiseShapedDither[channels];
        for (var channel = 0; channel < channels; channel++)
        {
            shapers[channel] = new NoiseShapedDither(bits, shape, seed: (ulong)channel + 1);
        }

        return new ChannelDither(null, shapers);
    }
}
