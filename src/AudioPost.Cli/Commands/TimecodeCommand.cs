using System.CommandLine;
using System.Globalization;
using AudioPost.Sdk.Timing;

namespace AudioPost.Cli.Commands;

/// <summary>
/// <c>audiopost timecode (TC | --frames N | --samples N) --rate RATE [--sample-rate SR] [--json]</c>: converts between
/// a timecode label, the frame count since 00:00:00:00 and the sample frame where that frame starts. Given <c>-</c> in
/// place of the value, answers one request per stdin line.
/// </summary>
internal static class TimecodeCommand
{
    private const string Stdin = "-";
    private const long Limit = 1_000_000_000_000_000;

    /// <summary>Builds the <c>timecode</c> command; <paramref name="stdin"/> feeds the <c>-</c> mode.</summary>
    public static Command Create(TextReader stdin)
    {
        var label = new Argument<string?>("TC")
        {
            Description = "A timecode label, hh:mm:ss:ff (';' before the frames for drop-frame), or - to read requests from stdin.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var frames = new Option<string?>("--frames") { Description = "A frame count since 00:00:00:00 (negative before it), or - for stdin." };
        var samples = new Option<string?>("--samples") { Description = "A sample frame since 00:00:00:00 at --sample-rate (negative before it), or - for stdin." };
        var rate = new Option<string?>("--rate") { Description = "The timecode rate: 23.976 24 25 29.97 29.97df 30 47.952 48 50 59.94 59.94df 60 (required)." };
        var sampleRate = new Option<string?>("--sample-rate") { Description = "Sample rate in Hz for the sample frame (default 48000)." };
        var json = new Option<bool>("--json") { Description = "Print {\"timecode\": ..., \"frames\": ..., \"samples\": ...} on one line." };

        var command = new Command(
            "timecode",
            "Convert between timecode, frame count and sample frame. A frame starts at sample floor(F*fs*den/num + 1/2): its exact start rounded half up.")
        {
            label, frames, samples, rate, sampleRate, json,
        };

        command.SetAction(parseResult =>
        {
            var configuration = parseResult.InvocationConfiguration;
            var request = new Request(
                parseResult.GetValue(label),
                parseResult.GetValue(frames),
                parseResult.GetValue(samples),
                parseResult.GetValue(rate),
                parseResult.GetValue(sampleRate),
                parseResult.GetValue(json));
            return Run(request, stdin, configuration.Output, configuration.Error);
        });
        return command;
    }

    private static int Run(Request request, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var given = (request.Label is null ? 0 : 1) + (request.Frames is null ? 0 : 1) + (request.Samples is null ? 0 : 1);
        if (given != 1)
        {
            return CliErrors.Report(stderr, "give exactly one of TC, --frames N or --samples N", ExitCodes.BadUsage);
        }

        if (request.Label != Stdin && request.Frames != Stdin && request.Samples != Stdin)
        {
            return Answer(request, stdout, stderr, singleLine: false);
        }

        // One request per line: the line's text stands where '-' stood, so a line may be a bare value
        // ("01:00:00;00") or carry its own options ("100 --rate 25") when the command line left them out.
        var worst = ExitCodes.Success;
        while (stdin.ReadLine() is { } line)
        {
            var tokens = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0)
            {
                continue;
            }

            var spliced = Splice(request, tokens, out var error);
            var code = error is null ? Answer(spliced, stdout, stderr, singleLine: true) : Fail(spliced.Json, error, ExitCodes.BadUsage, stdout, stderr);
            worst = Math.Max(worst, code);
        }

        return worst;
    }

    private static Request Splice(Request request, string[] tokens, out string? error)
    {
        error = null;
        string? rate = request.Rate, sampleRate = request.SampleRate;
        var json = request.Json;
        for (var i = 1; i < tokens.Length; i++)
        {
            switch (tokens[i])
            {
                case "--rate" when i + 1 < tokens.Length: rate = tokens[++i]; break;
                case "--sample-rate" when i + 1 < tokens.Length: sampleRate = tokens[++i]; break;
                case "--json": json = true; break;
                default: error = $"unexpected '{tokens[i]}' on the input line (a line holds the value, then optionally --rate, --sample-rate or --json)"; break;
            }
        }

        request = request with { Rate = rate, SampleRate = sampleRate, Json = json };
        return request.Label == Stdin ? request with { Label = tokens[0] }
            : request.Frames == Stdin ? request with { Frames = tokens[0] }
            : request with { Samples = tokens[0] };
    }

    private static int Answer(Request request, TextWriter stdout, TextWriter stderr, bool singleLine)
    {
        if (!TryResolve(request, out var answer, out var error, out var code))
        {
            return singleLine ? Fail(request.Json, error, code, stdout, stderr) : CliErrors.Report(stderr, error, code);
        }

        if (request.Json)
        {
            stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{{\"timecode\": \"{answer.Timecode}\", \"frames\": {answer.Frames}, \"samples\": {answer.Samples}}}"));
            return ExitCodes.Success;
        }

        var exact = answer.ExactSamples == answer.Samples ? string.Empty : $" (exact start {answer.ExactSamples}, rounded half up)";
        stdout.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{answer.Timecode} @ {answer.Rate}: frame {answer.Frames}, sample {answer.Samples} @ {answer.SampleRate} Hz{exact}"));
        return ExitCodes.Success;
    }

    // In stdin mode a failed request still gets its answer line, so answers stay aligned with requests.
    private static int Fail(bool json, string error, int code, TextWriter stdout, TextWriter stderr)
    {
        stdout.WriteLine(json ? $"{{\"error\": \"{error.Replace("\\", "/", StringComparison.Ordinal).Replace("\"", "'", StringComparison.Ordinal)}\"}}" : "error: " + error);
        return CliErrors.Report(stderr, error, code);
    }

    private static bool TryResolve(Request request, out Resolved answer, out string error, out int code)
    {
        answer = default;
        code = ExitCodes.BadUsage;
        if (request.Rate is null)
        {
            error = "--rate is required: one of " + string.Join(' ', TimecodeRates.Labels);
            return false;
        }

        if (!FrameRate.TryParse(request.Rate, out var rate))
        {
            error = $"--rate '{request.Rate}' is not one of " + string.Join(' ', TimecodeRates.Labels);
            return false;
        }

        var sampleRate = 48_000;
        if (request.SampleRate is not null
            && (!int.TryParse(request.SampleRate, NumberStyles.None, CultureInfo.InvariantCulture, out sampleRate) || sampleRate is < 1 or > 10_000_000))
        {
            error = $"--sample-rate '{request.SampleRate}' is not a whole number of Hz from 1 to 10000000";
            return false;
        }

        code = ExitCodes.BadInput;
        long frameCount;
        if (request.Label is not null)
        {
            try
            {
                frameCount = Timecode.Parse(request.Label, rate).FrameCount;
            }
            catch (TimecodeFormatException exception)
            {
                error = exception.Message;
                return false;
            }
        }
        else if (!long.TryParse(request.Frames ?? request.Samples, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            || number is < -Limit or > Limit)
        {
            error = $"'{request.Frames ?? request.Samples}' is not a whole number of {(request.Frames is not null ? "frames" : "samples")} from -10^15 to 10^15";
            return false;
        }
        else
        {
            frameCount = request.Frames is not null ? number : rate.SampleToFrame(number, sampleRate);
        }

        var samples = rate.FrameToSample(frameCount, sampleRate);
        var exact = ((decimal)frameCount * sampleRate * rate.Denominator) / rate.Numerator;
        answer = new Resolved(Timecode.FromFrameCount(frameCount, rate), rate, frameCount, samples, exact, sampleRate);
        error = string.Empty;
        return true;
    }

    private readonly record struct Request(string? Label, string? Frames, string? Samples, string? Rate, string? SampleRate, bool Json);

    private readonly record struct Resolved(Timecode Timecode, FrameRate Rate, long Frames, long Samples, decimal ExactSamples, int SampleRate);
}
