using System.Text.Json;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Cli;

/// <summary><c>audiopost info</c> on Broadcast Wave files: bext, iXML, markers and the derived start timecode.</summary>
public sealed class InfoMetadataTests
{
    [Fact]
    public void Info_JsonOnFullBwf_ReportsEveryMetadataField()
    {
        using var directory = new TempDirectory();
        var path = directory.File("take.wav");
        MetadataFiles.Write(path, MetadataFiles.Full());

        var result = CliRunner.Run("info", path, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("channel_mask").GetInt64());

        var bext = root.GetProperty("bext");
        Assert.Equal(
            [
                "description", "originator", "originator_reference", "origination_date", "origination_time",
                "time_reference_samples", "version", "umid", "loudness_value", "loudness_range", "max_true_peak_level",
                "max_momentary_loudness", "max_short_term_loudness", "coding_history",
            ],
            bext.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Scene 12B take 3: harbour ambience", bext.GetProperty("description").GetString());
        Assert.Equal("AudioPost.Sdk tests", bext.GetProperty("originator").GetString());
        Assert.Equal("USID-0123456789ABCDEF", bext.GetProperty("originator_reference").GetString());
        Assert.Equal("2026-11-24", bext.GetProperty("origination_date").GetString());
        Assert.Equal("07:15:30", bext.GetProperty("origination_time").GetString());
        Assert.Equal(172_799_827ul, bext.GetProperty("time_reference_samples").GetUInt64());
        Assert.Equal(2, bext.GetProperty("version").GetInt32());
        Assert.Equal(Convert.ToHexString([.. Enumerable.Range(1, 64).Select(i => (byte)i)]), bext.GetProperty("umid").GetString());
        Assert.Equal(-23.0, bext.GetProperty("loudness_value").GetDouble());
        Assert.Equal(7.25, bext.GetProperty("loudness_range").GetDouble());
        Assert.Equal(-1.0, bext.GetProperty("max_true_peak_level").GetDouble());
        Assert.Equal(-15.37, bext.GetProperty("max_momentary_loudness").GetDouble());
        Assert.Equal(-18.5, bext.GetProperty("max_short_term_loudness").GetDouble());
        Assert.Equal(MetadataFiles.FullBext().CodingHistory, bext.GetProperty("coding_history").GetString());

        var timecode = root.GetProperty("timecode");
        Assert.Equal("01:00:00;00", timecode.GetProperty("value").GetString());
        Assert.Equal("29.97df", timecode.GetProperty("rate").GetString());
        Assert.Equal("ixml", timecode.GetProperty("source").GetString());

        var ixml = root.GetProperty("ixml");
        Assert.Equal("Harbour", ixml.GetProperty("project").GetString());
        Assert.Equal("12B", ixml.GetProperty("scene").GetString());
        Assert.Equal("3", ixml.GetProperty("take").GetString());
        Assert.Equal("R07", ixml.GetProperty("tape").GetString());
        Assert.Equal("gulls at the end", ixml.GetProperty("note").GetString());
        Assert.True(ixml.GetProperty("circled").GetBoolean());
        Assert.Equal("30000/1001", ixml.GetProperty("timecode_rate").GetString());
        Assert.Equal("DF", ixml.GetProperty("timecode_flag").GetString());
        var tracks = ixml.GetProperty("tracks");
        Assert.Equal(2, tracks.GetArrayLength());
        Assert.Equal(1, tracks[0].GetProperty("channel_index").GetInt32());
        Assert.Equal(1, tracks[0].GetProperty("interleave_index").GetInt32());
        Assert.Equal("Boom", tracks[0].GetProperty("name").GetString());
        Assert.Equal("LEFT", tracks[0].GetProperty("function").GetString());
        Assert.Equal("Lav 1", tracks[1].GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, tracks[1].GetProperty("function").ValueKind);

        var markers = root.GetProperty("markers");
        Assert.Equal(2, markers.GetArrayLength());
        Assert.Equal(100, markers[0].GetProperty("position").GetInt64());
        Assert.Equal(0, markers[0].GetProperty("length").GetInt64());
        Assert.Equal("Slate", markers[0].GetProperty("label").GetString());
        Assert.Equal("clap", markers[0].GetProperty("note").GetString());
        Assert.Equal(2000, markers[1].GetProperty("position").GetInt64());
        Assert.Equal(1000, markers[1].GetProperty("length").GetInt64());
        Assert.Equal("Gulls", markers[1].GetProperty("label").GetString());
        Assert.Equal(JsonValueKind.Null, markers[1].GetProperty("note").ValueKind);
    }

    [Fact]
    public void Info_JsonOnMinimalBext_WritesNullForAbsentFields()
    {
        using var directory = new TempDirectory();
        var path = directory.File("take.wav");
        MetadataFiles.Write(path, new AudioMetadata { Broadcast = new BroadcastExtension { TimeReference = 1_728_000_000 } });

        var result = CliRunner.Run("info", path, "--json");

        using var json = JsonDocument.Parse(result.Stdout);
        var bext = json.RootElement.GetProperty("bext");
        Assert.Equal(JsonValueKind.Null, bext.GetProperty("umid").ValueKind);
        Assert.Equal(JsonValueKind.Null, bext.GetProperty("loudness_value").ValueKind);
        Assert.Equal(JsonValueKind.Null, bext.GetProperty("max_short_term_loudness").ValueKind);
        Assert.Equal(string.Empty, bext.GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("ixml").ValueKind);
    }

    [Theory]
    [InlineData(new string[0], "10:00:00:00", "25", "default")]
    [InlineData(new[] { "--timecode-rate", "24" }, "10:00:00:00", "24", "option")]
    [InlineData(new[] { "--timecode-rate", "29.97df" }, "10:00:00;01", "29.97df", "option")]
    public void Info_BextWithoutIXmlRate_UsesTheOptionOrTwentyFive(string[] options, string value, string rate, string source)
    {
        using var directory = new TempDirectory();
        var path = directory.File("take.wav");
        MetadataFiles.Write(path, new AudioMetadata { Broadcast = new BroadcastExtension { TimeReference = 1_728_000_000 } });

        var result = CliRunner.Run(["info", path, "--json", .. options]);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var timecode = json.RootElement.GetProperty("timecode");
        Assert.Equal(value, timecode.GetProperty("value").GetString());
        Assert.Equal(rate, timecode.GetProperty("rate").GetString());
        Assert.Equal(source, timecode.GetProperty("source").GetString());
    }

    [Fact]
    public void Info_IXmlRate_WinsOverTheOption()
    {
        using var directory = new TempDirectory();
        var path = directory.File("take.wav");
        MetadataFiles.Write(path, MetadataFiles.Full());

        var result = CliRunner.Run("info", path, "--json", "--timecode-rate", "25");

        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("ixml", json.RootElement.GetProperty("timecode").GetProperty("source").GetString());
    }

    [Fact]
    public void Info_TimecodeRateNotInTheList_ExitsOne()
    {
        var result = CliRunner.Run("info", "x.wav", "--timecode-rate", "29.97ndf");

        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void Info_TextOnFullBwf_MentionsTimecodeBextIXmlAndMarkers()
    {
        using var directory = new TempDirectory();
        var path = directory.File("take.wav");
        MetadataFiles.Write(path, MetadataFiles.Full());

        var result = CliRunner.Run("info", path);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Contains("Timecode:      01:00:00;00 @ 29.97df (ixml)", lines);
        Assert.Contains("BWF version:   2", lines);
        Assert.Contains("Time ref:      172799827 samples", lines);
        Assert.Contains("Description:   Scene 12B take 3: harbour ambience", lines);
        Assert.Contains("Originated:    2026-11-24 07:15:30", lines);
        Assert.Contains("Loudness:      integrated -23.00 LUFS, range 7.25 LU, true peak -1.00 dBTP, max momentary -15.37 LUFS, max short-term -18.50 LUFS", lines);
        Assert.Contains("Coding hist.:  A=PCM,F=48000,W=24,M=stereo,T=recorder", lines);
        Assert.Contains("               A=PCM,F=48000,W=24,M=stereo,T=edit", lines);
        Assert.Contains("Project:       Harbour", lines);
        Assert.Contains("Scene:         12B", lines);
        Assert.Contains("Take:          3", lines);
        Assert.Contains("Circled:       yes", lines);
        Assert.Contains("TC rate:       30000/1001 DF", lines);
        Assert.Contains("Track 1:       Boom [LEFT] (channel 1)", lines);
        Assert.Contains("Marker:        100 Slate (clap)", lines);
        Assert.Contains("Region:        2000+1000 Gulls", lines);
    }

    [Fact]
    public void Info_RecoverOnTruncatedFile_ReadsWhatIsThere()
    {
        using var directory = new TempDirectory();
        var path = directory.File("cut.wav");
        File.WriteAllBytes(path, WavBytes.Wav(WavBytes.Fmt(), WavBytes.Data(1000, statedSize: 4_000_000)));

        var strict = CliRunner.Run("info", path, "--json");
        var recovered = CliRunner.Run("info", path, "--json", "--recover");

        Assert.Equal(2, strict.ExitCode);
        Assert.Equal(0, recovered.ExitCode);
        using var json = JsonDocument.Parse(recovered.Stdout);
        Assert.True(json.RootElement.GetProperty("frames").GetInt64() > 0);
    }
}
