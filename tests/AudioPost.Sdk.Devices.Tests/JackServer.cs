using System.Diagnostics;
using AudioPost.Sdk.Devices.Jack;

namespace AudioPost.Sdk.Devices.Tests;

/// <summary>
/// A private jackd for one test: the dummy driver (no sound hardware), a server name unique to the test, started
/// here and stopped by its process id. <see cref="Start"/> skips the test when jackd or libjack is missing, and fails
/// it instead when CI=true, so a CI image that loses them cannot silently lose the coverage.
/// </summary>
internal sealed class JackServer : IDisposable
{
    private const string Jackd = "/usr/bin/jackd";
    private static int _counter;

    private Process? _process;

    private JackServer(string name, int sampleRate, int bufferFrames)
    {
        Name = name;
        SampleRate = sampleRate;
        BufferFrames = bufferFrames;
    }

    public string Name { get; }

    public int SampleRate { get; }

    public int BufferFrames { get; }

    public int ProcessId => _process?.Id ?? 0;

    public JackOptions Options => new() { ServerName = Name };

    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Starts a server and waits until it accepts clients.</summary>
    public static JackServer Start(int sampleRate = 48000, int bufferFrames = 256)
    {
        Require();
        // One name per slot, reused across runs: jackd reclaims a registry entry whose name matches and whose process
        // is dead, so even a server killed by a crashed test run does not use up a slot for good.
        // The checkout's folder is hashed in so two checkouts testing at once do not share a server.
        var checkout = 0u;
        foreach (var character in AppContext.BaseDirectory)
        {
            checkout = (checkout * 31) + character;
        }

        checkout %= 1000;
        var name = $"apdev{checkout}s{Interlocked.Increment(ref _counter) % 2}";
        var server = new JackServer(name, sampleRate, bufferFrames);
        server.Launch();
        return server;
    }

    public static void Require()
    {
        string? missing = null;
        if (!File.Exists(Jackd))
        {
            missing = "jackd is not installed; install it with 'apt-get install -y jackd2'.";
        }
        else if (!JackLibrary.IsAvailable)
        {
            missing = "libjack is not installed; install it with 'apt-get install -y libjack-jackd2-0'.";
        }

        if (missing is null)
        {
            return;
        }

        if (IsCi)
        {
            Assert.Fail(missing + " It is required when CI=true.");
        }

        Assert.Skip(missing);
    }

    /// <summary>Starts the same server again after <see cref="Kill"/>.</summary>
    public void Launch()
    {
        var info = new ProcessStartInfo(Jackd)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--no-realtime", "-n", Name, "-d", "dummy", "-r", SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture), "-p", BufferFrames.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("jackd did not start.");
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => log.Enqueue(e.Data ?? string.Empty);
        process.ErrorDataReceived += (_, e) => log.Enqueue(e.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        var deadline = Stopwatch.StartNew();
        var backend = new JackDeviceBackend(Options);
        while (backend.GetDevices().Count == 0)
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(15))
            {
                var exited = process.HasExited;
                Kill();
                Assert.Fail($"jackd -n {Name} did not accept clients within 15 s (exited: {exited}). Its output: {string.Join(" | ", log)}");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>
    /// Stops the server by its process id: SIGTERM, so it leaves libjack's shared server registry clean (a registry
    /// has 8 slots and a SIGKILLed server keeps its slot), then SIGKILL if it has not exited within 5 s.
    /// </summary>
    public void Stop()
    {
        if (_process is not { } process)
        {
            return;
        }

        using (var term = Process.Start("/bin/kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            term.WaitForExit(5000);
        }

        if (process.WaitForExit(5000))
        {
            _process = null;
            process.Dispose();
            return;
        }

        Kill();
    }

    /// <summary>Kills the server (SIGKILL, by process id), as a crash would, and waits for it to exit.</summary>
    public void Kill()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        try
        {
            Process.GetProcessById(process.Id).Kill();
            process.WaitForExit(5000);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }

    public void Dispose() => Stop();
}
