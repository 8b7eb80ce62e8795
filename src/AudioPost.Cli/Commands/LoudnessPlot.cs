using ScottPlot;

namespace AudioPost.Cli.Commands;

/// <summary>Draws momentary and short-term loudness over time as a PNG with ScottPlot.</summary>
internal static class LoudnessPlot
{
    // Values below the absolute gate (and silence, −∞) are drawn at the gate so the curves stay continuous.
    private const double Floor = -70;

    /// <summary>One programme's curves: time in seconds, loudness in LUFS.</summary>
    public sealed record Series(string Name, double[] Seconds, double[] Momentary, double[] ShortTerm);

    public static void Save(string path, IReadOnlyList<Series> series)
    {
        var plot = new Plot();
        foreach (var one in series)
        {
            var label = series.Count == 1 ? string.Empty : one.Name + ": ";
            var momentary = plot.Add.ScatterLine(one.Seconds, Clamp(one.Momentary));
            momentary.LegendText = label + "momentary (400 ms)";
            momentary.LineWidth = 1;
            var shortTerm = plot.Add.ScatterLine(one.Seconds, Clamp(one.ShortTerm));
            shortTerm.LegendText = label + "short-term (3 s)";
            shortTerm.LineWidth = 2;
        }

        plot.Title(series.Count == 1 ? $"Loudness: {series[0].Name}" : "Loudness");
        plot.XLabel("Time (s)");
        plot.YLabel("Loudness (LUFS)");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 1200, 500);
    }

    private static double[] Clamp(double[] values) => [.. values.Select(v => double.IsFinite(v) ? Math.Max(v, Floor) : Floor)];
}
