namespace AudioPost.Sdk.Timing;

/// <summary>
/// A timecode label could not be read, or names a frame that does not exist at its rate. The message quotes the label
/// and says why, for example <c>'00:01:00;00' is not a timecode at 29.97df: the label does not exist at 29.97df:
/// labels ;00 and ;01 are skipped at every minute not divisible by ten.</c>
/// </summary>
/// <remarks>A <see cref="FormatException"/>, so callers that catch parse errors generally still catch it.</remarks>
public class TimecodeFormatException : FormatException
{
    /// <summary>Creates an exception with a generic reason.</summary>
    public TimecodeFormatException()
        : this("The text is not a valid timecode.")
    {
    }

    /// <summary>Creates an exception with a reason.</summary>
    /// <param name="message">What is wrong and why.</param>
    public TimecodeFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a reason and a cause.</summary>
    /// <param name="message">What is wrong and why.</param>
    /// <param name="innerException">The exception that revealed the problem, or <see langword="null"/>.</param>
    public TimecodeFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
