namespace AudioPost.Cli;

/// <summary>The process exit codes of every <c>audiopost</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command line could not be parsed (System.CommandLine's own parse-error code).</summary>
    public const int BadUsage = 1;

    /// <summary>An input file is missing, unreadable or malformed.</summary>
    public const int BadInput = 2;
}
