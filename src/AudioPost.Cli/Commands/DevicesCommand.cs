using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AudioPost.Sdk.Devices;

namespace AudioPost.Cli.Commands;

/// <summary><c>audiopost devices [--json]</c>: lists the device backends and their devices with capabilities.</summary>
internal static class DevicesCommand
{
    /// <summary>Builds the <c>devices</c> command.</summary>
    public static Command Create()
    {
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object: backends [{name, available, devices [{id, name, inputs, outputs, default_sample_rate, sample_rates, default_buffer_frames, buffer_sizes, is_default}]}].",
        };
        var command = new Command("devices", "List audio device backends (JACK, PortAudio, null) and their devices.") { json };
        command.SetAction(parseResult =>
        {
            var configuration = parseResult.InvocationConfiguration;
            return Run(parseResult.GetValue(json), configuration.Output);
        });
        return command;
    }

    private static int Run(bool json, TextWriter stdout)
    {
        var backends = CliDevices.Registry.Backends.Select(b => (Backend: b, Devices: b.IsAvailable ? b.GetDevices() : [])).ToList();
        if (json)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("backends");
                foreach (var (backend, devices) in backends)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", backend.Name);
                    writer.WriteBoolean("available", backend.IsAvailable);
                    writer.WriteStartArray("devices");
                    foreach (var device in devices)
                    {
                        WriteDevice(writer, device);
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            stdout.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            return ExitCodes.Success;
        }

        foreach (var (backend, devices) in backends)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{backend.Name}{(backend.IsAvailable ? string.Empty : " (not installed)")}: {devices.Count} device(s)"));
            foreach (var device in devices)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {(device.IsDefault ? "*" : " ")} {backend.Name}:{device.Id}  {device.MaxInputChannels} in, {device.MaxOutputChannels} out, {device.DefaultSampleRate} Hz, {device.DefaultBufferFrames} frames  ({device.Name})"));
            }
        }

        return ExitCodes.Success;
    }

    private static void WriteDevice(Utf8JsonWriter writer, AudioDeviceInfo device)
    {
        writer.WriteStartObject();
        writer.WriteString("id", device.Id);
        writer.WriteString("name", device.Name);
        writer.WriteNumber("inputs", device.MaxInputChannels);
        writer.WriteNumber("outputs", device.MaxOutputChannels);
        writer.WriteNumber("default_sample_rate", device.DefaultSampleRate);
        writer.WriteStartArray("sample_rates");
        foreach (var rate in device.SampleRates)
        {
            writer.WriteNumberValue(rate);
        }

        writer.WriteEndArray();
        writer.WriteNumber("default_buffer_frames", device.DefaultBufferFrames);
        writer.WriteStartArray("buffer_sizes");
        foreach (var size in device.BufferSizes)
        {
            writer.WriteNumberValue(size);
        }

        writer.WriteEndArray();
        writer.WriteBoolean("is_default", device.IsDefault);
        writer.WriteEndObject();
    }
}
