using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;

namespace AudioPost.Sdk.Tests.Formats.Fuzz;

/// <summary>
/// Feeds one input to every way of opening it (detection through <see cref="AudioFormatRegistry.Default"/>, then
/// each registered decoder directly with assorted <see cref="DecoderOptions"/>), reads every frame in random blocks,
/// seeks to random frames and reads again, and checks the contract for bad input: only
/// <see cref="AudioFormatException"/> escapes, with a message and an offset inside the file, and no open allocates
/// more than <see cref="AllocationLimit"/>. Any breach throws <see cref="FuzzFailureException"/>.
/// </summary>
internal static class DecoderFuzzTarget
{
    /// <summary>The fixed part of the allocation allowed per open: the reader, its options, exceptions and their
    /// stack traces, and the odd lazily built table. A buffer sized by an unchecked header field (a 4 GiB data size,
    /// 65535 channels) is far larger than this plus the input-proportional part.</summary>
    public const long AllocationAllowance = 1024 * 1024;

    /// <summary>The part that may grow with the input: a decoder may hold a buffer as large as the data it has.</summary>
    public const int AllocationPerInputByte = 4;

    private const int MaxBlockFrames = 1024;

    [ThreadStatic]
    private static float[]? t_scratch;

    /// <summary>Gets the allocation allowed for one open of an input of <paramref name="length"/> bytes.</summary>
    public static long AllocationLimit(int length) => AllocationAllowance + ((long)AllocationPerInputByte * length);

    /// <summary>Runs every check on <paramref name="input"/>.</summary>
    /// <param name="input">The file bytes.</param>
    /// <param name="random">Picks options, block sizes and seek targets.</param>
    /// <param name="onRejected">Called with each <see cref="AudioFormatException"/> that was thrown, or null.</param>
    /// <returns>How many of the opens succeeded, and how many were rejected with <see cref="AudioFormatException"/>.</returns>
    /// <exception cref="FuzzFailureException">The contract was broken.</exception>
    public static (int Opened, int Rejected) Run(byte[] input, Random random, Action<AudioFormatException>? onRejected = null)
    {
        // Allocated once per thread, outside the measured region.
        var scratch = t_scratch ??= new float[ChannelLayout.MaxChannels * MaxBlockFrames];
        var opened = 0;
        var rejected = 0;
        Count(Attempt("registry detection", input, random, scratch, onRejected, stream => AudioFormatRegistry.Default.OpenRead(stream)));
        foreach (var format in AudioFormatRegistry.Default.Formats)
        {
            var decoder = AudioFormatRegistry.Default.GetDecoder(format);
            var (options, description) = PickOptions(random);
            Count(Attempt($"{format.Name} decoder directly, {description}", input, random, scratch, onRejected, stream => decoder.Open(stream, options)));
        }

        return (opened, rejected);

        void Count(bool success)
        {
            if (success)
            {
                opened++;
            }
            else
            {
                rejected++;
            }
        }
    }

    private static (DecoderOptions? Options, string Description) PickOptions(Random random) => random.Next(5) switch
    {
        0 => (null, "default options"),
        1 => (new DecoderOptions { BufferSize = 1 }, "1-byte buffer"),
        2 => (new DecoderOptions { LeaveOpen = true }, "leave open"),
        _ => (new DecoderOptions { BufferSize = random.Next(1, 4097) }, "small buffer"),
    };

    private static bool Attempt(
        string route, byte[] input, Random random, float[] scratch, Action<AudioFormatException>? onRejected, Func<Stream, IAudioFileReader> open)
    {
        bool success;
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            using var reader = open(new MemoryStream(input, writable: false));
            Exercise(route, reader, input.Length, random, scratch);
            success = true;
        }
        catch (AudioFormatException exception)
        {
            CheckException(route, exception, input.Length);
            onRejected?.Invoke(exception);
            success = false;
        }
        catch (FuzzFailureException)
        {
            throw;
        }
        catch (Exception exception)
        {
            throw new FuzzFailureException($"{route}: {exception.GetType().FullName} escaped instead of AudioFormatException", exception);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (allocated > AllocationLimit(input.Length))
        {
            throw new FuzzFailureException(Invariant(
                $"{route}: allocated {allocated} bytes for a {input.Length}-byte input (limit {AllocationLimit(input.Length)}): an allocation sized by a header field?"));
        }

        return success;
    }

    private static void CheckException(string route, AudioFormatException exception, int length)
    {
        if (string.IsNullOrWhiteSpace(exception.Reason) || string.IsNullOrWhiteSpace(exception.Message))
        {
            throw new FuzzFailureException($"{route}: AudioFormatException without a reason", exception);
        }

        if (exception.Offset is not { } offset)
        {
            throw new FuzzFailureException($"{route}: AudioFormatException names no offset: {exception.Message}", exception);
        }

        if (offset < 0 || offset > length)
        {
            throw new FuzzFailureException(Invariant($"{route}: offset {offset} is outside the {length}-byte file: {exception.Message}"), exception);
        }

        if (exception.FilePath is not null)
        {
            throw new FuzzFailureException($"{route}: a stream has no path, but the exception names '{exception.FilePath}'", exception);
        }
    }

    private static void Exercise(string route, IAudioFileReader reader, int length, Random random, float[] scratch)
    {
        var info = reader.Info;
        var channels = info.ChannelCount;
        Require(info.SampleRate is >= 1 and <= AudioSpec.MaxSampleRate, route, $"sample rate {info.SampleRate}");
        Require(channels is >= 1 and <= ChannelLayout.MaxChannels, route, $"{channels} channels");
        Require(info.Frames >= 0 && info.Frames <= length, route, $"{info.Frames} frames claimed by a {length}-byte file");
        Require(reader.Position == 0, route, $"position {reader.Position} after open");

        Require(reader.Read(new AudioBlock(scratch.AsSpan(0, 0), channels, 0)) == 0, route, $"an empty block read frames");

        // Every frame, in blocks of random size.
        long total = 0;
        while (true)
        {
            var frames = BlockFrames(random);
            var read = reader.Read(new AudioBlock(scratch.AsSpan(0, channels * frames), channels, frames));
            Require(read >= 0 && read <= frames, route, $"Read returned {read} for a {frames}-frame block");
            if (read == 0)
            {
                break;
            }

            total += read;
            Require(total <= info.Frames, route, $"read {total} frames of {info.Frames}");
        }

        Require(total == info.Frames, route, $"read {total} frames but the header promised {info.Frames} (an in-memory file cannot shrink)");
        Require(reader.Position == info.Frames, route, $"position {reader.Position} at the end of {info.Frames} frames");

        // Random seeks, each followed by a read.
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            var frame = random.NextInt64(0, info.Frames + 1);
            reader.Seek(frame);
            Require(reader.Position == frame, route, $"position {reader.Position} after Seek({frame})");
            var frames = BlockFrames(random);
            var read = reader.Read(new AudioBlock(scratch.AsSpan(0, channels * frames), channels, frames));
            var expected = Math.Min(frames, info.Frames - frame);
            Require(read == expected, route, $"read {read} frames after Seek({frame}) of {info.Frames}, expected {expected}");
        }
    }

    private static int BlockFrames(Random random) => random.Next(4) switch
    {
        0 => 1,
        1 => random.Next(1, 16),
        2 => random.Next(1, 256),
        _ => MaxBlockFrames,
    };

    private static void Require(bool condition, string route, FormattableString problem)
    {
        if (!condition)
        {
            throw new FuzzFailureException($"{route}: {Invariant(problem)}");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A decoder broke the bad-input contract; <see cref="Exception.InnerException"/> is what escaped, if anything.</summary>
public sealed class FuzzFailureException : Exception
{
    public FuzzFailureException()
    {
    }

    public FuzzFailureException(string message)
        : base(message)
    {
    }

    public FuzzFailureException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
