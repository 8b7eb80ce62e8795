using System.Globalization;
using System.Runtime.CompilerServices;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;

namespace AudioPost.Sdk.Tests.Formats.Fuzz;

/// <summary>
/// Mutation fuzzing of the file decoders over the seed corpus in <c>Corpus/</c>, for a bounded time (see README.md:
/// <c>AUDIOPOST_FUZZ_SECONDS</c>, <c>AUDIOPOST_FUZZ_SEED</c>), and replay of every saved crash in <c>Regressions/</c>.
/// </summary>
public sealed class DecoderFuzzTests
{
    private const double DefaultSeconds = 20;
    private static readonly TimeSpan s_inputTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public void Corpus_OnDisk_MatchesTheSeedBuilder()
    {
        if (Environment.GetEnvironmentVariable("AUDIOPOST_FUZZ_WRITE_CORPUS") == "1")
        {
            Directory.CreateDirectory(FuzzSeeds.SourceDirectory());
            foreach (var (name, bytes) in FuzzSeeds.All)
            {
                File.WriteAllBytes(Path.Combine(FuzzSeeds.SourceDirectory(), name), bytes);
            }
        }

        var corpus = LoadDirectory("Corpus");
        foreach (var (name, bytes) in FuzzSeeds.All)
        {
            Assert.True(corpus.TryGetValue(name, out var onDisk), $"Corpus/{name} is missing; run with AUDIOPOST_FUZZ_WRITE_CORPUS=1 to write it.");
            Assert.True(bytes.AsSpan().SequenceEqual(onDisk), $"Corpus/{name} differs from FuzzSeeds; run with AUDIOPOST_FUZZ_WRITE_CORPUS=1 to rewrite it.");
            Assert.True(bytes.Length < 4096, $"{name} is {bytes.Length} bytes; seeds stay small so mutants stay cheap.");
        }
    }

    [Theory]
    [MemberData(nameof(WavSeedNames))]
    public void OpenRead_WavSeed_ReadsEveryFrame(string name)
    {
        using var reader = AudioFormatRegistry.Default.OpenRead(new MemoryStream(FuzzSeeds.All[name]));
        var channels = reader.Info.ChannelCount;
        var scratch = new float[channels * 5];
        long total = 0;
        int read;
        while ((read = reader.Read(new AudioBlock(scratch, channels, 5))) > 0)
        {
            total += read;
        }

        Assert.True(reader.Info.Frames > 0, name);
        Assert.Equal(reader.Info.Frames, total);
    }

    [Fact]
    public void Run_EverySeed_KeepsTheBadInputContract()
    {
        // RF64 and AIFF seeds may be rejected until their decoders land, but only with AudioFormatException.
        var seeds = LoadDirectory("Corpus").ToList();
        var session = new FuzzSession(
            i => i < seeds.Count ? new FuzzCase(seeds[i].Value, $"seed {seeds[i].Key}", i) : null, s_inputTimeout);

        session.Run(TestContext.Current.CancellationToken);

        Assert.True(session.Hang is null && session.Findings.Count == 0, session.Describe());
        TestContext.Current.TestOutputHelper?.WriteLine(Invariant($"{seeds.Count} seeds: {session.Opened} opens succeeded, {session.Rejected} rejected"));
    }

    [Fact]
    public void Run_SavedRegressions_OnlyThrowAudioFormatException()
    {
        var regressions = LoadDirectory("Regressions").Where(pair => pair.Key.EndsWith(".bin", StringComparison.Ordinal)).ToList();
        const int RunsPerFile = 8;
        var session = new FuzzSession(
            i => i < regressions.Count * RunsPerFile
                ? new FuzzCase(regressions[i / RunsPerFile].Value, $"Regressions/{regressions[i / RunsPerFile].Key}", i % RunsPerFile)
                : null,
            s_inputTimeout);

        session.Run(TestContext.Current.CancellationToken);

        Assert.True(session.Hang is null && session.Findings.Count == 0, session.Describe());
        TestContext.Current.TestOutputHelper?.WriteLine(Invariant($"{regressions.Count} saved regressions replayed {RunsPerFile} times each"));
    }

    [Fact]
    public void Fuzz_MutatedCorpus_OnlyThrowsAudioFormatException()
    {
        var seconds = ReadSeconds();
        var masterSeed = ReadSeed();
        var output = TestContext.Current.TestOutputHelper;
        var seeds = LoadDirectory("Corpus").ToList();
        Assert.NotEmpty(seeds);
        var corpus = seeds.Select(pair => pair.Value).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(seconds);

        var session = new FuzzSession(
            i =>
            {
                if (DateTime.UtcNow >= deadline)
                {
                    return null;
                }

                var runSeed = RunSeed(masterSeed, i);
                var random = new Random(runSeed);
                var (name, seed) = seeds[random.Next(seeds.Count)];
                var mutator = new Mutator(random, corpus);
                var input = mutator.Mutate(seed);
                var origin = Invariant($"iteration {i} of AUDIOPOST_FUZZ_SEED={masterSeed}: {name} with {string.Join("; ", mutator.Log)}");
                return new FuzzCase(input, origin, runSeed);
            },
            s_inputTimeout);

        session.Run(TestContext.Current.CancellationToken);

        var rate = session.Iterations / Math.Max(session.Elapsed.TotalSeconds, 1e-3);
        output?.WriteLine(Invariant(
            $"AUDIOPOST_FUZZ_SEED={masterSeed}: {session.Iterations} inputs in {session.Elapsed.TotalSeconds:F1} s ({rate:F0}/s); {session.Opened} opens succeeded, {session.Rejected} rejected with AudioFormatException"));
        foreach (var (reason, count) in session.TopReasons(40))
        {
            output?.WriteLine(Invariant($"  {count,8} {reason}"));
        }

        if (session.Hang is not null || session.Findings.Count > 0)
        {
            var saved = session.SaveFindings(RegressionsSourceDirectory());
            output?.WriteLine("Saved: " + string.Join(", ", saved));
            Assert.Fail(Invariant($"AUDIOPOST_FUZZ_SEED={masterSeed}: the decoders broke the bad-input contract (inputs saved to {string.Join(", ", saved)}).\n{session.Describe()}"));
        }

        // Both outcomes must be common, or the mutations are not probing the parsers.
        Assert.True(session.Opened > session.Iterations / 20, Invariant($"only {session.Opened} opens succeeded"));
        Assert.True(session.Rejected > session.Iterations / 20, Invariant($"only {session.Rejected} opens were rejected"));
    }

    public static TheoryData<string> WavSeedNames() => [.. FuzzSeeds.All.Keys.Where(name => name.StartsWith("wav-", StringComparison.Ordinal))];

    /// <summary>A per-iteration seed from the session seed (SplitMix64), the same on every machine and run.</summary>
    private static int RunSeed(int masterSeed, int iteration)
    {
        var z = ((ulong)(uint)masterSeed << 32) + (uint)iteration + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)(z ^ (z >> 31));
    }

    private static double ReadSeconds() =>
        double.TryParse(Environment.GetEnvironmentVariable("AUDIOPOST_FUZZ_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? seconds
            : DefaultSeconds;

    private static int ReadSeed() =>
        int.TryParse(Environment.GetEnvironmentVariable("AUDIOPOST_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : Random.Shared.Next();

    /// <summary>Reads every file of a folder copied to the test output, by name.</summary>
    private static SortedDictionary<string, byte[]> LoadDirectory(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "Formats", "Fuzz", name);
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        if (Directory.Exists(directory))
        {
            foreach (var path in Directory.EnumerateFiles(directory))
            {
                files[Path.GetFileName(path)] = File.ReadAllBytes(path);
            }
        }

        return files;
    }

    private static string RegressionsSourceDirectory([CallerFilePath] string thisFile = "")
    {
        var source = Path.Combine(Path.GetDirectoryName(thisFile)!, "Regressions");
        return Directory.Exists(Path.GetDirectoryName(source)) ? source : Path.Combine(Path.GetTempPath(), "audiopost-fuzz-regressions");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
