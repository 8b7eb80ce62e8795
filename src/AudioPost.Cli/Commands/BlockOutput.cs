using System.Diagnostics;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Graph;

namespace AudioPost.Cli.Commands;

/// <summary>The writing end of <c>convert</c>: dithers each block, writes it, and reports progress in IN's frames at
/// most every 100 ms.</summary>
internal sealed class BlockOutput(IAudioFileWriter writer, ChannelDither? dither, IProgress<RenderProgress>? progress, long totalInputFrames, int inputRate)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _nextReport = ProgressInterval;
    private long _inputFrames;

    public void Write(AudioBuffer buffer, int frames)
    {
        dither?.Apply(buffer, frames);
        writer.Write(buffer.GetBlock(frames));
    }

    public void Progress(long inputFramesRead)
    {
        _inputFrames = inputFramesRead;
        if (progress is not null && _clock.Elapsed >= _nextReport)
        {
            progress.Report(new RenderProgress(inputFramesRead, totalInputFrames, _clock.Elapsed, inputRate));
            _nextReport = _clock.Elapsed + ProgressInterval;
        }
    }

    public void Finish() =>
        progress?.Report(new RenderProgress(_inputFrames, Math.Max(totalInputFrames, _inputFrames), _clock.Elapsed, inputRate));
}
