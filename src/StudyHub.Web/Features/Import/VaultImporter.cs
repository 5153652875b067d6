using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyHub.Markdown;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Annotations;
using StudyHub.Web.Features.Attachments;
using StudyHub.Web.Features.Notes;
using StudyHub.Web.Features.Search;
using StudyHub.Web.Features.Vaults;
using StudyHub.Web.Features.Video;
using MediaKind = StudyHub.Markdown.MediaKind;

namespace StudyHub.Web.Features.Import;

/// Brings a vault folder or zip into the database in one transaction: new notes are added, changed ones
/// get a new revision, unchanged ones are left alone, renamed ones keep their identity, and deleted ones
/// leave every view while their history stays.
public sealed class VaultImporter(IDbContextFactory<StudyHubDbContext> contexts, ObsidianMarkdown markdown, IAttachmentStore store,
    IOptions<ImportLimits> limits, ImportVersion version, TimeProvider clock)
{
    public Task<ImportReport> ImportAsync(string source, string? vaultName, CancellationToken cancellationToken) =>
        ImportAsync(source, vaultName, Path.GetFullPath(source), cancellationToken);

    /// <paramref name="origin"/> is what the list of imports shows as the source: an uploaded zip's temporary
    /// file means nothing to anyone, its original name and uploader do.
    public async Task<ImportReport> ImportAsync(string source, string? vaultName, string origin, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        var contents = VaultSource.Read(source, limits.Value);
        var name = string.IsNullOrWhiteSpace(vaultName) ? VaultNameOf(source) : vaultName.Trim();
        var report = new ImportReport { Vault = name };
        report.Warnings.AddRange(contents.Warnings);

        var sourceNotes = ReadNotes(contents.Files, report);
        var sourceAttachments = contents.Files.Where(f => !IsNote(f.Path)).ToDictionary(f => f.Path, f => (File: f, Hash: Hash(f.Content)));
        WarnAboutCaseClashes(contents.Files, report);

        await using var db = (await contexts.CreateDbContextAsync(cancellationToken)).ReadingAsSystem();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One import at a time, across processes too: two at once would hand out the same note slugs.
        await WaitForOtherImportsAsync(db, cancellationToken);
        await PreferFastCompressionAsync(db, cancellationToken);
        var vault = await db.Vaults.SingleOrDefaultAsync(v => v.Name == name, cancellationToken);
        if (vault is null)
        {
            vault = new Vault { Name = name, Slug = await UniqueVaultSlugAsync(db, name, cancellationToken), CreatedAt = started, LastImportedAt = started };
            db.Vaults.Add(vault);
            // New notes are copied in while they are rendered, before the other changes are saved: their vault must exist by then.
            await db.SaveChangesAsync(cancellationToken);
        }
        vault.LastImportedAt = started;

        var inserts = new NewRows();
        var notes = await MatchNotesAsync(db, vault, sourceNotes, report, inserts, started, cancellationToken);
        var attachments = await SyncAttachmentsAsync(db, vault, sourceAttachments, report, started, cancellationToken);
        await DeriveAsync(db, notes, attachments, report, inserts, cancellationToken);

        await db.SaveChangesAsync(cancellationToken);
        await db.NoteLinks.Where(l => inserts.ReplacedLinksOf.Contains(l.NoteId)).ExecuteDeleteAsync(cancellationToken);
        await db.NoteTimestamps.Where(t => inserts.ReplacedTimesOf.Contains(t.NoteId)).ExecuteDeleteAsync(cancellationToken);
        await BulkInsert.CopyAsync(db, inserts.Revisions, cancellationToken);
        await BulkInsert.CopyAsync(db, inserts.Times, cancellationToken);
        await CopyLinksAsync(db, inserts.Links, cancellationToken);
        await SwitcherNames.RefreshAsync(db, vault.Id, cancellationToken);
        await SearchWords.RefreshAsync(db, vault.Id, cancellationToken);
        report.RunId = Guid.CreateVersion7();
        db.ImportRuns.Add(new ImportRun
        {
            Id = report.RunId, VaultId = vault.Id, Source = origin, StartedAt = started, FinishedAt = clock.GetUtcNow(),
            Report = JsonSerializer.Serialize(report),
        });
        await db.SaveChangesAsync(cancellationToken);
        await ContentVersion.BumpAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        version.Forget();
        return report;
    }

    /// Records an import that brought nothing in, so that it shows in the list of imports with the reason.
    public async Task<Guid> RecordRefusedAsync(string vaultName, string origin, string problem, DateTimeOffset started, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = new ImportRun
        {
            VaultId = await db.Vaults.Where(v => v.Name == vaultName).Select(v => (Guid?)v.Id).SingleOrDefaultAsync(cancellationToken),
            Source = origin, StartedAt = started, FinishedAt = clock.GetUtcNow(), Problem = problem,
            Report = JsonSerializer.Serialize(new ImportReport { Vault = vaultName }),
        };
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run.Id;
    }

    /// The key of the advisory lock that imports take: "StudyHub" in ASCII.
    const long ImportLock = 0x5374_7564_7948_7562;

    /// Takes the imports' lock until the transaction ends; deleting a vault takes it too, so as not to delete under an import.
    public static async Task WaitForOtherImportsAsync(StudyHubDbContext db, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ImportLock})", cancellationToken);

    /// PostgreSQL checks each new link's note and target with a query of its own and adds the link to three indexes,
    /// over a second for a first import of 10,000 notes; when an import brings at least as many links as are stored, they
    /// are loaded in bulk instead. That locks notes and links against readers for the rest of the import (under a
    /// second for those 10,000 notes), which is why links come last and small imports keep the row-by-row checks.
    /// Revisions and times are not loaded so: they would save a sixth of a second but take the lock on notes earlier,
    /// and one table at a time, where a reader holding links and waiting for notes would deadlock with the import.
    static async Task CopyLinksAsync(StudyHubDbContext db, List<NoteLink> links, CancellationToken cancellationToken)
    {
        if (links.Count >= BulkLinks && !await db.NoteLinks.OrderBy(l => l.Id).Skip(links.Count).AnyAsync(cancellationToken))
        {
            await BulkInsert.BulkLoadAsync(db, links, cancellationToken);
        }
        else
        {
            await BulkInsert.CopyAsync(db, links, cancellationToken);
        }
    }

    /// Below this many new links, checking them one by one costs less than a few dozen milliseconds.
    public const int BulkLinks = 5_000;

    /// Notes, their HTML and revisions are large texts that PostgreSQL compresses; lz4 (where the server has it)
    /// compresses several times faster than the default pglz, which a first import of thousands of notes feels.
    static async Task PreferFastCompressionAsync(StudyHubDbContext db, CancellationToken cancellationToken)
    {
        var lz4 = await db.Database.SqlQuery<bool>(
            $"SELECT EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)) AS \"Value\"")
            .SingleAsync(cancellationToken);
        if (lz4)
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL default_toast_compression = 'lz4'", cancellationToken);
        }
    }

    /// A note file as read: <paramref name="MetadataJson"/> is its front matter and inline fields as stored.
    sealed record SourceNote(string Path, string Hash, string Markdown, ParsedNote Parsed, Dictionary<string, object?> Metadata, string MetadataJson);

    /// Rows this import adds besides its new notes (which are copied in as they are rendered); written with COPY
    /// after the updates, parents before children.
    sealed class NewRows
    {
        public List<NoteRevision> Revisions { get; } = [];
        public List<NoteLink> Links { get; } = [];
        public List<NoteTimestamp> Times { get; } = [];

        /// Notes whose stored links or times are replaced by the ones above.
        public List<Guid> ReplacedLinksOf { get; } = [];
        public List<Guid> ReplacedTimesOf { get; } = [];
    }

    /// A note of this import: its row, stored already unless it is new, and what the file says now.
    sealed record ImportedNote(Note Entity, SourceNote Source, bool IsNew = false);

    List<SourceNote> ReadNotes(IEnumerable<VaultFile> files, ImportReport report)
    {
        // Parsing is pure and the pipeline thread-safe, so notes parse on every core.
        var maxNoteBytes = limits.Value.MaxNoteBytes;
        var read = files.Where(f => IsNote(f.Path)).AsParallel().AsOrdered().Select(file =>
        {
            if (file.Content.Length > maxNoteBytes)
            {
                return (Note: (SourceNote?)null, Warnings: (IEnumerable<ImportWarning>)[new ImportWarning(file.Path, null, TooLongNote(file.Content.Length, maxNoteBytes))]);
            }
            if (LooksBinary(file.Content))
            {
                return (Note: (SourceNote?)null, Warnings: (IEnumerable<ImportWarning>)[new ImportWarning(file.Path, null, "Skipped: the file is binary, not markdown text.")]);
            }
            var text = Decode(file.Content, out var invalidAt);
            var parsed = markdown.Parse(text, Path.GetFileName(file.Path));
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

    /// Left out whole rather than cut short: a cut note would read as complete, end mid-sentence without saying so, and
    /// orphan the annotations on its end; left out, the report says what to do and an earlier version's annotations wait for it.
    static string TooLongNote(long bytes, long maxBytes) => string.Create(CultureInfo.InvariantCulture,
        $"Not imported: the note is {Size(bytes)} ({bytes:N0} bytes), over the limit of {Size(maxBytes)} for one note (Import:Limits:MaxNoteBytes). "
        + $"Split it into smaller notes, or ask an admin to raise the limit; if it was imported before, it is removed until it fits.");

    static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB");

    static async Task<List<ImportedNote>> MatchNotesAsync(StudyHubDbContext db, Vault vault, List<SourceNote> sources, ImportReport report,
        NewRows inserts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await db.Notes.Where(n => n.VaultId == vault.Id).ToListAsync(cancellationToken);
        var byPath = existing.ToDictionary(n => n.Path, StringComparer.Ordinal);
        var retired = await db.NoteSlugHistory.ToListAsync(cancellationToken);
        var takenSlugs = (await db.Notes.Select(n => n.Slug).ToListAsync(cancellationToken)).Concat(retired.Select(r => r.Slug)).ToHashSet();
        var sourcePaths = sources.Select(s => s.Path).ToHashSet(StringComparer.Ordinal);

        // A live note whose path is gone and whose exact content appears at a new path was renamed.
        var renameCandidates = existing
            .Where(n => n.DeletedAt is null && !sourcePaths.Contains(n.Path))
            .GroupBy(n => n.ContentHash)
            .ToDictionary(g => g.Key, g => new Queue<Note>(g.OrderBy(n => n.Path, StringComparer.Ordinal)));

        var imported = new ImportedNote[sources.Count];
        var unmatched = new List<int>();
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            if (byPath.TryGetValue(source.Path, out var note))
            {
                if (note.ContentHash == source.Hash && note.DeletedAt is null)
                {
                    report.NotesUnchanged++;
                    // The same file can be named differently when the naming rule changed since it was last imported.
                    Retitle(db, note, source.Parsed.Title, takenSlugs, retired, now);
                }
                else
                {
                    report.NotesChanged++;
                    Retitle(db, note, source.Parsed.Title, takenSlugs, retired, now);
                    Update(inserts, note, source, now);
                }
            }
            else if (renameCandidates.TryGetValue(source.Hash, out var candidates) && candidates.TryDequeue(out note))
            {
                report.NotesRenamed++;
                Retitle(db, note, source.Parsed.Title, takenSlugs, retired, now);
                note.Path = source.Path;
                note.UpdatedAt = now;
            }
            else
            {
                unmatched.Add(i);
                continue;
            }
            imported[i] = new ImportedNote(note, source);
        }

        // A note moved or renamed and edited in the same go keeps its identity (and its annotations) when most of
        // its lines are still there; otherwise a file at a new path is a new note.
        var gone = renameCandidates.Values.SelectMany(queue => queue).Select(n => (Note: n, Lines: Lines(n.Markdown))).ToList();
        foreach (var i in unmatched)
        {
            var source = sources[i];
            var lines = gone.Count > 0 ? Lines(source.Markdown) : [];
            var scored = gone.Select((g, index) => (Index: index, Similarity: Similarity(g.Lines, lines))).ToList();
            Note note;
            if (scored.Count > 0 && scored.MaxBy(g => g.Similarity) is { Similarity: >= MovedAndEditedSimilarity } best)
            {
                note = gone[best.Index].Note;
                gone.RemoveAt(best.Index);
                report.NotesRenamed++;
                Retitle(db, note, source.Parsed.Title, takenSlugs, retired, now);
                note.Path = source.Path;
                Update(inserts, note, source, now);
            }
            else
            {
                report.NotesAdded++;
                note = new Note
                {
                    VaultId = vault.Id, Path = source.Path, Title = source.Parsed.Title, Slug = UniqueSlug(source.Parsed.Title, takenSlugs),
                    Markdown = source.Markdown, ContentHash = source.Hash, CreatedAt = now,
                };
                Update(inserts, note, source, now);
                imported[i] = new ImportedNote(note, source, IsNew: true);
                continue;
            }
            imported[i] = new ImportedNote(note, source);
        }

        var kept = imported.Select(i => i.Entity.Id).ToHashSet();
        foreach (var removed in existing.Where(n => n.DeletedAt is null && !kept.Contains(n.Id)))
        {
            removed.DeletedAt = now;
            report.NotesRemoved++;
        }
        Readdress(db, vault, imported.Select(i => i.Entity), retired, now);
        return [.. imported];
    }

    /// Gives every live note of the vault the address its path now has (NoteAddress); an address a note leaves keeps
    /// leading to it, until another note takes it.
    static void Readdress(StudyHubDbContext db, Vault vault, IEnumerable<Note> notes, List<NoteSlugHistory> retired, DateTimeOffset now)
    {
        var live = notes.ToList();
        var addresses = NoteAddress.Of(vault.Slug, live.Select(n => n.Path));
        foreach (var note in live)
        {
            var address = addresses[note.Path];
            if (note.Address == address)
            {
                continue;
            }
            if (note.Address.Length > 0)
            {
                if (retired.Find(r => r.Slug == note.Address) is { } earlier)
                {
                    earlier.NoteId = note.Id;
                    earlier.RetiredAt = now;
                }
                else
                {
                    var history = new NoteSlugHistory { Slug = note.Address, NoteId = note.Id, RetiredAt = now };
                    db.NoteSlugHistory.Add(history);
                    retired.Add(history);
                }
            }
            note.Address = address;
        }
    }

    const double MovedAndEditedSimilarity = 0.5;

    static HashSet<string> Lines(string markdown) =>
        markdown.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    /// Shared lines over all lines (Jaccard): 1 for the same lines, 0 for none in common.
    static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        var shared = a.Count(b.Contains);
        return shared == 0 ? 0 : (double)shared / (a.Count + b.Count - shared);
    }

    /// A new title gets a new readable slug; the old one is kept so that links to it redirect.
    static void Retitle(StudyHubDbContext db, Note note, string title, HashSet<string> takenSlugs, List<NoteSlugHistory> retired, DateTimeOffset now)
    {
        var wanted = Slug.From(title);
        if (wanted == Slug.From(note.Title))
        {
            note.Title = title;
            return;
        }
        var previous = note.Slug;
        // A note renamed back takes its old address back.
        if (retired.Find(r => r.Slug == wanted && r.NoteId == note.Id) is { } own)
        {
            db.NoteSlugHistory.Remove(own);
            retired.Remove(own);
            note.Slug = wanted;
        }
        else
        {
            note.Slug = UniqueSlug(title, takenSlugs);
        }
        var history = new NoteSlugHistory { Slug = previous, NoteId = note.Id, RetiredAt = now };
        db.NoteSlugHistory.Add(history);
        retired.Add(history);
        note.Title = title;
    }

    static void Update(NewRows inserts, Note note, SourceNote source, DateTimeOffset now)
    {
        note.Path = source.Path;
        note.Title = source.Parsed.Title;
        note.Markdown = source.Markdown;
        note.ContentHash = source.Hash;
        note.FrontMatter = source.MetadataJson;
        note.Tags = [.. source.Parsed.Tags];
        note.Aliases = [.. source.Parsed.Aliases];
        note.UpdatedAt = now;
        note.DeletedAt = null;
        inserts.Revisions.Add(new NoteRevision
        {
            NoteId = note.Id, Number = 0, Path = source.Path, Markdown = source.Markdown, ContentHash = source.Hash, ImportedAt = now,
        });
    }

    async Task<Dictionary<string, Attachment>> SyncAttachmentsAsync(StudyHubDbContext db, Vault vault,
        Dictionary<string, (VaultFile File, string Hash)> sources, ImportReport report, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await db.Attachments.Where(a => a.VaultId == vault.Id).ToDictionaryAsync(a => a.Path, StringComparer.Ordinal, cancellationToken);
        foreach (var (path, (file, hash)) in sources)
        {
            if (existing.Remove(path, out var attachment))
            {
                if (attachment.ContentHash == hash)
                {
                    continue;
                }
                report.AttachmentsChanged++;
                attachment.ContentHash = hash;
                attachment.Size = file.Content.Length;
                attachment.ImportedAt = now;
            }
            else
            {
                report.AttachmentsAdded++;
                db.Attachments.Add(new Attachment
                {
                    VaultId = vault.Id, Path = path, ContentHash = hash, ContentType = AttachmentEndpoints.ContentTypeOf(path),
                    Size = file.Content.Length, ImportedAt = now,
                });
            }
            await store.SaveAsync(db, hash, file.Content, cancellationToken);
        }
        report.AttachmentsRemoved = existing.Count;
        db.Attachments.RemoveRange(existing.Values);
        report.Attachments = sources.Count;
        return db.ChangeTracker.Entries<Attachment>()
            .Where(e => e.State != EntityState.Deleted && e.Entity.VaultId == vault.Id)
            .ToDictionary(e => e.Entity.Path, e => e.Entity, StringComparer.Ordinal);
    }

    /// Links, times and HTML depend on the whole vault (a new note resolves old links), so they are
    /// recomputed for every note and written only where they differ. New notes go to the database while the
    /// next ones are rendered: PostgreSQL computes each one's search vector on its own core meanwhile.
    async Task DeriveAsync(StudyHubDbContext db, List<ImportedNote> notes, Dictionary<string, Attachment> attachments, ImportReport report,
        NewRows inserts, CancellationToken cancellationToken)
    {
        var index = new VaultLinkIndex(
            notes.Select(n => n.Source.Path).Concat(attachments.Keys),
            notes.ToDictionary(n => n.Source.Path, n => n.Source.Parsed.Aliases));
        var byPath = notes.ToDictionary(n => n.Source.Path, StringComparer.Ordinal);
        var context = new VaultRenderContext(index, byPath.ToDictionary(p => p.Key, p => (p.Value.Entity.Address, p.Value.Source.Parsed)), attachments);

        var ids = notes.Where(n => !n.IsNew).Select(n => n.Entity.Id).ToList();
        // Read for comparison only: tracking a vault's worth of links would cost more than the import itself.
        var storedLinks = (ids.Count == 0 ? [] : await db.NoteLinks.AsNoTracking().Where(l => ids.Contains(l.NoteId)).ToListAsync(cancellationToken))
            .ToLookup(l => l.NoteId);
        var storedTimes = (ids.Count == 0 ? [] : await db.NoteTimestamps.AsNoTracking().Where(t => ids.Contains(t.NoteId)).ToListAsync(cancellationToken))
            .ToLookup(t => t.NoteId);
        var revisionNumbers = ids.Count == 0 ? [] : await db.NoteRevisions.Where(r => ids.Contains(r.NoteId))
            .GroupBy(r => r.NoteId).Select(g => new { g.Key, Last = g.Max(r => r.Number) })
            .ToDictionaryAsync(g => g.Key, g => g.Last, cancellationToken);

        // A note's reading lists need every note's links, so all are outlined before any is rendered.
        var outlines = notes.AsParallel().AsOrdered().Select(imported => Outline(imported, index, byPath, context)).ToList();
        var reading = new ReadingLists(notes, outlines);

        // Rendering touches no entity, so it runs on every core but one; the results are applied to the rows one by one
        // as they come, in the vault's order. The core left over is PostgreSQL's: it computes each new note's search
        // vector as the note arrives and is the slower end of the pipe (docs/benchmarks.md, "Import").
        var derived = notes.Zip(outlines).AsParallel().AsOrdered().WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount - 1))
            .Select(pair => Render(pair.First, pair.Second, context, reading));
        var textChanged = new List<Note>();
        var newNotes = notes.Any(n => n.IsNew) ? await BulkInsert.BeginAsync<Note>(db, cancellationToken) : null;
        await using (newNotes)
        {
            foreach (var ((note, source, isNew), (media, links, times, _), (html, plainText, headings, readingJson)) in notes.Zip(outlines, derived))
            {
                if (!media.SequenceEqual(note.Media))
                {
                    note.Media = media;
                }
                if (note.Html != html)
                {
                    note.Html = html;
                    note.PlainText = plainText;
                    textChanged.Add(note);
                }
                if (note.HeadingsText != headings)
                {
                    note.HeadingsText = headings;
                }
                if (note.Reading != readingJson)
                {
                    note.Reading = readingJson;
                }

                if (!links.Select(LinkKey).SequenceEqual(storedLinks[note.Id].OrderBy(l => l.Offset).Select(LinkKey)))
                {
                    inserts.ReplacedLinksOf.Add(note.Id);
                    inserts.Links.AddRange(links);
                }
                foreach (var link in links.Where(l => !l.IsResolved))
                {
                    if (link.IsAttachment)
                    {
                        report.MissingAttachments.Add(new MissingAttachment(link.TargetText, source.Path, link.Line));
                    }
                    else
                    {
                        report.UnresolvedLinks.Add(new UnresolvedLink(link.TargetText, source.Path, link.Line));
                    }
                }

                if (!times.Select(TimeKey).SequenceEqual(storedTimes[note.Id].OrderBy(t => t.Offset).Select(TimeKey)))
                {
                    inserts.ReplacedTimesOf.Add(note.Id);
                    inserts.Times.AddRange(times);
                }

                if (isNew)
                {
                    await newNotes!.WriteAsync(note, cancellationToken);
                }
            }
            if (newNotes is not null)
            {
                await newNotes.CompleteAsync(cancellationToken);
            }
        }

        await ReanchorAsync(db, textChanged, cancellationToken);

        var last = new Dictionary<Guid, int>(revisionNumbers);
        foreach (var revision in inserts.Revisions)
        {
            revision.Number = last[revision.NoteId] = last.GetValueOrDefault(revision.NoteId) + 1;
        }
    }

    /// Annotations follow their passage when a note's text changes: found again exactly, found by the text
    /// around it (moved), or kept as orphans with their quote. An import never removes one.
    static async Task ReanchorAsync(StudyHubDbContext db, List<Note> textChanged, CancellationToken cancellationToken)
    {
        var changed = textChanged.ToDictionary(n => n.Id, n => n.PlainText);
        var ids = changed.Keys.ToList();
        foreach (var annotation in await db.Annotations.Where(a => ids.Contains(a.NoteId)).ToListAsync(cancellationToken))
        {
            var match = Anchoring.Locate(changed[annotation.NoteId], annotation.Anchor);
            annotation.Status = match.Status;
            if (match.Status != AnchorStatus.Orphaned)
            {
                (annotation.Start, annotation.Length) = (match.Start, match.Length);
            }
        }
    }

    /// What a note says about the rest of the vault, known from its parse alone: its recordings, links and times,
    /// and where each time seeks.
    sealed record NoteOutline(List<string> Media, List<NoteLink> Links, List<NoteTimestamp> Times, Dictionary<int, string> SeekLinks);

    /// A note's columns that rendering gives: its HTML, its text for search, its headings and its reading lists as JSON.
    sealed record RenderedColumns(string Html, string PlainText, string Headings, string Reading);

    static NoteOutline Outline(ImportedNote imported, VaultLinkIndex index, Dictionary<string, ImportedNote> byPath, VaultRenderContext context)
    {
        var (note, source, _) = imported;
        var parsed = source.Parsed;
        var found = LectureMedia.Find(source.Metadata, EmbeddedMedia(parsed, context), source.Markdown);
        var seeks = LectureParts.Bind(found, parsed.ThematicBreakLines, parsed.Headings.Count > 0 ? parsed.Headings[0].Line : null,
            [.. parsed.Timestamps.Select(t => t.Line)]);
        var recordings = found.ConvertAll(m => MediaSource.FromUrl(m.Url)!);
        var seekLinks = parsed.Timestamps.Zip(seeks)
            .Where(p => p.Second is not null)
            .ToDictionary(p => p.First.Offset, p => SeekLink(note.Address, recordings[p.Second!.Value], p.First.Seconds));
        var times = parsed.Timestamps.Zip(seeks, (t, seek) => new NoteTimestamp
        {
            NoteId = note.Id, Seconds = t.Seconds, Text = t.Text, Line = t.Line, Offset = t.Offset, MediaIndex = seek,
            Context = LinkContext.SentenceAround(source.Markdown, t.Offset),
        }).ToList();
        return new NoteOutline(
            found.ConvertAll(m => m.Url),
            parsed.Links.Select(link => ToStoredLink(note, link, index, byPath, source.Markdown)).ToList(),
            times,
            seekLinks);
    }

    RenderedColumns Render(ImportedNote imported, NoteOutline outline, VaultRenderContext context, ReadingLists reading)
    {
        var (note, source, _) = imported;
        var rendered = markdown.Render(source.Parsed, context.For(note.Address, outline.SeekLinks));
        // An unchanged note keeps the text it has, as the annotations anchored in it do.
        var plainText = rendered.Html == note.Html ? note.PlainText : rendered.PlainText;
        return new RenderedColumns(rendered.Html, plainText, string.Join('\n', source.Parsed.Headings.Select(h => h.Text)),
            reading.Of(note, outline, rendered.Outline, plainText).ToJson());
    }

    /// The lists around each note's text: linked mentions need every note's links, the rest the note's own.
    sealed class ReadingLists(List<ImportedNote> notes, List<NoteOutline> outlines)
    {
        readonly Dictionary<Guid, Note> _byId = notes.ToDictionary(n => n.Entity.Id, n => n.Entity);

        readonly ILookup<Guid, Backlink> _backlinks = notes.Zip(outlines)
            .SelectMany(pair => pair.Second.Links
                .Where(l => !l.IsAttachment && l.TargetNoteId is { } target && target != pair.First.Entity.Id)
                .Select(l => (Target: l.TargetNoteId!.Value, Backlink: new Backlink(pair.First.Entity.Title, pair.First.Entity.Address, l.Context))))
            .ToLookup(b => b.Target, b => b.Backlink);

        public NoteReading Of(Note note, NoteOutline outline, IReadOnlyList<OutlineHeading> headings, string plainText) => new(
            headings,
            [.. _backlinks[note.Id].OrderBy(b => b.Title, StringComparer.OrdinalIgnoreCase)],
            [.. outline.Links.Where(l => !l.IsAttachment && l.TargetText.Length > 0)
                .Select(l => l.TargetNoteId is { } id && _byId.TryGetValue(id, out var target)
                    ? new OutgoingLink(target.Title, NoteAddress.Href(target.Address), Exists: true)
                    : new OutgoingLink(l.TargetText, $"/concepts/{l.TargetSlug}", Exists: false))
                .DistinctBy(o => o.Href)
                .OrderBy(o => o.Text, StringComparer.OrdinalIgnoreCase)],
            [.. outline.Times.Where(t => t.MediaIndex == 0).Select(t => new ReadingMarker(t.Seconds, t.Context))],
            PlainText.Lead(plainText));
    }

    /// Where a time leads without our script: the provider's own player at that moment, or for a file the note's
    /// page cued there (its player takes the time from the address). With the script, a click seeks in place.
    static string SeekLink(string address, MediaSource recording, int seconds) =>
        recording.Provider is MediaProvider.YouTube or MediaProvider.Vimeo ? recording.LinkAt(seconds) : NoteAddress.Href(address, seconds);

    static IEnumerable<(string Url, int Line)> EmbeddedMedia(ParsedNote parsed, VaultRenderContext context) =>
        parsed.Links
            .Where(l => l.IsEmbed && l.IsAttachment)
            .Select(l => (Target: context.ResolveAttachment(l.Target), l.Line))
            .Where(a => a.Target is { Kind: MediaKind.Audio or MediaKind.Video })
            .Select(a => (a.Target!.Url, a.Line));

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

    static NoteLink ToStoredLink(Note note, WrittenLink link, VaultLinkIndex index, Dictionary<string, ImportedNote> byPath, string markdown)
    {
        var isAttachment = index.IsAttachment(link.Target);
        var target = isAttachment ? link.Target : LinkedNoteName(link.Target);
        var stored = new NoteLink
        {
            NoteId = note.Id, TargetText = target, TargetSlug = target.Length == 0 ? note.Slug : Slug.From(target), Alias = link.Alias, Heading = link.Heading,
            BlockId = link.BlockId, IsEmbed = link.IsEmbed, IsAttachment = isAttachment, Line = link.Line, Offset = link.Offset,
            Context = isAttachment ? ""
                : link.Property is { } property ? LinkContext.PropertyLine(property, link.Alias ?? target)
                : LinkContext.SentenceAround(markdown, link.Offset),
        };
        if (isAttachment)
        {
            stored.TargetAttachmentPath = index.ResolveAttachment(link.Target);
        }
        else if ((target.Length == 0 ? note.Path : index.ResolveNote(target)) is { } path && byPath.TryGetValue(path, out var resolved))
        {
            stored.TargetNoteId = resolved.Entity.Id;
        }
        return stored;
    }

    /// [x](Example.md) and [[Example]] name the same note, and the same concept when it is not yet written.
    internal static string LinkedNoteName(string target) =>
        target.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? target[..^3] : target;

    static (string, Guid?, string?, string?, string?, string?, bool, int, int, string) LinkKey(NoteLink l) =>
        (l.TargetText, l.TargetNoteId, l.TargetAttachmentPath, l.Alias, l.Heading, l.BlockId, l.IsEmbed, l.Line, l.Offset, l.Context);

    static (int, int, int?, string) TimeKey(NoteTimestamp t) => (t.Seconds, t.Offset, t.MediaIndex, t.Context);

    static bool IsNote(string path) => path.EndsWith(".md", StringComparison.OrdinalIgnoreCase);

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

    static void WarnAboutCaseClashes(IEnumerable<VaultFile> files, ImportReport report)
    {
        foreach (var clash in files.GroupBy(f => f.Path, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            report.Warnings.Add(new ImportWarning(clash.Key, null,
                $"Names differ only in case ({string.Join(", ", clash.Select(f => f.Path))}); all were imported, and links pick the first by path."));
        }
    }

    static string VaultNameOf(string source)
    {
        var full = Path.GetFullPath(source).TrimEnd('/', '\\');
        return Directory.Exists(full) ? Path.GetFileName(full) : Path.GetFileNameWithoutExtension(full);
    }

    static async Task<string> UniqueVaultSlugAsync(StudyHubDbContext db, string name, CancellationToken cancellationToken) =>
        UniqueSlug(name, await db.Vaults.Select(v => v.Slug).ToHashSetAsync(cancellationToken));

    static string UniqueSlug(string title, HashSet<string> taken)
    {
        var slug = Slug.From(title);
        var candidate = slug;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = $"{slug}-{n}";
        }
        return candidate;
    }
}
