using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Metadata;

namespace AudioPost.Cli.Commands;

/// <summary>
/// The file-to-file run shared by <c>normalize</c> and <c>podcast</c>: a mastering routine reads IN (from its start,
/// possibly several times) and asks for its writer once it knows the metadata to store; the writer is OUT's temporary
/// file in IN's rate, layout and sample format, which replaces OUT only when the routine has finished.
/// </summary>
internal static class MasteringFileRun
{
    /// <summary>
    /// Runs <paramref name="process"/> from <paramref name="inputPath"/> to <paramref name="outputPath"/>, then
    /// <paramref name="report"/> with its result; returns the exit code. Errors are written to <paramref name="stderr"/>:
    /// a bad OUT as <see cref="ExitCodes.BadUsage"/>; unmeasurable input (<see cref="InvalidOperationException"/>), and
    /// unreadable or unwritable files, as <see cref="ExitCodes.BadInput"/>, naming the file concerned.
    /// </summary>
    /// <typeparam name="TResult">What the routine reports.</typeparam>
    /// <param name="inputPath">IN.</param>
    /// <param name="outputPath">OUT.</param>
    /// <param name="stderr">Where errors go.</param>
    /// <param name="process">The routine: given the reader and the writer factory, processes and returns its result.</param>
    /// <param name="report">Prints the result, once OUT is in place.</param>
    public static int Run<TResult>(
        string inputPath,
        string outputPath,
        TextWriter stderr,
        Func<IAudioFileReader, Func<AudioMetadata, IAudioFileWriter>, TResult> process,
        Action<TResult> report)
    {
        var registry = CliFormats.Registry;
        if (!OutputFileCheck.TryResolve(registry, inputPath, outputPath, stderr, out var container))
        {
            return ExitCodes.BadUsage;
        }

        using var temporary = new TemporaryOutput(outputPath);
        var failedPath = inputPath;
        try
        {
            TResult result;
            using (var reader = registry.OpenRead(inputPath))
            {
                result = process(reader, metadata =>
                {
                    failedPath = outputPath;
                    return registry.Create(temporary.TemporaryPath, reader.Info.Spec, reader.Info.SampleFormat, container, new EncoderOptions { Metadata = metadata });
                });
            }

            temporary.Commit();
            report(result);
            return ExitCodes.Success;
        }
        catch (InvalidOperationException exception)
        {
            return CliErrors.Report(stderr, $"{inputPath}: {exception.Message}", ExitCodes.BadInput);
        }
        catch (Exception exception) when (CliErrors.IsBadInput(exception) || exception is ArgumentOutOfRangeException)
        {
            return CliErrors.ReportBadInput(stderr, failedPath, exception);
        }
    }
}
