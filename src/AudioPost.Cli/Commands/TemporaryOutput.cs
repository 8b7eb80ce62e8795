namespace AudioPost.Cli.Commands;

/// <summary>
/// The file an IN → OUT command writes instead of OUT: hidden, unique, and in OUT's directory so the final rename stays
/// on one file system (and so is atomic). <see cref="Commit"/> moves it onto OUT; disposing it uncommitted deletes it,
/// so OUT is never left half-written and a failed run leaves nothing behind.
/// </summary>
internal sealed class TemporaryOutput : IDisposable
{
    private readonly string _output;
    private bool _committed;

    /// <summary>Names a temporary file for <paramref name="output"/>; nothing is created yet.</summary>
    /// <param name="output">OUT, the file the temporary one replaces on <see cref="Commit"/>.</param>
    public TemporaryOutput(string output)
    {
        _output = output;
        var directory = Path.GetDirectoryName(Path.GetFullPath(output)) ?? ".";
        TemporaryPath = Path.Combine(directory, $".{Path.GetFileName(output)}.{Guid.NewGuid():N}.tmp");
    }

    /// <summary>Gets the path to write the output to.</summary>
    public string TemporaryPath { get; }

    /// <summary>Replaces OUT with the complete temporary file.</summary>
    public void Commit()
    {
        File.Move(TemporaryPath, _output, overwrite: true);
        _committed = true;
    }

    /// <summary>Deletes the temporary file unless it was committed.</summary>
    public void Dispose()
    {
        if (_committed)
        {
            return;
        }

        try
        {
            File.Delete(TemporaryPath);
        }
        catch (IOException)
        {
            // Best effort: the original error is the one worth reporting.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
