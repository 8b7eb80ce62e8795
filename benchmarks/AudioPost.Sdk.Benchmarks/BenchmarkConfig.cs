using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace AudioPost.Sdk.Benchmarks;

/// <summary>The configuration every suite runs with: MemoryDiagnoser always on, so allocations are reported beside time, and time per sample frame.</summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        Add(DefaultConfig.Instance);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new TimePerFrameColumn());
    }
}
