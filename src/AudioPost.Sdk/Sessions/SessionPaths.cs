namespace AudioPost.Sdk.Sessions;

/// <summary>Resolves clip paths against the session's folder and refuses the ones that leave it.</summary>
internal static class SessionPaths
{
    private const int MaxLinkDepth = 40;

    /// <summary>Resolves <paramref name="written"/> against <paramref name="folder"/>; unless allowed, refuses an
    /// absolute path, and a path whose real location (symbolic links followed) is not inside the folder's.</summary>
    public static string Resolve(string folder, string written, bool allowOutside, string? sessionPath, string jsonPath)
    {
        var combined = Path.GetFullPath(Path.Combine(folder, written));
        if (allowOutside)
        {
            return combined;
        }

        if (Path.IsPathRooted(written))
        {
            throw new SessionPathException(sessionPath, jsonPath, written, $"'{written}' is an absolute path; clip paths are relative to the session's folder");
        }

        var realFolder = RealPath(Path.GetFullPath(folder), 0);
        var real = RealPath(combined, 0);
        if (!IsInside(real, realFolder))
        {
            throw new SessionPathException(sessionPath, jsonPath, written, $"'{written}' leads outside the session's folder (to {real})");
        }

        return combined;
    }

    private static bool IsInside(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            && !Path.IsPathRooted(relative);
    }

    /// <summary>Follows symbolic links component by component (what the OS would open), for paths that exist; the
    /// components that do not exist are kept as written.</summary>
    private static string RealPath(string fullPath, int depth)
    {
        if (depth > MaxLinkDepth)
        {
            throw new IOException($"Too many levels of symbolic links at {fullPath}.");
        }

        var root = Path.GetPathRoot(fullPath) ?? string.Empty;
        var current = root;
        var parts = fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.Exists && info.LinkTarget is { } target)
            {
                next = RealPath(Path.GetFullPath(Path.Combine(current, target)), depth + 1);
            }

            current = next;
        }

        return current;
    }
}
