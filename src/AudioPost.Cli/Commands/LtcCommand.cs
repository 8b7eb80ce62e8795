using System.CommandLine;
using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Timing;
using AudioPost.Sdk.Timing.Ltc;

namespace AudioPost.Cli.Commands;

/// <summary>
/// <c>audiopost ltc generate --start TC --rate RATE --seconds N [--sample-rate SR] OUT.wav</c> writes SMPTE linear
/// timecode; <c>audiopost ltc read FILE [--channel N] [--rate RATE] [--json]</c> lists the frames decoded from a file.
/// </summary>
internal static class LtcCommand
{
    // Word rates LTC can carry: one word per frame up to 30 fps (the LTC itself cannot tell 50 from 25).
    private static readonly FrameRate[] WordRates = [FrameRate.Fps23976, FrameRate.Fps24, FrameRate.Fps25, FrameRate.Fps2997, FrameRate.Fps30];

    /// <summary>Builds the <c>ltc</c> command with its two subcommands.</summary>
    public static Command Create() => new("ltc", "Write or read SMPTE linear timecode (LTC) audio.")
    {
        CreateGenerate(),
        CreateRead(),
    };

    private static Command CreateGenerate()
    {
        var output = new Argument<string>("OUT") { Description = "The WAV file to write (mono, 24-bit)." };
        var start = new Option<string>("--start") { Description = "The first frame's timecode, hh:mm:ss:ff (';' before the frames for drop-frame).", Required = true };
        var rate = new Option<string>("--rate") { Description = "23.976 24 25 29.97 29.97df 30 47.952 48 50 59.94 59.94df 60.", Required = true };
        rate.AcceptOnlyFromAmong(TimecodeRates.Labels);
        var seconds = new Option<double>("--seconds") { Description = "Length in seconds, more than 0 and at most 86,400.", Required = true };
        seconds.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is not (> 0 and <= 86_400))
            {
                r.AddError("--seconds must be more than 0 and at most 86400.");
            }
        });
        var sampleRate = new Option<int>("--sample-rate") { Description = "Sample rate in Hz (8,000 to 384,000).", DefaultValueFactory = _ => 48_000 };
        sampleRate.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is not (>= 8_000 and <= 384_000))
            {
                r.AddError("--sample-rate must be from 8000 to 384000 Hz.");
            }
        });
        var level = new Option<double>("--level") { Description = "Peak level in dBFS, -60 to 0 (default -6).", DefaultValueFactory = _ => -6 };
        level.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is not (>= -60 and <= 0))
            {
                r.AddError("--level must be from -60 to 0 dBFS.");
            }
        });

        var command = new Command("generate", "Write LTC starting at a timecode to a WAV file.") { output, start, rate, seconds, sampleRate, level };
        command.SetAction(parseResult =>
        {
            var configuration = parseResult.InvocationConfiguration;
            return Generate(
                parseResult.GetRequiredValue(output),
                parseResult.GetRequiredValue(start),
                FrameRate.Parse(parseResult.GetRequiredValue(rate)),
                parseResult.GetValue(seconds),
                parseResult.GetValue(sampleRate),
                parseResult.GetValue(level),
                configuration.Output,
                configuration.Error);
        });
        return command;
    }

    private static Command CreateRead()
    {
        var file = new Argument<string>("FILE") { Description = "The audio file carrying LTC." };
        var channel = new Option<int>("--channel") { Description = "The channel to read, 1-based (default 1).", DefaultValueFactory = _ => 1 };
        var rate = new Option<string>("--rate") { Description = "The LTC rate; default: detected from the signal (23.976 24 25 29.97 29.97df 30; give 47.952 and up explicitly)." };
        rate.AcceptOnlyFromAmong(TimecodeRates.Labels);
        var json = new Option<bool>("--json") { Description = "Print {\"rate\": ..., \"frames\": [{\"timecode\": ..., \"sample\": ...}, ...]}." };

        var command = new Command("read", "List the LTC frames in an audio file: timecode and the sample where each frame's first bit starts.") { file, channel, rate, json };
        command.SetAction(parseResult =>
        {
            var configuration = parseResult.InvocationConfiguration;
            var rateLabel = parseResult.GetValue(rate);
            return Read(
                parseResult.GetRequiredValue(file),
                parseResult.GetValue(channel),
                rateLabel is null ? null : FrameRate.Parse(rateLabel),
                parseResult.GetValue(json),
                configuration.Output,
                configuration.Error);
        });
        return command;
    }

    private static int Generate(string path, string startText, FrameRate rate, double seconds, int sampleRate, double level, TextWriter stdout, TextWriter stderr)
    {
        if (!Timecode.TryParse(startText, rate, out var start))
        {
            try
            {
                Timecode.Parse(startText, rate);
            }
            catch (TimecodeFormatException exception)
            {
                return CliErrors.Report(stderr, "--start: " + exception.Message, ExitCodes.BadUsage);
            }
        }

        var frames = (long)Math.Round(seconds * sampleRate);
        var graph = new AudioGraphBuilder(new GraphOptions { SampleRate = sampleRate, BlockSize = 1024 });
        try
        {
            using var sink = new FileSink(path, SampleFormat.Pcm24);
            graph.Connect(graph.AddSource(new LtcSource(start, new LtcEncoderOptions { LevelDb = level }), "ltc"), graph.AddSink(sink, "file"));
            OfflineRenderer.Render(graph.Compile(), frames, null);
        }
        catch (Exception exception) when (CliErrors.IsBadInput(exception))
        {
            return CliErrors.ReportBadInput(stderr, path, exception);
        }

        stdout.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Wrote {frames} samples ({seconds:0.###} s at {sampleRate} Hz) of LTC at {rate} from {start} to {path}"));
        return ExitCodes.Success;
    }

    private static int Read(string path, int channel, FrameRate? rate, bool json, TextWriter stdout, TextWriter stderr)
    {
        List<LtcDecodedFrame> decoded;
        try
        {
            using var reader = CliFormats.Registry.OpenRead(path);
            var info = reader.Info;
            if (channel < 1 || channel > info.ChannelCount)
            {
                return CliErrors.Report(stderr, $"--channel {channel}: the file has {info.ChannelCount} channel(s)", ExitCodes.BadUsage);
            }

            if (info.SampleRate is < 8_000 or > 768_000)
            {
                return CliErrors.Report(stderr, $"{path}: LTC is read at 8000 to 768000 Hz, not {info.SampleRate}", ExitCodes.BadInput);
            }

            // Without a rate, read at 30 fps NDF, which accepts every label of the word rates up to 30 and tracks
            // 24 fps as 0.8x speed; the real rate is chosen from the measured word period below.
            var decoder = new LtcDecoder(info.SampleRate, rate ?? FrameRate.Fps30, 256);
            decoded = [];
            using var buffer = new AudioBuffer(info.ChannelCount, 4096);
            int count;
            while ((count = reader.Read(buffer.Block)) > 0)
            {
                decoder.Write(buffer.GetBlock(count)[channel - 1]);
                Drain(decoder, decoded);
            }

            decoder.Flush();
            Drain(decoder, decoded);
            rate ??= DetectRate(decoded, info.SampleRate);
        }
        catch (Exception exception) when (CliErrors.IsBadInput(exception))
        {
            return CliErrors.ReportBadInput(stderr, path, exception);
        }

        var frames = new List<(string Timecode, long Sample)>(decoded.Count);
        foreach (var frame in decoded)
        {
            if (frame.Frame.TryGetTimecode(rate.Value, out var timecode))
            {
                frames.Add((timecode.ToString(), frame.StartSample));
            }
        }

        if (json)
        {
            JsonOutput.Write(stdout, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("rate", rate.Value.ToString());
                writer.WriteStartArray("frames");
                foreach (var (timecode, sample) in frames)
                {
                    writer.WriteStartObject();
                    writer.WriteString("timecode", timecode);
                    writer.WriteNumber("sample", sample);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            });
        }
        else
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{frames.Count} LTC frame(s) at {rate.Value} in {path}"));
            foreach (var (timecode, sample) in frames)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{timecode}  sample {sample}"));
            }
        }

        return ExitCodes.Success;
    }

    private static void Drain(LtcDecoder decoder, List<LtcDecodedFrame> into)
    {
        while (decoder.TryRead(out var frame))
        {
            into.Add(frame);
        }
    }

    // The median distance between consecutive words picks the word rate; the drop-frame flag picks 29.97df.
    private static FrameRate DetectRate(List<LtcDecodedFrame> frames, int sampleRate)
    {
        if (frames.Count < 2)
        {
            return frames.Count == 1 && frames[0].Frame.IsDropFrame ? FrameRate.Fps2997Drop : TimecodeRates.Default;
        }

        var periods = new List<double>(frames.Count - 1);
        for (var i = 1; i < frames.Count; i++)
        {
            periods.Add(Math.Abs(frames[i].StartPosition - frames[i - 1].StartPosition));
        }

        periods.Sort();
        var fps = sampleRate / periods[periods.Count / 2];
        var best = WordRates[0];
        foreach (var candidate in WordRates)
        {
            if (Math.Abs(candidate.FramesPerSecond - fps) < Math.Abs(best.FramesPerSecond - fps))
            {
                best = candidate;
            }
        }

        var dropFrame = frames.Count(f => f.Frame.IsDropFrame) * 2 > frames.Count;
        return dropFrame && best.Numerator == 30000 ? FrameRate.Fps2997Drop
            : dropFrame && best == FrameRate.Fps30 ? FrameRate.Fps2997Drop
            : best;
    }
}
