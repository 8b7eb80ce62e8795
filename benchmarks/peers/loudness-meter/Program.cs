using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Loudness;
using AudioPost.Sdk.Formats;

// Our side of benchmarks/peers/loudness-vs-ebur128.sh: decodes FILE with the SDK's reader, measures it with
// LoudnessMeter (integrated, loudness range, true peak; the meter always computes all of them) and prints
// the line ebur128-measure.c prints:
//   {"integrated_lufs": -23.0012, "loudness_range_lu": 5.4321, "true_peak_dbtp": -1.2345, "frames": 172800000}
// A file without speaker positions takes the conventional layout of its channel count (6 = 5.1, L R C LFE Ls Rs),
// as libebur128's default channel map does. The meter runs with LoudnessMeterOptions.LibEbur128Compatible (the
// windowed-sinc true-peak filter and one short-term value a second for the range), the same modes as the C
// program, so the readings must be identical; the defaults (BS.1770 Annex 2 filter, 10 values a second) cost the
// same and differ only by design.
//   usage: loudness-meter FILE
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: loudness-meter FILE");
    return 2;
}

const int FramesPerRead = 16384;
using var reader = AudioFormatRegistry.Default.OpenRead(args[0]);
var info = reader.Info;
var layout = info.ChannelLayout.Name == ChannelLayout.Discrete(info.ChannelCount).Name
    ? ChannelLayout.FromChannelCount(info.ChannelCount)
    : info.ChannelLayout;
var meter = new LoudnessMeter(info.SampleRate, layout, LoudnessMeterOptions.LibEbur128Compatible);
using var buffer = new AudioBuffer(info.ChannelCount, FramesPerRead);
long frames = 0;
int read;
while ((read = reader.Read(buffer.Block)) > 0)
{
    meter.Process(buffer.GetBlock(read));
    frames += read;
}

Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"{{\"integrated_lufs\": {Db(meter.Integrated)}, \"loudness_range_lu\": {Db(meter.LoudnessRange)}, \"true_peak_dbtp\": {Db(meter.TruePeak)}, \"frames\": {frames}}}"));
return 0;

static string Db(double value) => double.IsFinite(value) ? value.ToString("F4", CultureInfo.InvariantCulture) : "null";
