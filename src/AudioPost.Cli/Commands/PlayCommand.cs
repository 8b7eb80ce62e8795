using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AudioPost.Sdk.Devices;
using AudioPost.Sdk.Engine;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Sources;

namespace AudioPost.Cli.Commands;

/// <summary><c>audiopost play FILE [--device NAME]</c>: plays a file through a device with the real-time engine.</summary>
internal static class PlayCommand
{
    /// <summary>Builds the <c>play</c> command.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The audio file to play (any format 'info' reads)." };
        var device = new Option<string>("--device")
        {
            Description = "Backend or device: 'jack', 'portaudio', 'portaudio:HOSTAPI:DEVICE', 'null', or an id from 'audiopost devices'. Default: JACK if a server runs, else PortAudio, else the null device.",
        };
        var command = new Command("play", "Play an audio file through an audio device (the device must run at the file's sample rate).") { file, device };
        command.SetAction(parseResult =>
        {
            var configuration = parseResult.InvocationConfiguration;
            return Run(parseResult.GetRequiredValue(file), parseResult.GetValue(device), configuration.Output, configuration.Error);
        });
        return command;
    }

    private static int Run(string path, string? deviceName, TextWriter stdout, TextWriter stderr)
    {
        if (!CliDevices.TryResolve(deviceName, out var backend, out var device, out var error))
        {
            return CliErrors.Report(stderr, error, ExitCodes.BadUsage);
        }

        FileSource source;
        try
        {
            source = new FileSource(path, CliFormats.Registry);
        }
        catch (Exception exception) when (CliErrors.IsBadInput(exception))
        {
            return CliErrors.ReportBadInput(stderr, path, exception);
        }

        using (source)
        {
            var info = device ?? FirstOrNull(backend.GetDevices());
            var block = info?.DefaultBufferFrames ?? 256;
            var builder = new AudioGraphBuilder(new GraphOptions { SampleRate = source.Info.SampleRate, BlockSize = block });
            builder.SetOutput(builder.AddSource(source, "file"));
            using var engine = new AudioEngine(builder.Compile());
            IAudioDeviceStream stream;
            try
            {
                stream = engine.Open(backend, device, new AudioStreamOptions { ClientName = "audiopost-play" });
                engine.Start();
            }
            catch (AudioDeviceException exception)
            {
                return CliErrors.Report(stderr, $"{backend.Name}: {exception.Message}", ExitCodes.BadInput);
            }

            var end = source.Length + stream.OutputLatency + stream.BufferFrames;
            var clock = Stopwatch.StartNew();
            while (engine.Renderer.StreamFrame < end && !stream.IsLost)
            {
                Thread.Sleep(20);
            }

            engine.Stop();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"played {source.Length} frames ({(double)source.Length / source.Info.SampleRate:F2} s) on {backend.Name}:{stream.Device.Id} in {clock.Elapsed.TotalSeconds:F2} s; xruns {stream.XrunCount}, overruns {engine.OverrunCount}, peak load {engine.PeakLoad:P0}{(stream.IsLost ? "; the device went away" : string.Empty)}"));
            return stream.IsLost ? ExitCodes.BadInput : ExitCodes.Success;
        }
    }

    private static AudioDeviceInfo? FirstOrNull(IReadOnlyList<AudioDeviceInfo> devices) => devices.Count > 0 ? devices[0] : null;
}
