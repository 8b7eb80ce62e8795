using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Processing.Delays;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Mixing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Mixing;

public sealed class MixerAllocationTests
{
    /// <summary>32 tracks (each with a channel strip: EQ, and a compressor on every other one) over three stem buses, each track with a post-fader reverb send and a pre-fader cue send, a solo-safe return, a VCA.</summary>
    internal static (Mixer Mixer, AudioRenderer Renderer) BuildThirtyTwoTrackMix(ChannelLayout master, int blockSize = 256)
    {
        var graph = new AudioGraphBuilder(new GraphOptions { BlockSize = blockSize });
        var mixer = new Mixer(graph, master);
        MixerBusTrack[] stems =
        [
            mixer.AddBus("dialogue", master),
            mixer.AddBus("music", master),
            mixer.AddBus("effects", master),
        ];
        var reverb = mixer.AddBus("reverb", ChannelLayout.Stereo);
        reverb.SoloSafe = true;
        reverb.AddInsert(new DelayProcessor(1200));
        var cue = mixer.AddBus("cue", ChannelLayout.Stereo);
        cue.Fader.Value = Decibels.SilenceDb;
        var vca = mixer.AddVca("all dialogue");
        for (var i = 0; i < 32; i++)
        {
            IAudioSource source = i % 4 == 3
                ? new NoiseSource(NoiseColor.Pink, -30f, channelCount: 2, seed: (ulong)i)
                : new ToneSource(100f + (i * 37), -24f);
            var track = mixer.AddTrack($"track {i}", source, stems[i % 3]);
            var strip = track.AddChannelStrip();
            strip.Eq.Bands[1].Gain.Value = 3f;
            strip.Dynamics.Bypassed = i % 2 == 1;
            track.AddSend(reverb, -12f);
            track.AddSend(cue, -6f, SendTap.PreFader);
            if (i % 3 == 0)
            {
                vca.Add(track);
            }

            if (track.StereoPanner is { } pan)
            {
                pan.Pan.Value = (i / 15.5f) - 1f;
            }
            else if (track.SurroundPanner is { } surround)
            {
                surround.Azimuth.Value = (i * 11.25f) - 180f;
            }
        }

        var output = mixer.Build();
        graph.Connect(output, graph.AddSink(new NullSink())).SetOutput(output);
        return (mixer, new AudioRenderer(graph.Compile()));
    }

    [Theory]
    [InlineData("stereo")]
    [InlineData("5.1")]
    [InlineData("7.1.4")]
    public void Render_ThirtyTwoTracksWithSends_AllocatesNothing(string layout)
    {
        var (_, renderer) = BuildThirtyTwoTrackMix(ChannelLayout.Parse(layout));

        AllocationAssert.NoAllocations(_ => renderer.RenderBlock(256), iterations: 2_000);
    }

    [Fact]
    public void Render_WhileMutingSoloingAndMovingFaders_AllocatesNothingOnTheAudioThread()
    {
        var (mixer, renderer) = BuildThirtyTwoTrackMix(ChannelLayout.Stereo);
        var tracks = mixer.Channels.OfType<MixerTrack>().ToArray();
        var host = new float[2 * 300];

        // The console is driven between blocks, as a UI thread would; the mixer model allocates nothing per change
        // either, so the whole loop is measured.
        AllocationAssert.NoAllocations(block =>
        {
            var track = tracks[block % tracks.Length];
            switch (block % 5)
            {
                case 0:
                    track.Mute = !track.Mute;
                    break;
                case 1:
                    track.Solo = block % 40 == 1;
                    break;
                case 2:
                    track.Fader.Value = -(block % 30);
                    break;
                case 3:
                    mixer.Groups[0].Level = -(block % 12);
                    break;
                default:
                    track.Sends[0].Level.Value = -(block % 24);
                    break;
            }

            renderer.Render(host);
        }, iterations: 2_000);
    }
}
