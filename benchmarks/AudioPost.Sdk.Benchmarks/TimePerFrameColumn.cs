using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace AudioPost.Sdk.Benchmarks;

/// <summary>
/// Nanoseconds per sample frame: the mean time of one operation divided by the benchmark's
/// <c>BlockSize</c> parameter (one operation renders or processes one block). Lets blocks of
/// different sizes be compared, and against the frame budget of real time (20,833 ns at 48 kHz).
/// </summary>
public sealed class TimePerFrameColumn : IColumn
{
    public string Id => nameof(TimePerFrameColumn);

    public string ColumnName => "ns/frame";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Mean time per sample frame (Mean / BlockSize), in nanoseconds";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        var blockSize = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "BlockSize")?.Value;
        if (report?.ResultStatistics is not { } statistics || blockSize is not int frames || frames == 0)
        {
            return "-";
        }

        return (statistics.Mean / frames).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
