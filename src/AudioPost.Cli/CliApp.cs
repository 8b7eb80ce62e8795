using System.CommandLine;
using AudioPost.Cli.Commands;

namespace AudioPost.Cli;

/// <summary>
/// The <c>audiopost</c> command line as a callable function, so it can run in-process (tests, hosts) with its output
/// captured.
/// </summary>
public static class CliApp
{
    /// <summary>Parses <paramref name="args"/>, runs the command they name and returns the process exit code.</summary>
    /// <param name="args">The arguments, without the program name, for example <c>["info", "in.wav", "--json"]</c>.</param>
    /// <param name="stdout">Receives normal output (results, help).</param>
    /// <param name="stderr">Receives errors: one line per bad input, System.CommandLine's messages for bad usage.</param>
    /// <returns>0 on success, 1 for bad usage (a parse error), 2 for bad input (a missing, unreadable or malformed file).</returns>
    /// <remarks>Builds a fresh command tree per call, so concurrent calls with distinct writers are safe. Blocking I/O.
    /// Commands that read standard input (<c>timecode -</c>) read <see cref="Console.In"/>.</remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => RunWithInput(args, Console.In, stdout, stderr);

    /// <summary>Parses <paramref name="args"/>, runs the command they name with <paramref name="stdin"/> as its standard
    /// input and returns the process exit code (<see cref="Run"/> with a given standard input, for tests and hosts).</summary>
    /// <param name="args">The arguments, without the program name, for example <c>["timecode", "-", "--rate", "25"]</c>.</param>
    /// <param name="stdin">Standard input, read by commands given <c>-</c> (<c>timecode</c>).</param>
    /// <param name="stdout">Receives normal output (results, help).</param>
    /// <param name="stderr">Receives errors: one line per bad input, System.CommandLine's messages for bad usage.</param>
    /// <returns>0 on success, 1 for bad usage (a parse error), 2 for bad input (a missing, unreadable or malformed file).</returns>
    /// <remarks>Builds a fresh command tree per call, so concurrent calls with distinct readers and writers are safe.
    /// Blocking I/O.</remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static int RunWithInput(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        var root = new RootCommand("audiopost: inspect, convert, render and measure audio files with AudioPost.Sdk.")
        {
            InfoCommand.Create(),
            GenerateCommand.Create(),
            ConvertCommand.Create(),
            LoudnessCommand.Create(),
            NormalizeCommand.Create(),
            PodcastCommand.Create(),
            ProcessCommand.Create(),
            DenoiseCommand.Create(),
            TrimCommand.Create(),
            TimecodeCommand.Create(stdin),
            DevicesCommand.Create(),
            PlayCommand.Create(),
            RecordCommand.Create(),
            LtcCommand.Create(),
            RenderCommand.Create(),
        };

        return root.Parse(args).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
