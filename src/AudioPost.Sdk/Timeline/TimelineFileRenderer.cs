using System.Globalization;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.Formats.Wav;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Sinks;

namespace AudioPost.Sdk.Timeline;

/// <summary>
/// Renders a <see cref="AudioTimeline"/> offline to a Broadcast Wave file that carries the session's place in time: the
/// start as the <c>bext</c> TimeReference (sample frames since midnight at the file's rate) and the frame rate in iXML
/// (<c>SPEED/TIMECODE_RATE</c> and <c>TIMECODE_FLAG</c>, with the same timestamp in <c>TIMESTAMP_*</c>).
/// </summary>
/// <remarks>
/// The graph is tracks → inserts → fader → pan → master bus → file (see <see cref="AudioTimeline.AddTo"/>), rendered by
/// <see cref="OfflineRenderer"/> from <see cref="AudioTimeline.StartFrame"/>. Deterministic: the same session renders the
/// same bits at any block size and any <see cref="TimelineRenderOptions.MaxDegreeOfParallelism"/> (the tracks render on
/// several threads, the master bus sums them in track order). Blocking file I/O; call from a worker thread for a responsive UI.
/// </remarks>
public static class TimelineFileRenderer
{
    /// <summary>Renders <paramref name="timeline"/> to the WAV (BWF) file <paramref name="path"/>.</summary>
    /// <param name="timeline">The session.</param>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="options">Format, block size and length; <see cref="TimelineRenderOptions.Default"/> when null.</param>
    /// <param name="progress">Receives progress about every 100 ms and at the end.</param>
    /// <param name="cancellationToken">Stops between blocks; the file written so far stays valid.</param>
    /// <returns>The frames rendered and the time taken.</returns>
    /// <exception cref="ArgumentException">The timeline cannot be built (see <see cref="AudioTimeline.AddTo"/>).</exception>
    /// <exception cref="IOException">The file cannot be written, or a clip's file failed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static RenderProgress Render(
        AudioTimeline timeline,
        string path,
        TimelineRenderOptions? options = null,
        IProgress<RenderProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= TimelineRenderOptions.Default;
        var builder = new AudioGraphBuilder(new GraphOptions { SampleRate = timeline.SampleRate, BlockSize = options.BlockSize });
        var graph = timeline.AddTo(builder);
        var frames = options.Length ?? Math.Max(0, timeline.EndFrame - timeline.StartFrame);
        using var file = new FileSink(path, options.SampleFormat, WavFormat.Instance) { Metadata = CreateMetadata(timeline, options.Description) };

        // Encoding and writing on an I/O thread of their own, overlapping the mix.
        using var sink = new WriteBehindSink(file, leaveOpen: true);
        builder.Connect(graph.Output, builder.AddSink(sink, "file"));
        var plan = builder.Compile();
        var render = new OfflineRenderOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        return OfflineRenderer.Render(plan, frames, progress, timeline.StartFrame, render, cancellationToken);
    }

    /// <summary>Gets the metadata a render of <paramref name="timeline"/> carries: <c>bext</c> (TimeReference = the start
    /// in samples since midnight) and iXML (timecode rate and flag, timestamp, file sample rate).</summary>
    /// <param name="timeline">The session.</param>
    /// <param name="description">The bext Description, at most 256 ASCII characters.</param>
    /// <returns>The metadata.</returns>
    public static AudioMetadata CreateMetadata(AudioTimeline timeline, string description = "")
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var start = (ulong)timeline.StartFrame;
        var rate = timeline.FrameRate;
        var bext = new BroadcastExtension
        {
            Description = description,
            Originator = "AudioPost.Sdk",
            TimeReference = start,
            CodingHistory = string.Create(CultureInfo.InvariantCulture, $"A=PCM,F={timeline.SampleRate},M={(timeline.OutputChannelCount == 1 ? "mono" : timeline.OutputChannelCount == 2 ? "stereo" : "multitrack")},T=AudioPost.Sdk timeline render from {timeline.Start} at {rate}\r\n"),
        };
        var ixml = IXmlMetadata.Create()
            .WithTimecodeRate(rate.Numerator, rate.Denominator, rate.IsDropFrame)
            .WithTimestamp(start, timeline.SampleRate)
            .WithValue("SPEED/FILE_SAMPLE_RATE", timeline.SampleRate.ToString(CultureInfo.InvariantCulture));
        return new AudioMetadata { Broadcast = bext, IXml = ixml };
    }
}
