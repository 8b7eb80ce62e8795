using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Wav;
using BenchmarkDotNet.Attributes;

namespace AudioPost.Sdk.Benchmarks.Formats;

/// <summary>
/// Per-block cost of streaming WAV: decoding a block from a 24-bit stereo file and encoding a block to a float file,
/// both on in-memory streams so the figure is the format code and not the disk. A block is <see cref="BlockSize"/>
/// frames; the allocation column must read 0 B (the readers and writers allocate their buffers when opened).
/// </summary>
[MemoryDiagnoser]
public class WavStreamingBenchmarks
{
    private const int FileFrames = 1 << 20;
    private IAudioFileReader? _reader;
    private IAudioFileWriter? _writer;
    private MemoryStream? _output;
    private AudioBuffer? _block;

    /// <summary>Gets or sets the frames per call.</summary>
    [Params(256, 8192)]
    public int BlockSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var spec = new AudioSpec(48_000, ChannelLayout.Stereo);
        _block = new AudioBuffer(2, BlockSize);
        var planar = new float[2 * FileFrames];
        for (var i = 0; i < planar.Length; i++)
        {
            planar[i] = 0.5f * MathF.Sin(i * 0.001f);
        }

        var file = new MemoryStream();
        using (var writer = new WavEncoder().Create(file, spec, SampleFormat.Pcm24, new EncoderOptions { LeaveOpen = true }))
        {
            writer.Write(new ReadOnlyAudioBlock(planar, 2, FileFrames));
        }

        _reader = WavDecoder.Instance.Open(new MemoryStream(file.ToArray()));

        // Room for every write BenchmarkDotNet will make, so the stream never grows (that would be the benchmark's
        // allocation, not the writer's); the header refresh is off so each call is one encode and one copy.
        _output = new MemoryStream(new byte[1 << 30], writable: true);
        var encoder = new WavEncoder(new WavEncoderOptions { HeaderRefreshInterval = TimeSpan.Zero });
        _writer = encoder.Create(_output, spec, SampleFormat.Float32, new EncoderOptions { LeaveOpen = true });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _reader?.Dispose();
        _block?.Dispose();
    }

    /// <summary>Decodes the next block of 24-bit stereo, wrapping to the start at the end of the file.</summary>
    [Benchmark]
    public int ReadPcm24Stereo()
    {
        var read = _reader!.Read(_block!.Block);
        if (read < BlockSize)
        {
            _reader.Seek(0);
        }

        return read;
    }

    /// <summary>Encodes one block of stereo to 32-bit float. With refreshing off the writer only appends, so the
    /// stream is rewound (past the header) before the preallocated memory is full rather than recreating the writer,
    /// whose buffers would then count as allocation.</summary>
    [Benchmark]
    public void WriteFloat32Stereo()
    {
        if (_output!.Position > (1 << 30) - (1 << 20))
        {
            _output.Position = 4096;
        }

        _writer!.Write(_block!.Block);
    }
}
