using System.Globalization;
using System.Text;

namespace StudyHub.Web.Features.Import;

public sealed record ImportWarning(string Path, int? Line, string Message);

public sealed record UnresolvedLink(string Target, string NotePath, int Line);

public sealed record MissingAttachment(string Name, string NotePath, int Line);

/// A transcript that now belongs to a note's recording, and how many cues were read from it.
public sealed record AttachedTranscript(string Path, string NotePath, int Cues);

/// A PDF whose text was read, page by page, for search.
public sealed record ReadPaper(string Path, int Pages);

/// What an import found and did, printed by the command and stored with the import.
public sealed class ImportReport
{
    public required string Vault { get; init; }
    /// The stored import this report belongs to, for a link to it.
    public Guid RunId { get; set; }
    public int NotesAdded { get; set; }
    public int NotesChanged { get; set; }
    public int NotesUnchanged { get; set; }
    public int NotesRenamed { get; set; }
    public int NotesRemoved { get; set; }
    public int Attachments { get; set; }
    public int AttachmentsAdded { get; set; }
    public int AttachmentsChanged { get; set; }
    public int AttachmentsRemoved { get; set; }
    /// The notes read and rendered again: every one in a full import, those that changed or depend on a change in an
    /// incremental one, whose lists below then name only what was found in these.
    public int NotesRendered { get; set; }
    /// Why a sync that asked for an incremental import got a full one.
    public string? FullImportBecause { get; set; }
    /// Every link to a note not yet written, counted; the list keeps the first ListedAtMost, as does the one of
    /// missing attachments. A large vault has hundreds of thousands of such links, and the report is held, stored and
    /// shown whole. Those left out are still found: a name's concept page lists every note linking to it, and a note's
    /// page marks each file it embeds that is missing.
    public int UnresolvedLinkCount { get; set; }
    public List<UnresolvedLink> UnresolvedLinks { get; init; } = [];
    public int MissingAttachmentCount { get; set; }
    public List<MissingAttachment> MissingAttachments { get; init; } = [];
    public const int ListedAtMost = 1_000;
    public List<ImportWarning> Warnings { get; init; } = [];
    public List<AttachedTranscript> Transcripts { get; init; } = [];
    public List<ReadPaper> Papers { get; init; } = [];

    public int Notes => NotesAdded + NotesChanged + NotesUnchanged + NotesRenamed;

    public void Add(UnresolvedLink link)
    {
        if (UnresolvedLinkCount++ < ListedAtMost)
        {
            UnresolvedLinks.Add(link);
        }
    }

    public void Add(MissingAttachment attachment)
    {
        if (MissingAttachmentCount++ < ListedAtMost)
        {
            MissingAttachments.Add(attachment);
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.Append(culture, $"Vault \"{Vault}\": {NotesAdded} new, {NotesChanged} changed, {NotesUnchanged} unchanged, ")
            .Append(culture, $"{NotesRenamed} renamed, {NotesRemoved} removed notes; ")
            .Append(culture, $"{Attachments} attachments ({AttachmentsAdded} new, {AttachmentsChanged} changed, {AttachmentsRemoved} removed); ")
            .Append(culture, $"{UnresolvedLinkCount} links to notes not yet written; {MissingAttachmentCount} missing attachments; ")
            .AppendLine(culture, $"{Warnings.Count} warnings");
        foreach (var group in UnresolvedLinks.GroupBy(l => l.Target, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine(culture, $"  not yet written: {group.Key} ← {string.Join(", ", group.Select(l => $"{l.NotePath}:{l.Line}").Distinct())}");
        }
        AppendUnlisted(text, UnresolvedLinkCount - UnresolvedLinks.Count, "links to notes not yet written");
        foreach (var missing in MissingAttachments)
        {
            text.AppendLine(culture, $"  missing attachment: {missing.Name} ← {missing.NotePath}:{missing.Line}");
        }
        AppendUnlisted(text, MissingAttachmentCount - MissingAttachments.Count, "missing attachments");
        foreach (var transcript in Transcripts)
        {
            text.AppendLine(culture, $"  transcript: {transcript.Path} → {transcript.NotePath} ({transcript.Cues} cues)");
        }
        foreach (var paper in Papers)
        {
            text.AppendLine(culture, $"  paper: {paper.Path} ({paper.Pages} pages read)");
        }
        foreach (var warning in Warnings)
        {
            text.AppendLine(warning.Line is { } line
                ? string.Create(culture, $"  warning: {warning.Path}:{line}: {warning.Message}")
                : $"  warning: {warning.Path}: {warning.Message}");
        }
        return text.ToString().TrimEnd();
    }

    static void AppendUnlisted(StringBuilder text, int unlisted, string what)
    {
        if (unlisted > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  … and {unlisted} more {what}, not listed");
        }
    }
}
