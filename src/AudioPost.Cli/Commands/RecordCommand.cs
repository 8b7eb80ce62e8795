using System.CommandLine;
using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Devices;
using AudioPost.Sdk.Engine;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Sinks;

namespace AudioPost.Cli.Commands;

/// <summary><c>audiopost record OUT --seconds N [--device NAME] [--channels C]</c>: records a device's inputs to a file.</summary>
internal static class RecordCommand
{
    /// <summary>Builds the <c>record</c> command.</summary>
    public static Command Create()
    {
        var output = new Argument<string>("OUT") { Description = "The file to write (format from the extension; WAV when unknown), 24-bit PCM." };
        var seconds = new Option<double>("--seconds") { Description = "How long to record, in seconds.", Required = true };
        var channels = new Option<int>("--channels") { Description = "Input channels to record (default 1).", DefaultValueFactory = _ => 1 };
        var device = new Option<string>("--device")
        {
            Description = "Backend or device, as for 'play'. Default: JACK if a server runs, else PortAudio, else the null device (silence).",
        };
        var command = new Command("record", "Record a device's inputs to a file, with the device's capture latency compensated.") { output, seconds, channels, device };
        command.SetAction(parseResult =>
        {
            var configuration = parseResult.InvocationConfiguration;
            return Run(parseResult.GetRequiredValue(output), parseResult.GetValue(seconds), parseResult.GetValue(channels), parseResult.GetValue(device), configuration.Output, configuration.Error);
        });
        return command;
    }

    private static int Run(string path, double seconds, int channels, string? deviceName, TextWriter stdout, TextWriter stderr)
    {
        if (!(seconds > 0) || channels < 1 || channels > ChannelLayout.MaxChannels)
        {
            return CliErrors.Report(stderr, "--seconds must be positive and --channels between 1 and " + ChannelLayout.MaxChannels.ToString(CultureInfo.InvariantCulture), ExitCodes.BadUsage);
        }

        if (!CliDevices.TryResolve(deviceName, out var backend, out var device, out var error))
        {
            return CliErrors.Report(stderr, error, ExitCodes.BadUsage);
        }

        var devices = backend.GetDevices();
        var info = device ?? (devices.Count > 0 ? devices[0] : null);
        var rate = info?.DefaultSampleRate ?? 48000;
        var block = info?.DefaultBufferFrames ?? 256;
        var frames = (long)Math.Round(seconds * rate);
        var builder = new AudioGraphBuilder(new GraphOptions { SampleRate = rate, BlockSize = block });
        var input = new DeviceInputSource(channels);
        using var capture = new CaptureSink(new FileSink(path, SampleFormat.Pcm24, registry: CliFormats.Registry)) { FrameLimit = frames };
        try
        {
            builder.Connect(builder.AddSource(input, "input"), builder.AddSink(capture, "file"));
            using var engine = new AudioEngine(builder.Compile(), new AudioEngineOptions { Input = input });
            var stream = engine.Open(backend, device, new AudioStreamOptions { ClientName = "audiopost-record" });
            engine.Start();
            // Nothing plays here, so only the capture side of the trip matters: what arrives at stream frame t was at
            // the input InputLatency frames earlier.
            capture.Arm(engine.Renderer.StreamFrame + stream.BufferFrames, stream.InputLatency);
            while (!capture.IsFull && !stream.IsLost)
            {
                Thread.Sleep(20);
            }

            engine.Stop();
            capture.Complete();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"recorded {capture.FramesRecorded} frames ({(double)capture.FramesRecorded / rate:F2} s, {channels} channel(s), {rate} Hz) from {backend.Name}:{stream.Device.Id} to {path}; capture latency {stream.InputLatency} frames compensated; xruns {stream.XrunCount}, dropped {capture.DroppedFrames}"));
            return stream.IsLost ? ExitCodes.BadInput : ExitCodes.Success;
        }
        catch (AudioDeviceException exception)
        {
            return CliErrors.Report(stderr, $"{backend.Name}: {exception.Message}", ExitCodes.BadInput);
        }
        catch (Exception exception) when (CliErrors.IsBadInput(exception))
        {
            return CliErrors.ReportBadInput(stderr, path, exception);
        }
    }
}
