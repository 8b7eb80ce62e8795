using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Aiff;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Formats.Aiff;

public sealed class AiffAllocationTests
{
    private const int BlockFrames = 256;

    public static TheoryData<SampleFormat, AiffVariant> Encodings() => new()
    {
        { SampleFormat.Pcm8, AiffVariant.Automatic },
        { SampleFormat.Pcm16, AiffVariant.Automatic },
        { SampleFormat.Pcm24, AiffVariant.Automatic },
        { SampleFormat.Pcm32, AiffVariant.AiffC },
        { SampleFormat.Pcm16, AiffVariant.AiffCLittleEndian },
        { SampleFormat.Float32, AiffVariant.Automatic },
        { SampleFormat.Float64, AiffVariant.Automatic },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Write_AfterWarmUp_AllocatesNothing(SampleFormat format, AiffVariant variant)
    {
        var samples = new float[2 * BlockFrames];
        samples.AsSpan(0, BlockFrames).Fill(0.25f);
        WarmUpProcess();
        using var stream = new MemoryStream(capacity: 16 << 20);
        using var writer = CreateWriter(stream, format, variant);

        // Header refreshes (every 2400 frames, so every few blocks) happen inside the measured calls too.
        AllocationAssert.NoAllocations(_ => writer.Write(new ReadOnlyAudioBlock(samples, 2, BlockFrames)), iterations: 2000);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void ReadAndSeek_AfterWarmUp_AllocateNothing(SampleFormat format, AiffVariant variant)
    {
        using var stream = new MemoryStream();
        using (var writer = CreateWriter(stream, format, variant))
        {
            var samples = new float[2 * BlockFrames];
            for (var i = 0; i < 40; i++)
            {
                writer.Write(new ReadOnlyAudioBlock(samples, 2, BlockFrames));
            }
        }

        WarmUpProcess();
        stream.Position = 0;
        using var reader = AiffDecoder.Instance.Open(stream, new DecoderOptions { BufferSize = 3000 });
        var scratch = new float[2 * BlockFrames];

        // The file is 40 blocks long, so the warm-up already reaches the end and seeks back.
        AllocationAssert.NoAllocations(
            i =>
            {
                if (reader.Read(new AudioBlock(scratch, 2, BlockFrames)) < BlockFrames)
                {
                    reader.Seek(i % 100);
                }
            },
            iterations: 5000);
    }

    /// <summary>
    /// Lets one-off, per-process work (the first full GC of the test process, which the large stream below can trigger,
    /// and its follow-up bookkeeping) happen before the measured window rather than inside it.
    /// </summary>
    private static void WarmUpProcess()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static IAudioFileWriter CreateWriter(MemoryStream stream, SampleFormat format, AiffVariant variant)
    {
        var encoder = new AiffEncoder(new AiffEncoderOptions { Variant = variant, HeaderRefreshInterval = TimeSpan.FromMilliseconds(50) });
        return encoder.Create(stream, new AudioSpec(48000, ChannelLayout.Stereo), format, new EncoderOptions { LeaveOpen = true, BufferSize = 4096 });
    }
}
