using System.Runtime.CompilerServices;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats.SndFile.Interop;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Formats.SndFile.Tests;

/// <summary>Runs alone: <see cref="SndFileHandle.LiveCount"/> is process-wide, so no other test may open files meanwhile.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class SndFileHandleLifetimeCollection;

/// <summary>Readers and writers dropped without <c>Dispose</c>: the finalizer closes the native handle and the file.</summary>
[Collection(typeof(SndFileHandleLifetimeCollection))]
public sealed class SndFileHandleLifetimeTests
{
    private static readonly AudioFormatRegistry Registry = new AudioFormatRegistryBuilder().AddSndFileFormats().Build();

    [Fact]
    public void OpenRead_ReaderDroppedWithoutDispose_FinalizerClosesTheNativeHandleAndTheFile()
    {
        NativePeers.RequireLibSndFile();
        using var directory = new TempDirectory();
        var path = directory.File("dropped.flac");
        WriteFlac(path, frames: 4800);
        Collect();
        var before = SndFileHandle.LiveCount;

        OpenReadAndDrop(path);
        Assert.Equal(before + 1, SndFileHandle.LiveCount);

        Collect();

        Assert.Equal(before, SndFileHandle.LiveCount);
        Assert.Equal(0, SndFileHandle.LiveCount);

        // An exclusive open fails while any handle to the file (the reader's FileStream took a shared lock) is open.
        using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
        }

        File.Delete(path);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void OpenRead_ReaderOverLeftOpenStreamDropped_FinalizerClosesTheHandleButNotTheStream()
    {
        NativePeers.RequireLibSndFile();
        using var directory = new TempDirectory();
        var path = directory.File("left-open.flac");
        WriteFlac(path, frames: 1000);
        using var stream = File.OpenRead(path);
        Collect();

        OpenAndDrop(stream);
        Collect();

        Assert.Equal(0, SndFileHandle.LiveCount);
        Assert.True(stream.CanRead);
        stream.Position = 0;
        using var reader = SndFileDecoder.Instance.Open(stream, new DecoderOptions { LeaveOpen = true });
        Assert.Equal(1000, reader.Info.Frames);
    }

    [Fact]
    public void Create_WriterDroppedWithoutDispose_FinalizerFinishesTheFileAndClosesIt()
    {
        NativePeers.RequireLibSndFile();
        using var directory = new TempDirectory();
        var path = directory.File("dropped-writer.flac");
        Collect();

        CreateWriteAndDrop(path, frames: 3000);
        Assert.Equal(1, SndFileHandle.LiveCount);

        Collect();

        Assert.Equal(0, SndFileHandle.LiveCount);
        using (var reader = Registry.OpenRead(path))
        {
            Assert.Equal(3000, reader.Info.Frames);
            Assert.Equal(Audio.ExactNoise(16, 2, 3000), Audio.ReadAll(reader));
        }

        File.Delete(path);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Dispose_ReaderAndWriter_ReleaseTheirHandlesAtOnce()
    {
        NativePeers.RequireLibSndFile();
        using var directory = new TempDirectory();
        var path = directory.File("disposed.flac");
        Collect();

        WriteFlac(path, frames: 100);
        Assert.Equal(0, SndFileHandle.LiveCount);
        using (var reader = Registry.OpenRead(path))
        {
            Assert.Equal(1, SndFileHandle.LiveCount);
        }

        Assert.Equal(0, SndFileHandle.LiveCount);
    }

    private static void Collect()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    private static void WriteFlac(string path, int frames)
    {
        using var writer = Registry.Create(path, new AudioSpec(48000, ChannelLayout.Stereo), SampleFormat.Pcm16);
        Audio.Write(writer, Audio.ExactNoise(16, 2, frames), 2);
    }

    // Not inlined, so no local of the caller's frame keeps the reader or writer reachable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OpenReadAndDrop(string path)
    {
        var reader = Registry.OpenRead(path);
        Assert.Equal(1000, reader.Read(new AudioBlock(new float[2000], 2, 1000)));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OpenAndDrop(Stream stream)
    {
        var reader = SndFileDecoder.Instance.Open(stream, new DecoderOptions { LeaveOpen = true });
        Assert.Equal(1000, reader.Info.Frames);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CreateWriteAndDrop(string path, int frames)
    {
        var writer = Registry.Create(path, new AudioSpec(48000, ChannelLayout.Stereo), SampleFormat.Pcm16);
        Audio.Write(writer, Audio.ExactNoise(16, 2, frames), 2);
    }
}
