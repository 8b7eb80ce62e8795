using System.Buffers.Binary;
using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Tests.Buffers;

public sealed class ChannelLayoutTests
{
    private const ChannelRole L = ChannelRole.FrontLeft;
    private const ChannelRole R = ChannelRole.FrontRight;
    private const ChannelRole C = ChannelRole.FrontCenter;
    private const ChannelRole Lfe = ChannelRole.LowFrequency;
    private const ChannelRole Bl = ChannelRole.BackLeft;
    private const ChannelRole Br = ChannelRole.BackRight;
    private const ChannelRole Sl = ChannelRole.SideLeft;
    private const ChannelRole Sr = ChannelRole.SideRight;
    private const ChannelRole Flc = ChannelRole.FrontLeftOfCenter;
    private const ChannelRole Frc = ChannelRole.FrontRightOfCenter;
    private const ChannelRole D = ChannelRole.Discrete;

    // REFERENCE.md §5.3, "Common masks and resulting channel order" (mono is our Mono role, see the Mono test).
    public static TheoryData<uint, string, ChannelRole[]> CommonMasks => new()
    {
        { 0x3u, "stereo", [L, R] },
        { 0x33u, "quad", [L, R, Bl, Br] },
        { 0x3Fu, "5.1-back", [L, R, C, Lfe, Bl, Br] },
        { 0x60Fu, "5.1", [L, R, C, Lfe, Sl, Sr] },
        { 0x63Fu, "7.1", [L, R, C, Lfe, Bl, Br, Sl, Sr] },
        { 0xFFu, "7.1-wide", [L, R, C, Lfe, Bl, Br, Flc, Frc] },
    };

    public static TheoryData<string> AllNames =>
        ["mono", "stereo", "lcr", "quad", "5.0", "5.1", "5.1-back", "7.1", "7.1-wide", "7.1.4"];

    [Theory]
    [MemberData(nameof(CommonMasks))]
    public void FromWaveChannelMask_CommonMask_GivesStatedOrderAndName(uint mask, string name, ChannelRole[] expected)
    {
        var layout = ChannelLayout.FromWaveChannelMask(mask, expected.Length);

        Assert.Equal(expected, layout.Roles.ToArray());
        Assert.Equal(name, layout.Name);
    }

    [Theory]
    [MemberData(nameof(CommonMasks))]
    public void ToWaveChannelMask_CommonLayout_RoundTripsMask(uint mask, string name, ChannelRole[] roles)
    {
        var layout = ChannelLayout.Custom(roles);

        Assert.Equal(name, layout.Name);
        Assert.Equal(mask, layout.ToWaveChannelMask());
        Assert.True(layout.TryGetWaveChannelMask(out var viaTry));
        Assert.Equal(mask, viaTry);
    }

    [Fact]
    public void FromWaveChannelMask_FrontCenterSingleChannel_IsMonoAndRoundTrips()
    {
        var layout = ChannelLayout.FromWaveChannelMask(0x4, 1);

        Assert.Same(ChannelLayout.Mono, layout);
        Assert.Equal([ChannelRole.Mono], layout.Roles.ToArray());
        Assert.Equal(0x4u, ChannelLayout.Mono.ToWaveChannelMask());
    }

    [Fact]
    public void ToWaveChannelMask_Presets_MatchReferenceMasks()
    {
        Assert.Equal(0x3u, ChannelLayout.Stereo.ToWaveChannelMask());
        Assert.Equal(0x7u, ChannelLayout.Lcr.ToWaveChannelMask());
        Assert.Equal(0x33u, ChannelLayout.Quad.ToWaveChannelMask());
        Assert.Equal(0x607u, ChannelLayout.Surround50.ToWaveChannelMask());
        Assert.Equal(0x60Fu, ChannelLayout.Surround51.ToWaveChannelMask());
        Assert.Equal(0x3Fu, ChannelLayout.Surround51Back.ToWaveChannelMask());
        Assert.Equal(0x63Fu, ChannelLayout.Surround71.ToWaveChannelMask());
        Assert.Equal(0xFFu, ChannelLayout.Surround71Wide.ToWaveChannelMask());
    }

    [Fact]
    public void ToWaveChannelMask_Surround714_Is0x2D63FAndRoundTrips()
    {
        Assert.Equal(0x2D63Fu, ChannelLayout.Surround714.ToWaveChannelMask());
        Assert.Equal(12, ChannelLayout.Surround714.Count);
        Assert.Same(ChannelLayout.Surround714, ChannelLayout.FromWaveChannelMask(0x2D63F, 12));
        Assert.Equal(
            [ChannelRole.TopFrontLeft, ChannelRole.TopFrontRight, ChannelRole.TopBackLeft, ChannelRole.TopBackRight],
            ChannelLayout.Surround714.Roles[8..].ToArray());
    }

    [Fact]
    public void FromWaveChannelMask_ReferenceFmtChunkExample_IsBack51()
    {
        const string fmtChunk =
            "66 6D 74 20 28 00 00 00 FE FF 06 00 80 BB 00 00 00 2F 0D 00 12 00 18 00 16 00 18 00 3F 00 00 00 " +
            "01 00 00 00 00 00 10 00 80 00 00 AA 00 38 9B 71";
        var bytes = Convert.FromHexString(fmtChunk.Replace(" ", string.Empty, StringComparison.Ordinal));
        var body = bytes.AsSpan(8);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
        var mask = BinaryPrimitives.ReadUInt32LittleEndian(body[20..]);

        var layout = ChannelLayout.FromWaveChannelMask(mask, channels);

        Assert.Equal(0x3Fu, mask);
        Assert.Equal([L, R, C, Lfe, Bl, Br], layout.Roles.ToArray());
        Assert.Same(ChannelLayout.Surround51Back, layout);
    }

    [Fact]
    public void FromWaveChannelMask_FewerBitsThanChannels_RestAreDiscrete()
    {
        var layout = ChannelLayout.FromWaveChannelMask(0x3, 4);

        Assert.Equal([L, R, D, D], layout.Roles.ToArray());
        Assert.Equal("custom", layout.Name);
        Assert.Equal(0u, layout.ToWaveChannelMask());
    }

    [Fact]
    public void FromWaveChannelMask_MoreBitsThanChannels_TakesLowestBits()
    {
        Assert.Same(ChannelLayout.Stereo, ChannelLayout.FromWaveChannelMask(0x63F, 2));
    }

    [Fact]
    public void FromWaveChannelMask_ReservedBitsAndSpeakerAll_AreIgnored()
    {
        Assert.Same(ChannelLayout.Surround51, ChannelLayout.FromWaveChannelMask(0x60F | 0x7FFC0000 | 0x80000000, 6));
    }

    [Theory]
    [InlineData(0x0u)]
    [InlineData(0x80000000u)]
    [InlineData(0x7FFC0000u)]
    public void FromWaveChannelMask_NoSpeakerBits_IsDiscrete(uint mask)
    {
        var layout = ChannelLayout.FromWaveChannelMask(mask, 3);

        Assert.Equal(ChannelLayout.Discrete(3), layout);
        Assert.Equal("discrete", layout.Name);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void FromWaveChannelMask_BadChannelCount_Throws(int count)
    {
        Assert.Throws<ArgumentOutOfRangeException>("channelCount", () => ChannelLayout.FromWaveChannelMask(0x3, count));
    }

    [Fact]
    public void GetLoudnessWeight_Surround51Side_SurroundsAre141AndLfeZero()
    {
        float[] expected = [1f, 1f, 1f, 0f, 1.41f, 1.41f];
        Assert.Equal(expected, Weights(ChannelLayout.Surround51));
    }

    [Fact]
    public void GetLoudnessWeight_Surround51Back_SurroundsAre141AndLfeZero()
    {
        float[] expected = [1f, 1f, 1f, 0f, 1.41f, 1.41f];
        Assert.Equal(expected, Weights(ChannelLayout.Surround51Back));
    }

    [Fact]
    public void GetLoudnessWeight_Surround71_SidesAre141AndRearsAreOne()
    {
        float[] expected = [1f, 1f, 1f, 0f, 1f, 1f, 1.41f, 1.41f];
        Assert.Equal(expected, Weights(ChannelLayout.Surround71));
    }

    [Fact]
    public void GetLoudnessWeight_Surround714_TopsAreOne()
    {
        float[] expected = [1f, 1f, 1f, 0f, 1f, 1f, 1.41f, 1.41f, 1f, 1f, 1f, 1f];
        Assert.Equal(expected, Weights(ChannelLayout.Surround714));
    }

    [Fact]
    public void GetLoudnessWeight_SurroundWeight_IsTabulated141NotDecibelValue()
    {
        Assert.Equal(1.41f, ChannelLayout.Surround51.GetLoudnessWeight(4));
        Assert.NotEqual(MathF.Pow(10f, 0.15f), ChannelLayout.Surround51.GetLoudnessWeight(4));
    }

    [Fact]
    public void GetLoudnessWeight_MonoStereoAndDiscrete_AreOne()
    {
        Assert.Equal(1f, ChannelLayout.Mono.GetLoudnessWeight(0));
        Assert.Equal([1f, 1f], Weights(ChannelLayout.Stereo));
        Assert.Equal([1f, 1f, 1f], Weights(ChannelLayout.Discrete(3)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(6)]
    public void GetLoudnessWeight_ChannelOutOfRange_Throws(int index)
    {
        Assert.Throws<ArgumentOutOfRangeException>("channel", () => ChannelLayout.Surround51.GetLoudnessWeight(index));
    }

    [Fact]
    public void GetRemap_FilmOrderToWave51_MapsEachRole()
    {
        var film = ChannelLayout.Custom(L, C, R, Sl, Sr, Lfe);
        Span<int> map = stackalloc int[6];

        ChannelLayout.GetRemap(film, ChannelLayout.Surround51, map);

        Assert.Equal([0, 2, 1, 5, 3, 4], map.ToArray());
        float[] filmFrame = [10f, 20f, 30f, 40f, 50f, 60f]; // L C R Ls Rs LFE
        var waveFrame = new float[6];
        for (var channel = 0; channel < map.Length; channel++)
        {
            waveFrame[channel] = filmFrame[map[channel]];
        }

        Assert.Equal([10f, 30f, 20f, 60f, 40f, 50f], waveFrame);
    }

    [Fact]
    public void GetRemap_ProTools71ToWave71_MapsEachRole()
    {
        var proTools = ChannelLayout.Custom(L, C, R, Sl, Sr, Bl, Br, Lfe);

        var map = ChannelLayout.GetRemap(proTools, ChannelLayout.Surround71);

        Assert.Equal([0, 2, 1, 7, 5, 6, 3, 4], map);
    }

    [Fact]
    public void GetRemap_MissingRole_IsMinusOne()
    {
        Assert.Equal([0, 1, -1, -1, -1, -1], ChannelLayout.GetRemap(ChannelLayout.Stereo, ChannelLayout.Surround51));
    }

    [Fact]
    public void GetRemap_DiscreteChannels_PairByRank()
    {
        var from = ChannelLayout.Custom(D, L, D, R);
        var to = ChannelLayout.Custom(L, R, D, D, D);

        Assert.Equal([1, 3, 0, 2, -1], ChannelLayout.GetRemap(from, to));
    }

    [Fact]
    public void GetRemap_SpanLengthMismatch_Throws()
    {
        var map = new int[5];
        Assert.Throws<ArgumentException>(
            "sourceIndexForDestination", () => ChannelLayout.GetRemap(ChannelLayout.Stereo, ChannelLayout.Surround51, map));
    }

    [Fact]
    public void ToWaveChannelMask_CustomNonMaskOrder_IsZero()
    {
        var film = ChannelLayout.Custom(L, C, R, Sl, Sr, Lfe);

        Assert.Equal("custom", film.Name);
        Assert.Equal(0u, film.ToWaveChannelMask());
        Assert.False(film.TryGetWaveChannelMask(out var mask));
        Assert.Equal(0u, mask);
    }

    [Fact]
    public void ToWaveChannelMask_CustomAscendingOrder_IsMask()
    {
        Assert.Equal(0x5u, ChannelLayout.Custom(L, C).ToWaveChannelMask());
    }

    [Fact]
    public void ToWaveChannelMask_AnyDiscrete_IsZero()
    {
        Assert.Equal(0u, ChannelLayout.Custom(L, R, D).ToWaveChannelMask());
        Assert.Equal(0u, ChannelLayout.Discrete(2).ToWaveChannelMask());
    }

    [Fact]
    public void Custom_DuplicateSpeakerRole_ThrowsNamingRole()
    {
        var error = Assert.Throws<ArgumentException>("roles", () => ChannelLayout.Custom(L, R, L));

        Assert.Contains("FrontLeft", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Custom_RepeatedDiscrete_IsAllowed()
    {
        var layout = ChannelLayout.Custom(L, R, D, D);

        Assert.Equal(4, layout.Count);
        Assert.Equal(2, layout.IndexOf(D));
    }

    [Fact]
    public void Custom_NoRoles_Throws()
    {
        Assert.Throws<ArgumentException>("roles", () => ChannelLayout.Custom());
    }

    [Fact]
    public void Custom_TooManyChannels_Throws()
    {
        var roles = Enumerable.Repeat(D, ChannelLayout.MaxChannels + 1).ToArray();

        Assert.Throws<ArgumentException>("roles", () => ChannelLayout.Custom(roles));
        Assert.Equal(ChannelLayout.MaxChannels, ChannelLayout.Custom(roles.AsSpan(1)).Count);
    }

    [Theory]
    [InlineData(ChannelRole.Unknown)]
    [InlineData((ChannelRole)99)]
    public void Custom_InvalidRole_Throws(ChannelRole role)
    {
        Assert.Throws<ArgumentException>("roles", () => ChannelLayout.Custom(L, role));
    }

    [Fact]
    public void Custom_MonoWithOtherChannels_Throws()
    {
        Assert.Throws<ArgumentException>("roles", () => ChannelLayout.Custom(ChannelRole.Mono, D));
    }

    [Fact]
    public void Custom_RolesOfPreset_ReturnsPreset()
    {
        Assert.Same(ChannelLayout.Surround51, ChannelLayout.Custom(L, R, C, Lfe, Sl, Sr));
        Assert.Same(ChannelLayout.Mono, ChannelLayout.Custom(ChannelRole.Mono));
    }

    [Theory]
    [InlineData(1, "mono")]
    [InlineData(2, "stereo")]
    [InlineData(3, "lcr")]
    [InlineData(4, "quad")]
    [InlineData(5, "5.0")]
    [InlineData(6, "5.1")]
    [InlineData(7, "discrete")]
    [InlineData(8, "7.1")]
    [InlineData(12, "7.1.4")]
    [InlineData(16, "discrete")]
    public void FromChannelCount_Count_GivesConventionalLayout(int count, string name)
    {
        var layout = ChannelLayout.FromChannelCount(count);

        Assert.Equal(name, layout.Name);
        Assert.Equal(count, layout.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void Discrete_BadCount_Throws(int count)
    {
        Assert.Throws<ArgumentOutOfRangeException>("channelCount", () => ChannelLayout.Discrete(count));
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Parse_EveryName_RoundTrips(string name)
    {
        var layout = ChannelLayout.Parse(name);

        Assert.Equal(name, layout.Name);
        Assert.Equal(name, layout.ToString());
        Assert.Same(layout, ChannelLayout.Parse(layout.ToString()));
        Assert.True(ChannelLayout.TryParse(name.ToUpperInvariant(), out var upper));
        Assert.Same(layout, upper);
    }

    [Fact]
    public void Parse_PresetNames_GiveExpectedPresets()
    {
        Assert.Same(ChannelLayout.Mono, ChannelLayout.Parse("mono"));
        Assert.Same(ChannelLayout.Stereo, ChannelLayout.Parse("Stereo"));
        Assert.Same(ChannelLayout.Lcr, ChannelLayout.Parse("LCR"));
        Assert.Same(ChannelLayout.Quad, ChannelLayout.Parse("quad"));
        Assert.Same(ChannelLayout.Surround50, ChannelLayout.Parse("5.0"));
        Assert.Same(ChannelLayout.Surround51, ChannelLayout.Parse(" 5.1 "));
        Assert.Same(ChannelLayout.Surround51Back, ChannelLayout.Parse("5.1-BACK"));
        Assert.Same(ChannelLayout.Surround71, ChannelLayout.Parse("7.1"));
        Assert.Same(ChannelLayout.Surround71Wide, ChannelLayout.Parse("7.1-wide"));
        Assert.Same(ChannelLayout.Surround714, ChannelLayout.Parse("7.1.4"));
    }

    [Fact]
    public void ToString_Custom_ListsAbbreviationsAndParsesBack()
    {
        var film = ChannelLayout.Custom(L, C, R, Sl, Sr, Lfe);

        Assert.Equal("custom(L C R Ls Rs LFE)", film.ToString());
        Assert.Equal(film, ChannelLayout.Parse(film.ToString()));
        Assert.Equal(film, ChannelLayout.Parse("CUSTOM( l, c, r, ls, rs, lfe )"));
    }

    [Fact]
    public void ToString_Discrete_IncludesCountAndParsesBack()
    {
        var layout = ChannelLayout.Discrete(10);

        Assert.Equal("discrete(10)", layout.ToString());
        Assert.Equal(layout, ChannelLayout.Parse("discrete(10)"));
    }

    [Fact]
    public void Parse_CustomWithPresetRoles_ReturnsPreset()
    {
        Assert.Same(ChannelLayout.Surround71, ChannelLayout.Parse("custom(L R C LFE Lrs Rrs Ls Rs)"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("6.1")]
    [InlineData("5.1.2")]
    [InlineData("discrete(0)")]
    [InlineData("discrete(65)")]
    [InlineData("discrete(x)")]
    [InlineData("custom()")]
    [InlineData("custom(L L)")]
    [InlineData("custom(L Q)")]
    [InlineData("custom(M L)")]
    [InlineData("custom(L R")]
    public void TryParse_Invalid_ReturnsFalse(string text)
    {
        Assert.False(ChannelLayout.TryParse(text, out var layout));
        Assert.Null(layout);
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.False(ChannelLayout.TryParse(null, out _));
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatExceptionNamingText()
    {
        var error = Assert.Throws<FormatException>(() => ChannelLayout.Parse("9.2.6"));

        Assert.Contains("'9.2.6'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equals_SameRoles_AreEqualWithSameHashCode()
    {
        var a = ChannelLayout.Custom(L, C, R);
        var b = ChannelLayout.Parse("custom(L C R)");

        Assert.NotSame(a, b);
        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(ChannelLayout.Discrete(4), ChannelLayout.Discrete(4));
        Assert.Equal(ChannelLayout.Discrete(4).GetHashCode(), ChannelLayout.Discrete(4).GetHashCode());
    }

    [Fact]
    public void Equals_DifferentRolesOrOrder_AreNotEqual()
    {
        var film = ChannelLayout.Custom(L, C, R, Sl, Sr, Lfe);

        Assert.NotEqual(ChannelLayout.Surround51, film);
        Assert.NotEqual(ChannelLayout.Surround51, ChannelLayout.Surround51Back);
        Assert.NotEqual(ChannelLayout.Lcr, ChannelLayout.Custom(L, C, R));
        Assert.True(ChannelLayout.Stereo != ChannelLayout.Discrete(2));
        Assert.False(ChannelLayout.Stereo.Equals(null));
        Assert.False(ChannelLayout.Stereo.Equals("stereo"));
        Assert.False(ChannelLayout.Stereo == null);
        Assert.True((ChannelLayout?)null == null);
    }

    [Fact]
    public void Indexer_Channel_ReturnsRoleOrThrowsOutsideLayout()
    {
        Assert.Equal(Lfe, ChannelLayout.Surround51[3]);
        Assert.Throws<ArgumentOutOfRangeException>("channel", () => ChannelLayout.Stereo[2]);
        Assert.Throws<ArgumentOutOfRangeException>("channel", () => ChannelLayout.Stereo[-1]);
    }

    [Fact]
    public void IndexOf_PresentAndAbsent_ReturnsIndexOrMinusOne()
    {
        Assert.Equal(3, ChannelLayout.Surround51.IndexOf(Lfe));
        Assert.Equal(-1, ChannelLayout.Stereo.IndexOf(Lfe));
        Assert.Equal(-1, ChannelLayout.Stereo.IndexOf(ChannelRole.Unknown));
    }

    [Fact]
    public void GetAbbreviation_EveryRole_IsUniqueIgnoringCase()
    {
        var labels = Enum.GetValues<ChannelRole>().Select(role => role.GetAbbreviation()).ToArray();

        Assert.Equal(labels.Length, labels.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal("LFE", Lfe.GetAbbreviation());
        Assert.Equal("Ls", Sl.GetAbbreviation());
        Assert.Equal("Lrs", Bl.GetAbbreviation());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((ChannelRole)99).GetAbbreviation());
    }

    private static float[] Weights(ChannelLayout layout)
    {
        var weights = new float[layout.Count];
        for (var channel = 0; channel < weights.Length; channel++)
        {
            weights[channel] = layout.GetLoudnessWeight(channel);
        }

        return weights;
    }
}
