using System.Buffers.Binary;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;

namespace AudioPost.Sdk.Tests.Formats;

/// <summary>
/// The header-mutation check the WAV and AIFF malformed-input tests share: a valid seed file is mutated thousands of
/// times and every result must either open and read whole, or fail with an <see cref="AudioFormatException"/> whose
/// offset lies in the file. Only the seed, the byte order and the interesting field values differ per format.
/// </summary>
internal static class MalformedInputHarness
{
    public const int Iterations = 4000;

    /// <summary>Mutates <paramref name="seed"/> <see cref="Iterations"/> times and opens each result.</summary>
    /// <param name="seed">A valid file that opens with <paramref name="seedFrames"/> frames.</param>
    /// <param name="seedFrames">The frames <paramref name="seed"/> holds.</param>
    /// <param name="randomSeed">Fixes the mutations, so a failure reproduces.</param>
    /// <param name="bigEndian">Whether the format's size fields are big-endian (AIFF) or little-endian (WAV).</param>
    /// <param name="interesting32">32-bit values to plant in size, count and offset fields; a random one is added.</param>
    /// <param name="interesting16">16-bit values to plant in channel, sample-size and format fields.</param>
    public static void AssertOnlyAudioFormatExceptions(
        byte[] seed, long seedFrames, int randomSeed, bool bigEndian, uint[] interesting32, ushort[] interesting16)
    {
        Assert.Equal(seedFrames, ReadAll(seed));

        var random = new Random(randomSeed);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < Iterations; i++)
        {
            var mutated = Mutate(seed, random, bigEndian, interesting32, interesting16);
            string outcome;
            try
            {
                ReadAll(mutated);
                outcome = "opened";
            }
            catch (AudioFormatException exception)
            {
                Assert.NotNull(exception.Offset);
                Assert.InRange(exception.Offset.Value, 0, mutated.Length);
                outcome = "rejected";
            }
            catch (Exception exception)
            {
                Assert.Fail($"Iteration {i} threw {exception.GetType().Name} instead of AudioFormatException. File: {Convert.ToHexString(mutated)}\n{exception}");
                throw;
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        // Both outcomes must be common, or the mutations are not probing the parser.
        Assert.True(outcomes.GetValueOrDefault("opened") > Iterations / 20, Describe(outcomes));
        Assert.True(outcomes.GetValueOrDefault("rejected") > Iterations / 20, Describe(outcomes));
    }

    /// <summary>Opens through the registry (detection included), reads every frame, returns the frame count.</summary>
    public static long ReadAll(byte[] file)
    {
        using var reader = AudioFormatRegistry.Default.OpenRead(new MemoryStream(file));
        var channels = reader.Info.ChannelCount;
        var scratch = new float[channels * 7];
        long total = 0;
        int read;
        while ((read = reader.Read(new AudioBlock(scratch, channels, 7))) > 0)
        {
            total += read;
        }

        Assert.Equal(reader.Info.Frames, total);
        return total;
    }

    private static string Describe(Dictionary<string, int> outcomes) =>
        string.Join(", ", outcomes.Select(pair => $"{pair.Key}: {pair.Value}"));

    // Draws from random in the same order the per-format copies did, so the seeds keep producing the same files.
    private static byte[] Mutate(byte[] seed, Random random, bool bigEndian, uint[] interesting32, ushort[] interesting16)
    {
        var bytes = (byte[])seed.Clone();
        var headerLength = Math.Min(bytes.Length, 100);
        switch (random.Next(5))
        {
            case 0:
                // Flip a few random header bytes.
                for (var n = random.Next(1, 5); n > 0; n--)
                {
                    bytes[random.Next(headerLength)] = (byte)random.Next(256);
                }

                return bytes;
            case 1:
                // An interesting 32-bit value into an aligned size, count, offset or format field.
                uint[] interesting = [.. interesting32, (uint)random.Next()];
                var at = random.Next(headerLength / 2) * 2;
                var field32 = bytes.AsSpan(Math.Min(at, bytes.Length - 4));
                var value32 = interesting[random.Next(interesting.Length)];
                if (bigEndian)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(field32, value32);
                }
                else
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(field32, value32);
                }

                return bytes;
            case 2:
                // An interesting 16-bit value into a channel, sample-size, exponent or format field.
                var field16 = bytes.AsSpan(random.Next(headerLength - 2));
                var value16 = interesting16[random.Next(interesting16.Length)];
                if (bigEndian)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(field16, value16);
                }
                else
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(field16, value16);
                }

                return bytes;
            case 3:
                // Truncate anywhere.
                return bytes[..random.Next(bytes.Length)];
            default:
                // Duplicate or drop a stretch of header bytes.
                var start = random.Next(headerLength);
                var length = random.Next(1, 16);
                var list = bytes.ToList();
                if (random.Next(2) == 0)
                {
                    list.InsertRange(start, list.Skip(start).Take(length).ToArray());
                }
                else
                {
                    list.RemoveRange(start, Math.Min(length, list.Count - start));
                }

                return [.. list];
        }
    }
}
