using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace AudioPost.Sdk.Tests.Formats.Interop;

/// <summary>
/// One command-line peer (sox, ffmpeg, sndfile-convert, ...): finds out once whether it is installed and runs it
/// with an argument list (never a shell string), returning its standard output bytes. A non-zero exit or a timeout
/// fails the test with the command line and everything the tool wrote to standard error.
/// </summary>
/// <remarks>
/// Tests call <see cref="Require"/> first: without the tool they are skipped locally but fail when the environment
/// variable CI is "true", so a CI image that loses a peer cannot silently lose the interop coverage.
/// </remarks>
internal sealed class PeerTool
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly Lazy<bool> _available;
    private readonly string _probeArgument;
    private readonly string _package;

    /// <param name="program">The executable, looked up on PATH.</param>
    /// <param name="probeArgument">An argument that makes the tool print something harmless and exit, e.g. "--version".</param>
    /// <param name="package">The apt package(s) that provide it, for the failure message.</param>
    public PeerTool(string program, string probeArgument, string package)
    {
        Program = program;
        _probeArgument = probeArgument;
        _package = package;
        _available = new Lazy<bool>(Probe);
    }

    public string Program { get; }

    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips the test when the tool is missing, or fails it when CI=true.</summary>
    public void Require()
    {
        if (_available.Value)
        {
            return;
        }

        var message = $"{Program} is not installed; install it with 'apt-get install -y {_package}'.";
        if (IsCi)
        {
            Assert.Fail(message + " It is required when CI=true.");
        }

        Assert.Skip(message);
    }

    /// <summary>Runs the tool and returns its standard output; fails the test on a non-zero exit.</summary>
    public byte[] Run(params string[] arguments) => Run(arguments, DefaultTimeout);

    /// <summary>Starts the tool with its standard streams redirected, for a test that streams through it (a pipe in,
    /// a pipe out); the caller reads, waits for the exit and disposes it.</summary>
    public Process Start(params string[] arguments) => Process.Start(CreateStartInfo(arguments))!;

    /// <summary>Runs the tool and returns its standard output as trimmed UTF-8 text.</summary>
    public string RunText(params string[] arguments) => Encoding.UTF8.GetString(Run(arguments)).Trim();

    /// <summary>Runs the tool and returns its standard output; fails the test on a non-zero exit or after <paramref name="timeout"/>.</summary>
    public byte[] Run(IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var result = Execute(arguments, timeout);
        if (result.TimedOut)
        {
            Assert.Fail($"{Describe(arguments)} did not finish within {timeout.TotalSeconds} s and was killed. Standard error: {result.Error}");
        }

        if (result.ExitCode != 0)
        {
            Assert.Fail($"{Describe(arguments)} exited with {result.ExitCode}. Standard error: {result.Error}");
        }

        return result.Output;
    }

    private bool Probe()
    {
        try
        {
            // Any exit code will do: the question is only whether the executable starts.
            _ = Execute([_probeArgument], DefaultTimeout);
            return true;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }

    private ProcessResult Execute(IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        using var process = new Process { StartInfo = CreateStartInfo(arguments) };
        var error = new StringBuilder();
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (error)
                {
                    error.AppendLine(line.Data);
                }
            }
        };

        process.Start();
        process.StandardInput.Close();
        process.BeginErrorReadLine();

        var timedOut = false;
        using var output = new MemoryStream();
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        {
            deadline.CancelAfter(timeout);
            using var registration = deadline.Token.Register(() =>
            {
                timedOut = true;
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It exited on its own in the meantime.
                }
            });

            // Killing the process closes its standard output, which ends this copy.
            process.StandardOutput.BaseStream.CopyTo(output);

            // Without a timeout argument this also waits for the standard error reader to drain.
            process.WaitForExit();
        }

        string errorText;
        lock (error)
        {
            errorText = error.Length == 0 ? "(empty)" : error.ToString().Trim();
        }

        return new ProcessResult(process.ExitCode, output.ToArray(), errorText, timedOut);
    }

    private string Describe(IReadOnlyList<string> arguments) => $"'{Program} {string.Join(' ', arguments)}'";

    private readonly record struct ProcessResult(int ExitCode, byte[] Output, string Error, bool TimedOut);

    private ProcessStartInfo CreateStartInfo(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(Program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
