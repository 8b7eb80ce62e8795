using AudioPost.Cli.Commands;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Cli;

/// <summary>The temporary file every IN → OUT command writes: replaces OUT on commit, vanishes otherwise.</summary>
public sealed class TemporaryOutputTests
{
    [Fact]
    public void Commit_ReplacesOutAndLeavesNothingElse()
    {
        using var directory = new TempDirectory();
        var output = directory.File("out.wav");
        File.WriteAllText(output, "old");

        using (var temporary = new TemporaryOutput(output))
        {
            Assert.Equal(directory.Path, Path.GetDirectoryName(temporary.TemporaryPath));
            Assert.StartsWith(".out.wav.", Path.GetFileName(temporary.TemporaryPath), StringComparison.Ordinal);
            File.WriteAllText(temporary.TemporaryPath, "new");
            temporary.Commit();
        }

        Assert.Equal("new", File.ReadAllText(output));
        Assert.Equal([output], Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Dispose_Uncommitted_DeletesTheTemporaryFileAndKeepsOut()
    {
        using var directory = new TempDirectory();
        var output = directory.File("out.wav");
        File.WriteAllText(output, "old");

        using (var temporary = new TemporaryOutput(output))
        {
            File.WriteAllText(temporary.TemporaryPath, "half");
        }

        Assert.Equal("old", File.ReadAllText(output));
        Assert.Equal([output], Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Dispose_NothingWritten_DoesNotThrow()
    {
        using var directory = new TempDirectory();
        using var temporary = new TemporaryOutput(directory.File("out.wav"));

        Assert.False(File.Exists(temporary.TemporaryPath));
    }
}
