using AudioPost.Sdk.Tests.Formats.Interop;

namespace AudioPost.Sdk.Tests.Dsp.Loudness;

/// <summary>
/// Finds the official EBU loudness test set: shared/testdata/ebu-loudness beside the repository root (the
/// checkout's parent folder), by walking up from the test binaries. Missing: skip locally, fail under CI=true.
/// </summary>
internal static class EbuTestData
{
    private static readonly Lazy<string?> Folder = new(Locate);

    public static string Require()
    {
        if (Folder.Value is { } folder)
        {
            return folder;
        }

        var message = "The EBU loudness test set (shared/testdata/ebu-loudness next to the repository) was not found.";
        if (PeerTool.IsCi)
        {
            Assert.Fail(message + " It is required when CI=true.");
        }

        Assert.Skip(message);
        return string.Empty;
    }

    public static string File(string name) => Path.Combine(Require(), name);

    private static string? Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "testdata", "ebu-loudness");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
