// The package consumer: built by build/verify-packages.sh against the packed AudioPost.Sdk.Formats.SndFile,
// AudioPost.Sdk.Devices.Jack and AudioPost.Sdk.Devices.PortAudio packages (not the projects), as a user's application
// would. It proves that each package's assembly, its dependency on AudioPost.Sdk and its native binding load from a
// package: a FLAC file round-trips through libsndfile, PortAudio enumerates its host APIs, libjack loads. Exit code 0
// when all holds; each failure prints what and why.
using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Devices;
using AudioPost.Sdk.Devices.Jack;
using AudioPost.Sdk.Devices.PortAudio;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.SndFile;

var failures = new List<string>();
void Check(bool condition, string what)
{
    Console.WriteLine((condition ? "ok:     " : "FAILED: ") + what);
    if (!condition)
    {
        failures.Add(what);
    }
}

// FLAC through libsndfile: 1 s of a 440 Hz tone at 16 bits, written and read back within one 16-bit step.
const int Rate = 48_000;
var tone = new float[Rate];
for (var i = 0; i < tone.Length; i++)
{
    tone[i] = 0.25f * MathF.Sin(2 * MathF.PI * 440 * i / Rate);
}

var path = Path.Combine(Path.GetTempPath(), $"package-consumer-{Environment.ProcessId}.flac");
var formats = AudioFormatRegistry.Default.ToBuilder().AddSndFileFormats().Build();
using (var writer = formats.Create(path, new AudioSpec(Rate, ChannelLayout.Mono), SampleFormat.Pcm16))
{
    writer.Write(new ReadOnlyAudioBlock(tone, 1, tone.Length));
    writer.Complete();
}

using (var reader = formats.OpenRead(path))
{
    var back = new float[Rate];
    var read = 0;
    while (read < back.Length)
    {
        var n = reader.Read(new AudioBlock(back, 1, back.Length, back.Length).Slice(read));
        if (n <= 0)
        {
            break;
        }

        read += n;
    }

    var error = 0f;
    for (var i = 0; i < read; i++)
    {
        error = MathF.Max(error, MathF.Abs(back[i] - tone[i]));
    }

    Check(reader.Info.Format.Name == SndFileFormat.Flac.Name, $"libsndfile {SndFileLibrary.Version} reads the file as {reader.Info.Format.Name}");
    Check(read == Rate && reader.Info.Frames == Rate, string.Create(CultureInfo.InvariantCulture, $"FLAC round trip: {read} of {Rate} frames"));
    Check(error <= 1f / 32768, string.Create(CultureInfo.InvariantCulture, $"FLAC round trip: largest error {error * 32768:F2} 16-bit steps"));
}

File.Delete(path);

// The device backends: both register, and each native library loads from where the package's resolver looks.
var devices = new AudioDeviceRegistryBuilder().AddJack().AddPortAudio().Build();
Check(devices.TryGetBackend(JackDeviceBackend.BackendName, out _) && devices.TryGetBackend(PortAudioDeviceBackend.BackendName, out _), "the jack and portaudio backends register");
Check(JackLibrary.IsAvailable, $"libjack loads ({(JackLibrary.IsAvailable ? JackLibrary.Version : "missing")})");
var portAudio = new PortAudioDeviceBackend();
Check(portAudio.IsAvailable && portAudio.GetHostApis().Count > 0,
    $"PortAudio {(portAudio.IsAvailable ? PortAudioLibrary.Version : "missing")} lists host APIs: {(portAudio.IsAvailable ? string.Join(", ", portAudio.GetHostApis().Select(api => api.Name)) : "-")}");

Console.WriteLine(failures.Count == 0 ? "package consumer: all checks passed" : $"package consumer: {failures.Count} checks failed");
return failures.Count == 0 ? 0 : 1;
