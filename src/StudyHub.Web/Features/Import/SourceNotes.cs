using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StudyHub.Markdown;

namespace StudyHub.Web.Features.Import;

/// A note file as read: <paramref name="MetadataJson"/> is its front matter and inline fields as stored.
public sealed record SourceNote(string Path, string Hash, string Markdown, ParsedNote Parsed, Dictionary<string, object?> Metadata, string MetadataJson);

/// What an import keeps of every note from its first reading, to match files with stored notes and resolve links
/// across the vault: small, where the note's text and syntax tree are read again batch by batch.
public sealed record NoteName(string Path, string Hash, string Title, IReadOnlyList<string> Aliases);

/// Any other file of the vault, with the hash its bytes are stored under; the bytes are read again when stored.
public sealed record SourceAttachment(string Path, string Hash, long Size);

/// A vault's files as an import reads them, before it looks at the database: notes parsed, the rest hashed.
public static class SourceNotes
{
    /// Reads every note once for its name, warning about what cannot be read as it is; a binary file is left out. The
    /// notes <paramref name="known"/> names are not read: their warnings were given when they were.
    public static List<NoteName> Names(VaultFiles files, ObsidianMarkdown markdown, ImportReport report, KnownFiles? known = null)
    {
        // Parsing is pure and the pipeline thread-safe, so notes parse on every core; each note's text is let go once named.
        var read = files.Entries.Where(f => IsNote(f.Path)).AsParallel().AsOrdered().Select(file =>
        {
            if (known?.NoteAt(file.Path) is { } name)
            {
                return (Name: name, Warnings: []);
            }
            var content = files.Read(file.Path);
            if (LooksBinary(content))
            {
                return (Name: (NoteName?)null, Warnings: (IReadOnlyList<ImportWarning>)[new ImportWarning(file.Path, null, "Skipped: the file is binary, not markdown text.")]);
            }
            var note = Parse(file.Path, content, markdown, out var invalidAt);
            var warnings = note.Parsed.Warnings.Select(w => new ImportWarning(file.Path, w.Line, w.Message));
            if (invalidAt is { } line)
            {
                warnings = warnings.Prepend(new ImportWarning(file.Path, line, "The file is not valid UTF-8; invalid bytes were replaced with \uFFFD."));
            }
            return (Name: new NoteName(note.Path, note.Hash, note.Parsed.Title, note.Parsed.Aliases), Warnings: warnings.ToList());
        }).ToList();
        foreach (var (_, warnings) in read)
        {
            report.Warnings.AddRange(warnings);
        }
        return read.Select(r => r.Name).OfType<NoteName>().ToList();
    }

    /// Reads a named note again, whole; a file that changed since it was named is refused, since the import planned with what it said then.
    public static SourceNote Read(VaultFiles files, NoteName name, ObsidianMarkdown markdown)
    {
        var note = Parse(name.Path, files.Read(name.Path), markdown, out _);
        return note.Hash == name.Hash ? note
            : throw new VaultRejectedException($"{name.Path} changed while the vault was being imported; nothing was imported. Import it again once it is saved.");
    }

    static SourceNote Parse(string path, byte[] content, ObsidianMarkdown markdown, out int? invalidAt)
    {
        var text = Decode(content, out invalidAt);
        var parsed = markdown.Parse(text, System.IO.Path.GetFileName(path));
        var metadata = MetadataOf(parsed);
        return new SourceNote(path, Hash(content), text, parsed, metadata, JsonSerializer.Serialize(metadata));
    }

    public static Dictionary<string, SourceAttachment> AttachmentsOf(VaultFiles files, KnownFiles? known = null) =>
        files.Entries.Where(f => !IsNote(f.Path)).AsParallel().AsOrdered()
            .Select(f => known?.AttachmentAt(f.Path)
                ?? (files.Read(f.Path) is var content ? new SourceAttachment(f.Path, Hash(content), content.Length) : null!))
            .ToList().ToDictionary(a => a.Path, StringComparer.Ordinal);

    public static void WarnAboutCaseClashes(VaultFiles files, ImportReport report)
    {
        foreach (var clash in files.Entries.GroupBy(f => f.Path, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
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

    static string Hash(byte[] content) => Hex(SHA256.HashData(content));

    /// A SHA-256 as notes and attachments store it.
    public static string Hex(ReadOnlySpan<byte> sha256) => Convert.ToHexString(sha256).ToLowerInvariant();

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
