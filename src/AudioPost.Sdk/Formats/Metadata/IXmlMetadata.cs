using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace AudioPost.Sdk.Formats.Metadata;

/// <summary>
/// An <c>iXML</c> document (root element <c>BWFXML</c>): production-sound metadata such as project, scene, take,
/// timecode rate and track names. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>The whole document is kept, so elements this type has no property for survive a read-modify-write: a document
/// read from a file and not modified is written back byte for byte, and <see cref="WithValue"/> changes only the
/// element it names.</para>
/// <para>A document that is not well-formed XML is kept as text (<see cref="IsWellFormed"/> is
/// <see langword="false"/>, every typed property is <see langword="null"/>) and written back unchanged, so a
/// recorder's slightly broken iXML neither stops the audio from opening nor gets lost.</para>
/// <para>Parsing refuses DTDs and external entities.</para>
/// </remarks>
public sealed class IXmlMetadata : IEquatable<IXmlMetadata>
{
    /// <summary>The root element's name.</summary>
    public const string RootElementName = "BWFXML";

    /// <summary>The <c>IXML_VERSION</c> that <see cref="Create"/> writes.</summary>
    public const string DefaultVersion = "2.10";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly XElement? _root;

    // The bytes as read from a file, kept so an unmodified document is written back exactly (BOM, padding, and
    // text in a legacy encoding included); null for documents built or edited in code.
    private readonly byte[]? _original;

    private IXmlMetadata(string xml, XElement? root, byte[]? original = null)
    {
        Xml = xml;
        _root = root;
        _original = original;
    }

    /// <summary>Gets the document text, as it will be written (UTF-8).</summary>
    public string Xml { get; }

    /// <summary>Gets whether <see cref="Xml"/> parsed as XML with a <c>BWFXML</c> root.</summary>
    public bool IsWellFormed => _root is not null;

    /// <summary>Gets <c>PROJECT</c>, the production's name.</summary>
    public string? Project => GetValue("PROJECT");

    /// <summary>Gets <c>SCENE</c>, the scene or slate, e.g. <c>32A</c>.</summary>
    public string? Scene => GetValue("SCENE");

    /// <summary>Gets <c>TAKE</c>, e.g. <c>3</c>.</summary>
    public string? Take => GetValue("TAKE");

    /// <summary>Gets <c>TAPE</c>, the sound roll.</summary>
    public string? Tape => GetValue("TAPE");

    /// <summary>Gets <c>NOTE</c>, free text.</summary>
    public string? Note => GetValue("NOTE");

    /// <summary>Gets <c>CIRCLED</c> (a circle take), or <see langword="null"/> when absent or neither TRUE nor FALSE.</summary>
    public bool? Circled => GetValue("CIRCLED")?.Trim().ToUpperInvariant() switch
    {
        "TRUE" => true,
        "FALSE" => false,
        _ => null,
    };

    /// <summary>Gets <c>SPEED/TIMECODE_RATE</c>, the timecode frame rate as a fraction, e.g. <c>30000/1001</c>.</summary>
    public string? TimecodeRate => GetValue("SPEED/TIMECODE_RATE");

    /// <summary>Gets <c>SPEED/TIMECODE_FLAG</c>: <c>DF</c> (drop-frame) or <c>NDF</c>.</summary>
    public string? TimecodeFlag => GetValue("SPEED/TIMECODE_FLAG");

    /// <summary>Gets <c>SPEED/FILE_SAMPLE_RATE</c> in Hz, or <see langword="null"/> when absent or not a number.</summary>
    public int? FileSampleRate => ParseInt(GetValue("SPEED/FILE_SAMPLE_RATE"));

    /// <summary>Gets <c>SPEED/TIMESTAMP_SAMPLE_RATE</c> in Hz, the rate <see cref="TimestampSamplesSinceMidnight"/> counts in.</summary>
    public int? TimestampSampleRate => ParseInt(GetValue("SPEED/TIMESTAMP_SAMPLE_RATE"));

    /// <summary>
    /// Gets the timestamp from <c>SPEED/TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI</c> and <c>_LO</c> (which mirror the
    /// <c>bext</c> TimeReference), or <see langword="null"/> when either half is absent or not a number.
    /// </summary>
    public ulong? TimestampSamplesSinceMidnight =>
        ParseUInt(GetValue("SPEED/TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI")) is { } hi
        && ParseUInt(GetValue("SPEED/TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO")) is { } lo
            ? ((ulong)hi << 32) | lo
            : null;

    /// <summary>Gets the <c>TRACK_LIST/TRACK</c> entries in document order; entries without a numeric index are skipped.</summary>
    public IReadOnlyList<IXmlTrack> Tracks
    {
        get
        {
            var list = _root?.Element("TRACK_LIST");
            if (list is null)
            {
                return [];
            }

            var tracks = new List<IXmlTrack>();
            foreach (var track in list.Elements("TRACK"))
            {
                if (ParseInt((string?)track.Element("CHANNEL_INDEX")) is { } channel)
                {
                    var interleave = ParseInt((string?)track.Element("INTERLEAVE_INDEX")) ?? channel;
                    tracks.Add(new IXmlTrack(channel, interleave, (string?)track.Element("NAME"), (string?)track.Element("FUNCTION")));
                }
            }

            return tracks;
        }
    }

    /// <summary>Creates a document holding only <c>IXML_VERSION</c> <see cref="DefaultVersion"/>.</summary>
    /// <returns>The document.</returns>
    public static IXmlMetadata Create() =>
        FromRoot(new XElement(RootElementName, new XElement("IXML_VERSION", DefaultVersion)));

    /// <summary>Wraps iXML text as found in a file. Never throws for malformed XML; see <see cref="IsWellFormed"/>.</summary>
    /// <param name="xml">The document text; trailing NUL padding is removed.</param>
    /// <returns>The document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="xml"/> is null.</exception>
    public static IXmlMetadata Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        xml = xml.TrimEnd('\0');
        return new IXmlMetadata(xml, TryParseRoot(xml));
    }

    /// <summary>
    /// Wraps an iXML chunk's bytes: UTF-8 (with or without a byte-order mark), or ISO 8859-1 when they are not valid
    /// UTF-8, as some older recorders write. The bytes are kept and written back while the document is unmodified.
    /// </summary>
    internal static IXmlMetadata FromBytes(ReadOnlySpan<byte> bytes)
    {
        var text = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes;
        string xml;
        try
        {
            xml = StrictUtf8.GetString(text);
        }
        catch (DecoderFallbackException)
        {
            xml = Encoding.Latin1.GetString(text);
        }

        xml = xml.TrimEnd('\0');
        return new IXmlMetadata(xml, TryParseRoot(xml), bytes.ToArray());
    }

    /// <summary>Gets the bytes to store: the original ones while unmodified, otherwise <see cref="Xml"/> as UTF-8.</summary>
    internal byte[] ToBytes() => _original ?? Encoding.UTF8.GetBytes(Xml);

    /// <summary>
    /// Gets the text of the first element at <paramref name="path"/>, element names separated by <c>/</c> below the
    /// root (for example <c>SPEED/TIMECODE_RATE</c>), or <see langword="null"/> when there is none.
    /// </summary>
    /// <param name="path">The element path.</param>
    /// <returns>The text, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    public string? GetValue(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var element = _root;
        foreach (var name in path.Split('/'))
        {
            element = element?.Element(name);
        }

        return element?.Value;
    }

    /// <summary>
    /// Returns a copy with the element at <paramref name="path"/> set to <paramref name="value"/> (created with any
    /// missing parents) or, when <paramref name="value"/> is <see langword="null"/>, removed. Every other element is
    /// kept as it was.
    /// </summary>
    /// <param name="path">The element path, as in <see cref="GetValue"/>.</param>
    /// <param name="value">The text, or <see langword="null"/> to remove the element.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty or not made of valid element names.</exception>
    /// <exception cref="InvalidOperationException">The document is not well-formed.</exception>
    public IXmlMetadata WithValue(string path, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var root = CloneRoot();
        var names = path.Split('/');
        var element = root;
        for (var i = 0; i < names.Length; i++)
        {
            XName name;
            try
            {
                name = XmlConvert.VerifyNCName(names[i]);
            }
            catch (XmlException e)
            {
                throw new ArgumentException($"'{names[i]}' is not a valid element name.", nameof(path), e);
            }

            var child = element.Element(name);
            if (child is null)
            {
                if (value is null)
                {
                    return this;
                }

                child = new XElement(name);
                element.Add(child);
            }

            element = child;
        }

        if (value is null)
        {
            element.Remove();
        }
        else
        {
            element.Value = value;
        }

        return FromRoot(root);
    }

    /// <summary>Returns a copy with <c>SPEED/TIMECODE_RATE</c> and <c>SPEED/TIMECODE_FLAG</c> set.</summary>
    /// <param name="numerator">The frame rate's numerator, e.g. 30000.</param>
    /// <param name="denominator">The frame rate's denominator, e.g. 1001.</param>
    /// <param name="dropFrame">Whether the timecode counts drop-frame.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A part of the rate is 0 or negative.</exception>
    /// <exception cref="InvalidOperationException">The document is not well-formed.</exception>
    public IXmlMetadata WithTimecodeRate(int numerator, int denominator, bool dropFrame)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numerator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(denominator);
        return WithValue("SPEED/TIMECODE_RATE", string.Create(CultureInfo.InvariantCulture, $"{numerator}/{denominator}"))
            .WithValue("SPEED/TIMECODE_FLAG", dropFrame ? "DF" : "NDF");
    }

    /// <summary>Returns a copy whose <c>SPEED/TIMESTAMP_*</c> elements hold <paramref name="samplesSinceMidnight"/>
    /// counted at <paramref name="sampleRate"/> (keep it equal to the <c>bext</c> TimeReference).</summary>
    /// <param name="samplesSinceMidnight">Sample frames since midnight.</param>
    /// <param name="sampleRate">The rate they count in, in Hz.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> is 0 or negative.</exception>
    /// <exception cref="InvalidOperationException">The document is not well-formed.</exception>
    public IXmlMetadata WithTimestamp(ulong samplesSinceMidnight, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        return WithValue("SPEED/TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI", ((uint)(samplesSinceMidnight >> 32)).ToString(CultureInfo.InvariantCulture))
            .WithValue("SPEED/TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO", ((uint)samplesSinceMidnight).ToString(CultureInfo.InvariantCulture))
            .WithValue("SPEED/TIMESTAMP_SAMPLE_RATE", sampleRate.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Returns a copy whose <c>TRACK_LIST</c> holds exactly <paramref name="tracks"/> and a matching
    /// <c>TRACK_COUNT</c>.</summary>
    /// <param name="tracks">The tracks, in order.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tracks"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The document is not well-formed.</exception>
    public IXmlMetadata WithTracks(IEnumerable<IXmlTrack> tracks)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var root = CloneRoot();
        root.Element("TRACK_LIST")?.Remove();
        var list = new XElement("TRACK_LIST");
        var count = 0;
        foreach (var track in tracks)
        {
            var element = new XElement(
                "TRACK",
                new XElement("CHANNEL_INDEX", track.ChannelIndex.ToString(CultureInfo.InvariantCulture)),
                new XElement("INTERLEAVE_INDEX", track.InterleaveIndex.ToString(CultureInfo.InvariantCulture)));
            if (track.Name is not null)
            {
                element.Add(new XElement("NAME", track.Name));
            }

            if (track.Function is not null)
            {
                element.Add(new XElement("FUNCTION", track.Function));
            }

            list.Add(element);
            count++;
        }

        list.AddFirst(new XElement("TRACK_COUNT", count.ToString(CultureInfo.InvariantCulture)));
        root.Add(list);
        return FromRoot(root);
    }

    /// <inheritdoc/>
    public bool Equals(IXmlMetadata? other) => other is not null && string.Equals(Xml, other.Xml, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as IXmlMetadata);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Xml);

    /// <inheritdoc/>
    public override string ToString() => Xml;

    private static IXmlMetadata FromRoot(XElement root)
    {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + root.ToString(SaveOptions.DisableFormatting);
        return new IXmlMetadata(xml, root);
    }

    private static XElement? TryParseRoot(string xml)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var text = new StringReader(xml);
            using var reader = XmlReader.Create(text, settings);
            var root = XElement.Load(reader, LoadOptions.PreserveWhitespace);
            return root.Name.LocalName == RootElementName ? root : null;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static int? ParseInt(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static uint? ParseUInt(string? text) =>
        uint.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private XElement CloneRoot() =>
        _root is null
            ? throw new InvalidOperationException("The iXML document is not well-formed XML, so it can only be kept as it is.")
            : new XElement(_root);
}
