using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StudyHub.Markdown;

namespace StudyHub.Web.Features.Import;

/// A note file as read: <paramref name="MetadataJson"/> is its front matter and inline fields as stored.
public sealed record SourceNote(string Path, string Hash, string Markdown, ParsedNote Parsed, Dictionary<string, object?> Metadata, string MetadataJson);

/// Any other file of the vault, with the hash its bytes are stored under.
public sealed record SourceAttachment(string Path, byte[] Content, string Hash);

/// A vault's files as an import reads them, before it looks at the database: notes parsed, the rest hashed.
public static class SourceNotes
{
    public static List<SourceNote> Read(IEnumerable<VaultFile> files, ObsidianMarkdown markdown, ImportReport report)
    {
        // Parsing is pure and the pipeline thread-safe, so notes parse on every core.
        var read = files.Where(f => IsNote(f.Path)).AsParallel().AsOrdered().Select(file =>
        {
            if (LooksBinary(file.Content))
            {
                return (Note: (SourceNote?)null, Warnings: (IEnumerable<ImportWarning>)[new ImportWarning(file.Path, null, "Skipped: the file is binary, not markdown text.")]);
            }
            var text = Decode(file.Content, out var invalidAt);
            var parsed = markdown.Parse(text, System.IO.Path.GetFileName(file.Path));
            var warnings = parsed.Warnings.Select(w => new ImportWarning(file.Path, w.Line, w.Message));
            if (invalidAt is { } line)
            {
                warnings = warnings.Prepend(new ImportWarning(file.Path, line, "The file is not valid UTF-8; invalid bytes were replaced with \uFFFD."));
            }
            var metadata = MetadataOf(parsed);
            return (Note: new SourceNote(file.Path, Hash(file.Content), text, parsed, metadata, JsonSerializer.Serialize(metadata)), Warnings: warnings);
        }).ToList();
        foreach (var (_, warnings) in read)
        {
            report.Warnings.AddRange(warnings);
        }
        return read.Select(r => r.Note).OfType<SourceNote>().ToList();
    }

    public static Dictionary<string, SourceAttachment> AttachmentsOf(IEnumerable<VaultFile> files) =>
        files.Where(f => !IsNote(f.Path)).ToDictionary(f => f.Path, f => new SourceAttachment(f.Path, f.Content, Hash(f.Content)));

    public static void WarnAboutCaseClashes(IEnumerable<VaultFile> files, ImportReport report)
    {
        foreach (var clash in files.GroupBy(f => f.Path, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            report.Warnings.Add(new ImportWarning(clash.Key, null,
                $"Names differ only in case ({string.Join(", ", clash.Select(f => f.Path))}); all were imported, and links pick the first by path."));
        }
    }

    /// Left out whole rather than cut short: a cut note would read as complete, end mid-sentence without saying so, and
    /// orphan the annotations on its end; left out, the report says what to do and an earlier version's annotations wait for it.
    public static string TooLongNote(long bytes, long maxBytes) => string.Create(CultureInfo.InvariantCulture,
        $"Not imported: the note is {Size(bytes)} ({bytes:N0} bytes), over the limit of {Size(maxBytes)} for one note (Import:Limits:MaxNoteBytes). "
        + $"Split it into smaller notes, or ask an admin to raise the limit; if it was imported before, it is removed until it fits.");

    static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB");

    /// Front matter and inline fields in one object; front matter wins where both name a key.
    static Dictionary<string, object?> MetadataOf(ParsedNote parsed)
    {
        var metadata = new Dictionary<string, object?>(parsed.Properties, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in parsed.Fields)
        {
            metadata.TryAdd(key, value);
        }
        return metadata;
    }

    public static bool IsNote(string path) => path.EndsWith(".md", StringComparison.OrdinalIgnoreCase);

    static string Hash(byte[] content) => Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();

    /// Text files hold no NUL bytes; binary formats almost always do near their start.
    static bool LooksBinary(byte[] content) => content.AsSpan(0, Math.Min(content.Length, 8000)).Contains((byte)0);

    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static string Decode(byte[] content, out int? invalidLine)
    {
        invalidLine = null;
        try
        {
            return StrictUtf8.GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException exception)
        {
            invalidLine = exception.Index >= 0 ? content.AsSpan(0, Math.Min(exception.Index, content.Length)).Count((byte)'\n') + 1 : null;
            return Encoding.UTF8.GetString(content).TrimStart('\uFEFF');
        }
    }
}
