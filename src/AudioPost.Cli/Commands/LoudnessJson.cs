using System.Text.Json;
using AudioPost.Sdk.Dsp.Loudness;

namespace AudioPost.Cli.Commands;

/// <summary>The loudness keys shared by <c>loudness --json</c> and <c>normalize --json</c>; undefined readings
/// (−∞, NaN) are written as null.</summary>
internal static class LoudnessJson
{
    public static void WriteReadings(Utf8JsonWriter writer, LoudnessSnapshot reading) =>
        WriteReadings(writer, reading.Integrated, reading.LoudnessRange, reading.TruePeak, reading.SamplePeak, reading.MaxMomentary, reading.MaxShortTerm);

    public static void WriteReadings(Utf8JsonWriter writer, AlbumLoudness album) =>
        WriteReadings(writer, album.Integrated, album.LoudnessRange, album.TruePeak, album.SamplePeak, album.MaxMomentary, album.MaxShortTerm);

    public static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            // Two decimals: the resolution of the meter's histograms and of BWF loudness fields.
            writer.WriteNumber(name, Math.Round(value, 2));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteReadings(Utf8JsonWriter writer, double integrated, double range, double truePeak, double samplePeak, double maxMomentary, double maxShortTerm)
    {
        WriteNumberOrNull(writer, "integrated_lufs", integrated);
        WriteNumberOrNull(writer, "loudness_range_lu", range);
        WriteNumberOrNull(writer, "true_peak_dbtp", truePeak);
        WriteNumberOrNull(writer, "sample_peak_dbfs", samplePeak);
        WriteNumberOrNull(writer, "max_momentary_lufs", maxMomentary);
        WriteNumberOrNull(writer, "max_short_term_lufs", maxShortTerm);
    }
}
