using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Timing;

namespace AudioPost.Cli.Commands;

/// <summary>The start timecode <c>info</c> reports: the label, the rate it was counted at and where that rate came from.</summary>
/// <param name="Value">The label, e.g. <c>01:00:00;00</c>.</param>
/// <param name="Rate">The rate it was counted at.</param>
/// <param name="Source"><c>ixml</c> (the file's SPEED/TIMECODE_RATE and FLAG), <c>option</c> (--timecode-rate) or <c>default</c> (25).</param>
internal sealed record StartTimecode(string Value, FrameRate Rate, string Source)
{
    /// <summary>
    /// Derives the timecode of the first sample from the bext TimeReference; the rate is the file's iXML rate when it
    /// names a valid one, else <paramref name="optionRate"/>, else 25 fps.
    /// </summary>
    /// <returns>The timecode, or <see langword="null"/> when the file has no bext chunk.</returns>
    public static StartTimecode? From(AudioFileInfo info, FrameRate? optionRate)
    {
        var bext = info.Metadata.Broadcast;
        if (bext is null)
        {
            return null;
        }

        var ixml = info.Metadata.IXml;
        var (rate, source) = TimecodeRates.FromIXml(ixml?.TimecodeRate, ixml?.TimecodeFlag) is { } fromFile
            ? (fromFile, "ixml")
            : optionRate is { } option ? (option, "option") : (TimecodeRates.Default, "default");

        // TimeReference counts at the file's own sample rate (EBU Tech 3285).
        return new StartTimecode(LabelAt(bext.TimeReference, info.SampleRate, rate).ToString(), rate, source);
    }

    /// <summary>Gets the label of the frame containing sample <paramref name="samples"/> since midnight, for any
    /// 64-bit unsigned TimeReference.</summary>
    /// <remarks>
    /// <see cref="Timecode.FromSampleFrame"/> takes a signed position; a TimeReference above <see cref="long.MaxValue"/>
    /// is first reduced modulo FramesPerDay·fs·den samples, the span of <c>num</c> whole days, which starts exactly
    /// on a frame and so leaves the label unchanged.
    /// </remarks>
    public static Timecode LabelAt(ulong samples, int sampleRate, FrameRate rate)
    {
        var period = (ulong)rate.FramesPerDay * (ulong)sampleRate * (ulong)rate.Denominator;
        return Timecode.FromSampleFrame((long)(samples % period), sampleRate, rate);
    }
}
