using System.CommandLine;
using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Chains;

namespace AudioPost.Cli.Commands;

/// <summary>
/// <c>audiopost process IN OUT --chain "SPEC" [--format F] [--threads N] [--json]</c>: runs IN through a chain of
/// processors (names and parameters from <see cref="ProcessorFactory"/>) and writes OUT, sample-aligned with IN: the
/// chain's latency (look-ahead) is rendered past the end and dropped from the start, so OUT has IN's length and timing.
/// A chain whose processors all forget (<see cref="IBoundedMemory"/>) is rendered in chunks on several threads
/// (<see cref="ParallelChainRenderer"/>), with the serial render's samples.
/// </summary>
internal static class ProcessCommand
{
    private static readonly string[] Formats = ["pcm16", "pcm24", "pcm32", "float32", "float64"];

    public static Command Create()
    {
        var input = new Argument<string>("IN") { Description = "The audio file to process." };
        var output = new Argument<string>("OUT") { Description = "The file to write; its extension picks the container (e.g. .wav)." };
        var chain = new Option<string>("--chain")
        {
            Description = "Processors separated by ';', each a name and key=value parameters, e.g. \"highpass f=80; compressor threshold=-18 ratio=3; limiter ceiling=-1\". --list names them.",
        };
        var list = new Option<bool>("--list") { Description = "List the processors and their parameters, then exit." };
        var format = new Option<string>("--format") { Description = "Sample format of OUT: pcm16, pcm24, pcm32, float32 or float64. Default: IN's." };
        format.AcceptOnlyFromAmong(Formats);
        var json = new Option<bool>("--json") { Description = "Print one JSON object: input, output, chain, frames, latency_frames, threads, chunks, elapsed_seconds, realtime_factor." };
        var threads = new Option<int>("--threads")
        {
            Description = "Threads that render chunks of the file side by side, 1 to 64 (1: one thread, as a device would). Default: the processor count. Chains with a reverb, delay or restoration stage always render on one thread.",
            DefaultValueFactory = _ => Math.Min(64, Environment.ProcessorCount),
        };
        threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 64)
            {
                result.AddError("--threads must be 1 to 64.");
            }
        });
        input.Arity = ArgumentArity.ZeroOrOne;
        output.Arity = ArgumentArity.ZeroOrOne;

        var command = new Command("process", "Run an audio file through a chain of processors (filters, EQ, dynamics, delay, reverb).")
        {
            input, output, chain, list, format, threads, json,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(list) is not null)
            {
                return;
            }

            if (result.GetResult(input) is null || result.GetResult(output) is null || result.GetResult(chain) is null)
            {
                result.AddError("Give IN, OUT and --chain (or --list).");
            }
        });

        command.SetAction(parseResult =>
        {
            var configuration = parseResult.InvocationConfiguration;
            var factory = ProcessorFactory.CreateDefault();
            if (parseResult.GetValue(list))
            {
                foreach (var name in factory.Names)
                {
                    configuration.Output.WriteLine(factory.GetUsage(name));
                }

                return ExitCodes.Success;
            }

            var request = new Request(
                parseResult.GetValue(input)!,
                parseResult.GetValue(output)!,
                parseResult.GetValue(chain)!,
                SampleFormatNames.Parse(parseResult.GetValue(format)),
                parseResult.GetValue(threads),
                parseResult.GetValue(json));
            return Run(factory, request, configuration.Output, configuration.Error);
        });
        return command;
    }

    private static int Run(ProcessorFactory factory, Request request, TextWriter stdout, TextWriter stderr)
    {
        var registry = CliFormats.Registry;
        if (!OutputFileCheck.TryResolve(registry, request.Input, request.Output, stderr, out var container))
        {
            return ExitCodes.BadUsage;
        }

        using var temporary = new TemporaryOutput(request.Output);
        var failedPath = request.Input;
        var bar = ConsoleProgressBar.CreateIfInteractive(stderr, request.Json);
        try
        {
            using var reader = registry.OpenRead(request.Input);
            var info = reader.Info;
            IReadOnlyList<IAudioProcessor> processors;
            try
            {
                processors = factory.CreateChain(request.Chain, info.SampleRate);
            }
            catch (ProcessorSpecException exception)
            {
                return CliErrors.Report(stderr, $"--chain: {exception.Message}", ExitCodes.BadUsage);
            }

            failedPath = request.Output;
            var format = request.Format ?? info.SampleFormat;
            var chunked = request.Threads > 1 && FileChainRender.CanRenderInChunks(processors, info);
            long latency, chunks = 1;
            RenderProgress result;
            var threads = 1;
            if (chunked)
            {
                var parallel = FileChainRender.RenderInChunks(
                    request.Input, () => factory.CreateChain(request.Chain, info.SampleRate), info, request.Threads, temporary.TemporaryPath, format, container, registry, bar);
                (result, latency, chunks, threads) = (parallel.Progress, parallel.LatencyFrames, parallel.Chunks, parallel.Workers);
            }
            else
            {
                (latency, result) = FileChainRender.Render(reader, processors, "chain", temporary.TemporaryPath, format, container, registry, bar);
            }
            bar?.Finish();
            bar = null;
            temporary.Commit();
            WriteResult(stdout, request, info, latency, result, threads, chunks);
            return ExitCodes.Success;
        }
        catch (GraphCompileException exception)
        {
            return CliErrors.Report(stderr, $"--chain: {exception.Message}", ExitCodes.BadUsage);
        }
        catch (Exception exception) when (CliErrors.IsBadInput(exception) || exception is ArgumentOutOfRangeException)
        {
            return CliErrors.ReportBadInput(stderr, failedPath, exception);
        }
        finally
        {
            bar?.Finish();
        }
    }

    private static void WriteResult(TextWriter stdout, Request request, AudioFileInfo info, long latency, RenderProgress result, int threads, long chunks)
    {
        if (!request.Json)
        {
            stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Processed {info.Frames} frames ({(double)info.Frames / info.SampleRate:0.###} s, {info.ChannelCount} ch, {info.SampleRate} Hz) through \"{request.Chain}\" in {result.Elapsed.TotalSeconds:0.000} s ({result.RealtimeFactor:0}x real time{(threads > 1 ? $", {chunks} chunks on {threads} threads" : "")}); latency {latency} frames compensated"));
            stdout.WriteLine($"Wrote {request.Output}");
            return;
        }

        JsonOutput.Write(stdout, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("input", request.Input);
            writer.WriteString("output", request.Output);
            writer.WriteString("chain", request.Chain);
            writer.WriteNumber("frames", info.Frames);
            writer.WriteNumber("latency_frames", latency);
            writer.WriteNumber("threads", threads);
            writer.WriteNumber("chunks", chunks);
            writer.WriteNumber("elapsed_seconds", result.Elapsed.TotalSeconds);
            writer.WriteNumber("realtime_factor", result.RealtimeFactor);
            writer.WriteEndObject();
        });
    }

    private readonly record struct Request(string Input, string Output, string Chain, SampleFormat? Format, int Threads, bool Json);
}
