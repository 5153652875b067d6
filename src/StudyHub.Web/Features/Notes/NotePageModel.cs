using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Video;

namespace StudyHub.Web.Features.Notes;

public sealed record Backlink(string Title, string Slug, string Sentence);

public sealed record OutgoingLink(string Text, string Href, bool Exists);

/// Everything the note page shows, loaded with a few indexed queries.
public sealed class NotePageModel
{
    public required string Title { get; init; }
    public required string Vault { get; init; }
    public required string VaultSlug { get; init; }
    public required IReadOnlyList<string> Folders { get; init; }
    public required string Html { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public string? Subject { get; init; }
    public string? SourceUrl { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<TocEntry> Toc { get; init; }
    public required IReadOnlyList<MediaSource> Media { get; init; }
    public required IReadOnlyList<TimelineMarker> Markers { get; init; }
    public required IReadOnlyList<Backlink> Backlinks { get; init; }
    public required IReadOnlyList<OutgoingLink> Outgoing { get; init; }

    public static async Task<NotePageModel?> LoadAsync(StudyHubDbContext db, string slug)
    {
        var note = await db.Notes.Where(n => n.Slug == slug && n.DeletedAt == null)
            .Select(n => new
            {
                n.Id, n.Title, Vault = n.Vault.Name, VaultSlug = n.Vault.Slug, n.Path, n.Html, n.Tags, n.UpdatedAt, n.FrontMatter, n.Media, n.PlainText,
            })
            .SingleOrDefaultAsync();
        if (note is null)
        {
            return null;
        }

        var times = await db.NoteTimestamps.Where(t => t.NoteId == note.Id && t.MediaIndex == 0).OrderBy(t => t.Offset)
            .Select(t => new { t.Seconds, t.Context }).ToListAsync();
        var backlinks = await db.NoteLinks.Where(l => l.TargetNoteId == note.Id && l.NoteId != note.Id)
            .Join(db.Notes.Where(n => n.DeletedAt == null), l => l.NoteId, n => n.Id, (l, n) => new { n.Title, n.Slug, l.Context, l.Offset })
            .OrderBy(b => b.Title).ThenBy(b => b.Offset)
            .ToListAsync();
        var outgoing = await db.NoteLinks.Where(l => l.NoteId == note.Id && !l.IsAttachment && l.TargetText != "")
            .GroupJoin(db.Notes, l => l.TargetNoteId, n => n.Id, (l, targets) => new { l.TargetText, l.TargetSlug, Targets = targets })
            .SelectMany(x => x.Targets.DefaultIfEmpty(), (x, target) => new { x.TargetText, x.TargetSlug, TargetTitle = target == null ? null : target.Title, TargetSlugOfNote = target == null ? null : target.Slug })
            .ToListAsync();

        var metadata = NoteMetadata.Parse(note.FrontMatter);
        return new NotePageModel
        {
            Title = note.Title,
            Vault = note.Vault,
            VaultSlug = note.VaultSlug,
            Folders = note.Path.Split('/')[..^1],
            Html = note.Html,
            Tags = note.Tags,
            UpdatedAt = note.UpdatedAt,
            Subject = metadata.Text("subject"),
            SourceUrl = metadata.Url("link") ?? metadata.Url("video") ?? metadata.Url("youtube"),
            Description = PlainText.Lead(note.PlainText) is { Length: > 0 } lead ? lead : note.Title,
            Toc = TableOfContents.Of(note.Html),
            Media = note.Media.Select(MediaSource.FromUrl).OfType<MediaSource>().ToList(),
            Markers = times.Select(t => new TimelineMarker(t.Seconds, t.Context)).ToList(),
            Backlinks = backlinks.Select(b => new Backlink(b.Title, b.Slug, b.Context)).ToList(),
            Outgoing = outgoing
                .Select(o => o.TargetSlugOfNote is not null
                    ? new OutgoingLink(o.TargetTitle!, $"/notes/{o.TargetSlugOfNote}", Exists: true)
                    : new OutgoingLink(o.TargetText, $"/concepts/{o.TargetSlug}", Exists: false))
                .DistinctBy(o => o.Href)
                .OrderBy(o => o.Text, StringComparer.OrdinalIgnoreCase)
                .ToList(),
        };
    }
}
