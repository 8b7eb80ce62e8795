using System.Globalization;
using AudioPost.Sdk.Graph;

namespace AudioPost.Cli;

/// <summary>
/// A one-line progress bar for long renders, redrawn in place on a terminal. Shown only when
/// stderr is an interactive terminal and no machine-readable output was asked for, so pipes,
/// logs and <c>--json</c> stay clean.
/// </summary>
internal sealed class ConsoleProgressBar : IProgress<RenderProgress>
{
    private const int Width = 30;
    private readonly TextWriter _writer;
    private bool _drawn;

    private ConsoleProgressBar(TextWriter writer)
    {
        _writer = writer;
    }

    /// <summary>Returns a bar drawing on <paramref name="stderr"/> if that is the process's interactive stderr, otherwise null.</summary>
    public static ConsoleProgressBar? CreateIfInteractive(TextWriter stderr, bool machineReadable) =>
        !machineReadable && ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected
            ? new ConsoleProgressBar(stderr)
            : null;

    public void Report(RenderProgress value)
    {
        var filled = (int)Math.Round(value.Fraction * Width);
        _writer.Write(string.Create(
            CultureInfo.InvariantCulture,
            $"\r[{new string('#', filled)}{new string(' ', Width - filled)}] {value.Fraction,4:P0}  {value.RealtimeFactor,6:0}x real time"));
        _drawn = true;
    }

    /// <summary>Ends the bar's line so the next output starts on a fresh one.</summary>
    public void Finish()
    {
        if (_drawn)
        {
            _writer.WriteLine();
        }
    }
}
