using BenchmarkDotNet.Running;

// Run everything: dotnet run -c Release --project benchmarks/AudioPost.Sdk.Benchmarks -- --filter '*'
// One suite:      ... -- --filter '*Graph*'    Quick look: add --job short
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new AudioPost.Sdk.Benchmarks.BenchmarkConfig());
