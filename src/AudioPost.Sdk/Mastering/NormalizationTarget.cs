namespace AudioPost.Sdk.Mastering;

/// <summary>
/// A loudness-normalisation target: integrated loudness (LUFS, BS.1770 gated) and true-peak ceiling (dBTP), as
/// data. Named presets cover broadcast and platform delivery specifications (REFERENCE.md §3). Immutable and
/// thread-safe.
/// </summary>
/// <remarks>
/// Platform figures are the commonly published ones; check the platform's current specification before relying on
/// them. Presets whose specification measures dialogue (AES TD1008 speech) use programme loudness here, an
/// approximation, since BS.1770 has no dialogue gate.
/// </remarks>
public sealed record NormalizationTarget
{
    /// <summary>The lowest target accepted, −70 LUFS (the absolute gate).</summary>
    public const double MinIntegratedLufs = -70;

    /// <summary>The highest target accepted, 0 LUFS.</summary>
    public const double MaxIntegratedLufs = 0;

    /// <summary>The lowest ceiling accepted, −60 dBTP.</summary>
    public const double MinTruePeakCeilingDbtp = -60;

    /// <summary>The highest ceiling accepted, 0 dBTP.</summary>
    public const double MaxTruePeakCeilingDbtp = 0;

    private static readonly NormalizationTarget[] AllPresets =
    [
        new(-23, -1, "ebu-r128", "EBU R 128 broadcast (Europe)"),
        new(-23, -1, "ebu-r128-s1", "EBU R 128 s1 short-form (ads, promos, trailers); max short-term not enforced"),
        new(-24, -2, "atsc-a85", "ATSC A/85 US television (CALM Act)"),
        new(-16, -1, "podcast", "Podcasts (generic)"),
        new(-14, -1, "streaming", "Music streaming (generic)"),
        new(-16, -1, "apple-podcasts", "Apple Podcasts"),
        new(-16, -1, "apple-music", "Apple Music Sound Check"),
        new(-14, -1, "spotify", "Spotify playback normalisation (normal mode)"),
        new(-14, -1, "youtube", "YouTube"),
        new(-14, -1, "amazon-music", "Amazon Music"),
        new(-14, -1, "tidal", "Tidal"),
        new(-15, -1, "deezer", "Deezer"),
        new(-18, -1, "aes-td1008-speech", "AES TD1008 speech and news/talk (programme-loudness approximation of the dialogue anchor)"),
        new(-16, -1, "aes-td1008-music", "AES TD1008 music, track-normalised"),
    ];

    /// <summary>Creates an explicit target.</summary>
    /// <param name="integratedLufs">Target integrated loudness in LUFS, −70 to 0.</param>
    /// <param name="truePeakCeilingDbtp">Highest true peak of the result in dBTP, −60 to 0; default −1.</param>
    /// <param name="name">A name for reports; default <c>custom</c>.</param>
    /// <param name="description">A description for reports; default empty.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range or not finite.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="description"/> is null.</exception>
    public NormalizationTarget(double integratedLufs, double truePeakCeilingDbtp = -1, string name = "custom", string description = "")
    {
        if (!(integratedLufs >= MinIntegratedLufs && integratedLufs <= MaxIntegratedLufs))
        {
            throw new ArgumentOutOfRangeException(nameof(integratedLufs), integratedLufs, "The target must be −70 to 0 LUFS.");
        }

        if (!(truePeakCeilingDbtp >= MinTruePeakCeilingDbtp && truePeakCeilingDbtp <= MaxTruePeakCeilingDbtp))
        {
            throw new ArgumentOutOfRangeException(nameof(truePeakCeilingDbtp), truePeakCeilingDbtp, "The ceiling must be −60 to 0 dBTP.");
        }

        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(description);
        IntegratedLufs = integratedLufs;
        TruePeakCeilingDbtp = truePeakCeilingDbtp;
        Name = name;
        Description = description;
    }

    /// <summary>Gets the EBU R 128 preset: −23 LUFS, −1 dBTP.</summary>
    public static NormalizationTarget EbuR128 => AllPresets[0];

    /// <summary>Gets the ATSC A/85 preset: −24 LUFS, −2 dBTP.</summary>
    public static NormalizationTarget AtscA85 => AllPresets[2];

    /// <summary>Gets the podcast preset: −16 LUFS, −1 dBTP.</summary>
    public static NormalizationTarget Podcast => AllPresets[3];

    /// <summary>Gets the streaming preset: −14 LUFS, −1 dBTP.</summary>
    public static NormalizationTarget Streaming => AllPresets[4];

    /// <summary>Gets every named preset, in documentation order.</summary>
    public static IReadOnlyList<NormalizationTarget> Presets => AllPresets;

    /// <summary>Gets the target integrated loudness in LUFS.</summary>
    public double IntegratedLufs { get; }

    /// <summary>Gets the true-peak ceiling in dBTP.</summary>
    public double TruePeakCeilingDbtp { get; }

    /// <summary>Gets the preset's kebab-case name, or <c>custom</c>.</summary>
    public string Name { get; }

    /// <summary>Gets what the preset is for.</summary>
    public string Description { get; }

    /// <summary>Finds a preset by its kebab-case name (case-insensitive).</summary>
    /// <param name="name">For example <c>ebu-r128</c>.</param>
    /// <param name="target">Receives the preset, or null.</param>
    /// <returns>Whether a preset has that name.</returns>
    public static bool TryGetPreset(string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NormalizationTarget? target)
    {
        target = Array.Find(AllPresets, p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        return target is not null;
    }
}
