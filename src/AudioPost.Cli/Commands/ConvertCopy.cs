using System.Diagnostics;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Graph;

namespace AudioPost.Cli.Commands;

/// <summary>
/// The streaming copy behind <c>convert</c>: reads IN in blocks into one reused buffer, optionally dithers, and
/// writes a temporary file next to OUT that replaces OUT only once it is complete, so OUT is never left half-written.
/// </summary>
internal sealed class ConvertCopy
{
    private const int BlockFrames = 8192;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

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

    public void Run(IProgress<RenderProgress>? progress)
    {
        var info = _reader.Info;
        var temporary = TemporaryPathFor(_request.Output);
        var committed = false;
        try
        {
            var dithers = CreateDithers(info.ChannelCount);
            Dithered = dithers is not null;
            var options = new EncoderOptions { Metadata = info.Metadata };
            using (var writer = CliFormats.Registry.Create(temporary, info.Spec, _sampleFormat, _container, options))
            using (var buffer = new AudioBuffer(info.ChannelCount, BlockFrames))
            {
                Copy(writer, buffer, dithers, progress);
                FailedPath = _request.Output;
                writer.Complete();
            }

            File.Move(temporary, _request.Output, overwrite: true);
            committed = true;
        }
        finally
        {
            if (!committed)
            {
                TryDelete(temporary);
            }
        }
    }

    private void Copy(IAudioFileWriter writer, AudioBuffer buffer, TpdfDither[]? dithers, IProgress<RenderProgress>? progress)
    {
        var total = _reader.Info.Frames;
        var clock = Stopwatch.StartNew();
        var nextReport = ProgressInterval;
        while (true)
        {
            FailedPath = _request.Input;
            var frames = _reader.Read(buffer.Block);
            if (frames == 0)
            {
                break;
            }

            if (dithers is not null)
            {
                for (var channel = 0; channel < dithers.Length; channel++)
                {
                    dithers[channel].Process(buffer.GetChannel(channel)[..frames]);
                }
            }

            FailedPath = _request.Output;
            writer.Write(buffer.GetBlock(frames));
            FramesCopied += frames;
            if (progress is not null && clock.Elapsed >= nextReport)
            {
                progress.Report(new RenderProgress(FramesCopied, total, clock.Elapsed, _reader.Info.SampleRate));
                nextReport = clock.Elapsed + ProgressInterval;
            }
        }

        progress?.Report(new RenderProgress(FramesCopied, Math.Max(total, FramesCopied), clock.Elapsed, _reader.Info.SampleRate));
    }

    // One generator per channel with its own fixed seed: independent noise per channel (identical noise would sum to
    // a correlated centre image), and the same output for the same input on every run.
    private TpdfDither[]? CreateDithers(int channels)
    {
        if (!_request.Dither || _sampleFormat.GetBitsPerSample() is < TpdfDither.MinBits or > TpdfDither.MaxBits || _sampleFormat.IsFloatingPoint())
        {
            return null;
        }

        var dithers = new TpdfDither[channels];
        for (var channel = 0; channel < channels; channel++)
        {
            dithers[channel] = new TpdfDither(_sampleFormat.GetBitsPerSample(), seed: (ulong)channel + 1);
        }

        return dithers;
    }

    // Hidden, unique, and in OUT's directory so the final rename stays on one file system (and so is atomic).
    internal static string TemporaryPathFor(string output)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(output)) ?? ".";
        return Path.Combine(directory, $".{Path.GetFileName(output)}.{Guid.NewGuid():N}.tmp");
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original error is the one worth reporting.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
