using Microsoft.EntityFrameworkCore;
using StudyHub.Markdown;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Annotations;
using StudyHub.Web.Features.Papers;
using StudyHub.Web.Features.Transcripts;
using StudyHub.Web.Features.Vaults;
using StudyHub.Web.Features.Video;

namespace StudyHub.Web.Features.Notes;

/// Everything the note page shows, in one query: the lists around the text were derived at import.
public sealed record NotePageModel
{
    public required Guid NoteId { get; init; }
    public required string Slug { get; init; }
    public required string Address { get; init; }
    public required string Title { get; init; }
    public required string Vault { get; init; }
    public required string VaultSlug { get; init; }
    public required bool MembersOnly { get; init; }
    public required bool IsLecture { get; init; }
    public required IReadOnlyList<string> Folders { get; init; }
    public required string Html { get; init; }

    /// What of the note's text (whitespace aside) the page leaves out before Html: the title heading it does not show
    /// twice. Annotations are placed in the whole text; the page paints them this much further back.
    public int TextBeforeHtml { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public string? Subject { get; init; }
    public string? SourceUrl { get; init; }

    /// Where the note's file is edited (EditLinks), when its vault says.
    public string? EditUrl { get; init; }

    /// The papers the note is about, as its Paper: field names them.
    public required IReadOnlyList<PaperLink> Papers { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<OutlineHeading> Toc { get; init; }
    public required IReadOnlyList<MediaSource> Media { get; init; }

    /// The note's times on each recording's timeline, as Media lists them: those that seek it.
    public required IReadOnlyList<IReadOnlyList<TimelineMarker>> Markers { get; init; }

    /// The lecture's length in seconds (LectureLength), along which its timeline places the times before the player loads.
    public int? Duration { get; init; }

    /// What is said in each of the recordings, as Media lists them, cue by cue; empty where one has no transcript.
    public required IReadOnlyList<IReadOnlyList<SpokenLine>> Transcripts { get; init; }
    public required IReadOnlyList<Backlink> Backlinks { get; init; }
    public required IReadOnlyList<OutgoingLink> Outgoing { get; init; }

    /// The note whoever may read it; NotePages checks that the reader may.
    public static async Task<NotePageModel?> LoadAsync(StudyHubDbContext db, string address, CancellationToken cancellationToken)
    {
        var note = await db.Notes.IgnoreQueryFilters([NoteFilters.Readable]).Where(n => n.Address == address)
            .Select(n => new { n.Id, n.VaultId, n.Slug, n.Address, n.Title, Vault = n.Vault.Name, VaultSlug = n.Vault.Slug, n.Vault.MembersOnly, n.Vault.EditLinks, n.IsLecture, n.Path, n.Html, n.Tags, n.UpdatedAt, n.FrontMatter, n.Media, n.Reading, Opening = n.Markdown.Substring(0, PaperReference.OpeningCharacters) })
            .SingleOrDefaultAsync(cancellationToken);
        if (note is null)
        {
            return null;
        }
        var cues = (await db.TranscriptCues.Where(c => c.NoteId == note.Id).OrderBy(c => c.Start).ThenBy(c => c.Id)
            .Select(c => new { c.MediaIndex, Line = new SpokenLine(c.Start, c.End, c.Text, c.Speaker) })
            .ToListAsync(cancellationToken)).ToLookup(c => c.MediaIndex, c => c.Line);
        var reading = NoteReading.FromJson(note.Reading);
        var metadata = NoteMetadata.Parse(note.FrontMatter);
        var papers = await NotePapers.LoadAsync(db, note.Id, note.VaultId, metadata, note.Opening, cancellationToken);
        var media = note.Media.Select(MediaSource.FromUrl).OfType<MediaSource>().ToList();
        var recorded = await LectureLength.RecordedAsync(db, note.VaultId, [note.Media], cancellationToken);
        return new NotePageModel
        {
            NoteId = note.Id,
            Slug = note.Slug,
            Address = note.Address,
            Title = note.Title,
            Vault = note.Vault,
            VaultSlug = note.VaultSlug,
            MembersOnly = note.MembersOnly,
            IsLecture = note.IsLecture,
            Folders = note.Path.Split('/')[..^1],
            Html = note.Html,
            TextBeforeHtml = reading.TextBeforeHtml,
            Tags = note.Tags,
            UpdatedAt = note.UpdatedAt,
            Subject = metadata.Text("subject"),
            SourceUrl = LectureMedia.FrontMatterKeys.Select(metadata.Url).FirstOrDefault(url => url is not null),
            EditUrl = note.EditLinks is { } template ? EditLinks.For(template, note.Path) : null,
            Papers = papers,
            Description = reading.Description.Length > 0 ? reading.Description : note.Title,
            Toc = reading.Toc,
            Media = media,
            Markers = [.. media.Select((_, recording) => (IReadOnlyList<TimelineMarker>)[.. reading.Markers.Where(m => m.Recording == recording).Select(m => new TimelineMarker(m.Seconds, m.Label))])],
            Duration = LectureLength.Of(metadata, note.Media, recorded),
            Transcripts = [.. media.Select((_, recording) => (IReadOnlyList<SpokenLine>)[.. cues[recording]])],
            Backlinks = reading.Backlinks,
            Outgoing = reading.Outgoing,
        };
    }
}
