using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AudioPost.Sdk.Formats;

namespace AudioPost.Sdk.Tests.Formats.Fuzz;

/// <summary>One input for the session: its bytes, where it came from, and the seed of the choices made while running it.</summary>
internal sealed record FuzzCase(byte[] Input, string Origin, int Seed);

/// <summary>A contract breach, with everything needed to reproduce it.</summary>
internal sealed record FuzzFinding(FuzzCase Case, FuzzFailureException Failure, string Signature)
{
    public int Duplicates { get; set; }
}

/// <summary>
/// Runs inputs through <see cref="DecoderFuzzTarget"/> on a dedicated background thread while the calling thread
/// watches the clock: an input that runs longer than the per-input timeout is reported as a hang (the worker is then
/// abandoned; it is a background thread, so it cannot keep the process alive). Failures are grouped by exception
/// type and throwing frame, keeping the smallest input of each group.
/// </summary>
internal sealed partial class FuzzSession
{
    private const int MaxDistinctFindings = 20;

    private static readonly HashSet<string> s_knownCodes =
        new(["RIFF", "RF64", "BW64", "WAVE", "fmt ", "data", "ds64", "fact", "LIST", "JUNK", "FORM", "AIFF", "AIFC", "COMM", "SSND"], StringComparer.Ordinal);

    private readonly Func<int, FuzzCase?> _next;
    private readonly TimeSpan _inputTimeout;
    private readonly Dictionary<string, FuzzFinding> _findings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _reasons = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private FuzzCase? _current;
    private long _currentStarted;
    private Exception? _harnessError;
    private volatile bool _stop;

    /// <summary>Creates a session.</summary>
    /// <param name="next">Gives the input for iteration i, or null when there are no more.</param>
    /// <param name="inputTimeout">How long one input may take before it counts as a hang.</param>
    public FuzzSession(Func<int, FuzzCase?> next, TimeSpan inputTimeout)
    {
        _next = next;
        _inputTimeout = inputTimeout;
    }

    public long Iterations { get; private set; }

    public long Opened { get; private set; }

    public long Rejected { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    /// <summary>Gets the most common rejection reasons (numbers and quoted names left out), most common first.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> TopReasons(int count)
    {
        lock (_lock)
        {
            return [.. _reasons.OrderByDescending(pair => pair.Value).Take(count)];
        }
    }

    /// <summary>Gets the input that did not finish within the timeout, or null.</summary>
    public FuzzCase? Hang { get; private set; }

    public IReadOnlyList<FuzzFinding> Findings
    {
        get
        {
            lock (_lock)
            {
                return [.. _findings.Values];
            }
        }
    }

    /// <summary>Runs until the inputs run out, <paramref name="cancellationToken"/> fires, or an input hangs.</summary>
    public void Run(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var worker = new Thread(() => Work(cancellationToken)) { IsBackground = true, Name = "Decoder fuzz worker" };
        worker.Start();
        while (!worker.Join(50))
        {
            var started = Interlocked.Read(ref _currentStarted);
            if (started != 0 && Stopwatch.GetElapsedTime(started) > _inputTimeout)
            {
                Hang = Volatile.Read(ref _current);
                _stop = true;
                break;
            }
        }

        Elapsed = watch.Elapsed;
        if (_harnessError is not null)
        {
            throw new InvalidOperationException("The fuzz harness itself failed.", _harnessError);
        }
    }

    /// <summary>Writes the input of each finding and of a hang into <paramref name="directory"/>, named by content hash.</summary>
    /// <returns>The paths written.</returns>
    public List<string> SaveFindings(string directory)
    {
        var inputs = Findings.Select(f => (f.Case.Input, Kind: f.Failure.InnerException?.GetType().Name ?? "contract")).ToList();
        if (Hang is { } hang)
        {
            inputs.Add((hang.Input, "hang"));
        }

        var paths = new List<string>();
        if (inputs.Count == 0)
        {
            return paths;
        }

        Directory.CreateDirectory(directory);
        foreach (var (input, kind) in inputs)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(input))[..12];
            var path = Path.Combine(directory, $"{kind}-{hash}.bin");
            File.WriteAllBytes(path, input);
            paths.Add(path);
        }

        return paths;
    }

    /// <summary>Describes every finding and the hang, with inputs in hex and stack traces.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        if (Hang is { } hang)
        {
            text.Append(CultureInfo.InvariantCulture, $"HANG: {hang.Origin} (run seed {hang.Seed}) did not finish within {_inputTimeout.TotalSeconds} s\n  input: {Convert.ToHexString(hang.Input)}\n");
        }

        foreach (var finding in Findings)
        {
            text.Append(CultureInfo.InvariantCulture, $"FAILURE ({finding.Duplicates} more like it): {finding.Failure.Message}\n");
            text.Append(CultureInfo.InvariantCulture, $"  from: {finding.Case.Origin} (run seed {finding.Case.Seed})\n");
            text.Append(CultureInfo.InvariantCulture, $"  input ({finding.Case.Input.Length} bytes): {Convert.ToHexString(finding.Case.Input)}\n");
            text.Append(CultureInfo.InvariantCulture, $"  {finding.Failure.InnerException?.ToString() ?? finding.Failure.StackTrace}\n");
        }

        return text.ToString();
    }

    /// <summary>Groups failures by what escaped and the first SDK frame it escaped from.</summary>
    private static string SignatureOf(FuzzFailureException failure)
    {
        if (failure.InnerException is not { } inner)
        {
            // A broken invariant: the route and the problem, without the numbers.
            return new string([.. failure.Message.Where(c => !char.IsAsciiDigit(c))]);
        }

        var frame = inner.StackTrace?.Split('\n')
            .Select(line => line.Trim())
            .FirstOrDefault(line => line.Contains("AudioPost.Sdk.", StringComparison.Ordinal) && !line.Contains(".Tests.", StringComparison.Ordinal));
        return $"{inner.GetType().FullName} at {frame}";
    }

    private void Work(CancellationToken cancellationToken)
    {
        try
        {
            for (var i = 0; !_stop && !cancellationToken.IsCancellationRequested; i++)
            {
                if (_next(i) is not { } fuzzCase)
                {
                    return;
                }

                Volatile.Write(ref _current, fuzzCase);
                Interlocked.Exchange(ref _currentStarted, Stopwatch.GetTimestamp());
                try
                {
                    var (opened, rejected) = DecoderFuzzTarget.Run(fuzzCase.Input, new Random(fuzzCase.Seed), CountReason);
                    Opened += opened;
                    Rejected += rejected;
                }
                catch (FuzzFailureException failure)
                {
                    Record(fuzzCase, failure);
                }

                Interlocked.Exchange(ref _currentStarted, 0);
                Iterations++;
            }
        }
        catch (Exception exception)
        {
            _harnessError = exception;
        }
    }

    private void CountReason(AudioFormatException exception)
    {
        var reason = ShapeOf(exception.Reason);
        lock (_lock)
        {
            _reasons[reason] = _reasons.GetValueOrDefault(reason) + 1;
        }
    }

    /// <summary>A reason without its numbers and hex, and with quoted values other than well-known codes blanked, so one check is one entry.</summary>
    private static string ShapeOf(string reason)
    {
        var parts = reason.Split('\'');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = i % 2 == 1
                ? (s_knownCodes.Contains(parts[i]) ? parts[i] : "?")
                : NumberPattern().Replace(parts[i], "#");
        }

        return string.Join('\'', parts);
    }

    [GeneratedRegex("0x[0-9A-Fa-f]+|[0-9]+")]
    private static partial Regex NumberPattern();

    private void Record(FuzzCase fuzzCase, FuzzFailureException failure)
    {
        var signature = SignatureOf(failure);
        lock (_lock)
        {
            if (_findings.TryGetValue(signature, out var existing))
            {
                existing.Duplicates++;
                if (fuzzCase.Input.Length < existing.Case.Input.Length)
                {
                    _findings[signature] = new FuzzFinding(fuzzCase, failure, signature) { Duplicates = existing.Duplicates };
                }
            }
            else if (_findings.Count < MaxDistinctFindings)
            {
                _findings[signature] = new FuzzFinding(fuzzCase, failure, signature);
            }
        }
    }
}
