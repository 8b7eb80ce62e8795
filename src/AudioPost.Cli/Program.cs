namespace AudioPost.Cli;

/// <summary>The process entry point of the <c>audiopost</c> tool.</summary>
internal static class Program
{
    private static int Main(string[] args) => CliApp.Run(args, Console.Out, Console.Error);
}
