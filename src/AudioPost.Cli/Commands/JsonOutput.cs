using System.Buffers;
using System.Text;
using System.Text.Json;

namespace AudioPost.Cli.Commands;

/// <summary>
/// How every <c>--json</c> report is printed: written with <see cref="Utf8JsonWriter"/> (no reflection, so the tool stays
/// trimmable and AOT-friendly), indented, as one block on standard output.
/// </summary>
internal static class JsonOutput
{
    /// <summary>Runs <paramref name="write"/> on an indented writer, then prints what it wrote and a newline.</summary>
    /// <param name="stdout">Where the JSON goes.</param>
    /// <param name="write">Writes one complete JSON value (usually an object).</param>
    public static void Write(TextWriter stdout, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            write(writer);
        }

        stdout.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
