using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyHub.Markdown;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Annotations;
using StudyHub.Web.Features.Attachments;
using StudyHub.Web.Features.Notes;
using StudyHub.Web.Features.Papers;
using StudyHub.Web.Features.Search;
using StudyHub.Web.Features.Tags;
using StudyHub.Web.Features.Transcripts;
using StudyHub.Web.Features.Vaults;
using StudyHub.Web.Infrastructure;

namespace StudyHub.Web.Features.Import;

/// Brings a vault folder or zip into the database in one transaction: reads the notes' names, takes the imports' lock
/// (an incremental import takes it first), loads what is stored of the vault, asks ImportPlan what changes and writes
/// it, batch by batch.
public sealed class VaultImporter(IDbContextFactory<StudyHubDbContext> contexts, ObsidianMarkdown markdown, IAttachmentStore store,
    IOptions<ImportLimits> limits, ContentCache content, TimeProvider clock, ArxivTitles arxiv)
{
    public Task<ImportReport> ImportAsync(string source, string? vaultName, CancellationToken cancellationToken) =>
        ImportAsync(source, vaultName, Path.GetFullPath(source), cancellationToken);

    /// <paramref name="origin"/> is what the list of imports shows as the source: an uploaded zip's temporary
    /// file means nothing to anyone, its original name and uploader do.
    public async Task<ImportReport> ImportAsync(string source, string? vaultName, string origin, CancellationToken cancellationToken)
    {
        using var files = VaultSource.Open(source, limits.Value);
        return await ImportAsync(files, string.IsNullOrWhiteSpace(vaultName) ? VaultNameOf(source) : vaultName, origin, cancellationToken);
    }

    /// Given <paramref name="knownHashes"/> (a sync's manifest: each file's SHA-256 by path), the import is incremental:
    /// it reads only the files whose bytes are not stored already, and derives again only the notes that may change
    /// (ImportPlan.Derive); it is otherwise the same import, in one transaction, with revisions, renames and annotations
    /// that follow.
    public async Task<ImportReport> ImportAsync(VaultFiles files, string vaultName, string origin, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? knownHashes = null)
    {
        var started = clock.GetUtcNow();
        var name = vaultName.Trim();
        var report = new ImportReport { Vault = name };
        report.Warnings.AddRange(files.Warnings);

        await using var db = (await contexts.CreateDbContextAsync(cancellationToken)).ReadingAsSystem().ForBatchWork();
        // A full import reads every note before it waits for the imports' lock. An incremental one reads only the files
        // that the stored notes do not name already (KnownFiles), and so after it: until then another import may change them.
        (List<NoteName>, Dictionary<string, SourceAttachment>)? read = knownHashes is null ? Read(files, report, known: null) : null;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One import at a time, across processes too: two at once would hand out the same note slugs.
        await ImportDatabase.WaitForOtherImportsAsync(db, cancellationToken);
        await ImportDatabase.PreferFastCompressionAsync(db, cancellationToken);
        var vault = await db.Vaults.SingleOrDefaultAsync(v => v.Name == name, cancellationToken);
        if (vault is null)
        {
            var slug = ImportPlan.UniqueSlug(name, await db.Vaults.Select(v => v.Slug).ToHashSetAsync(cancellationToken));
            vault = new Vault { Name = name, Slug = slug, CreatedAt = started, LastImportedAt = started };
            db.Vaults.Add(vault);
            // New notes are copied in while they are rendered, before the other changes are saved: their vault must exist by then.
            await db.SaveChangesAsync(cancellationToken);
        }
        vault.LastImportedAt = started;

        List<Note>? notesByName = null;
        KnownFiles? known = null;
        if (knownHashes is not null)
        {
            // Read once: they tell which files need not be read, and an incremental import plans with them.
            notesByName = await NotesAsStored.LoadAsync(StoredNotes(db, vault), cancellationToken);
            known = await KnownFiles.LoadAsync(db, vault.Id, notesByName, knownHashes, cancellationToken);
        }
        var (noteNames, sourceAttachments) = read ?? Read(files, report, known);
        // Which notes a transcript belongs to is decided across the vault and stored for all of them at once.
        if (knownHashes is not null && sourceAttachments.Keys.Any(NoteTranscripts.IsTranscript))
        {
            report.FullImportBecause = "the vault has transcripts, which are matched with their notes across the vault";
        }
        var incremental = knownHashes is not null && report.FullImportBecause is null;

        var (stored, asStored) = await LoadStoredAsync(db, vault, incremental ? notesByName : null, noteNames, cancellationToken);
        var plan = ImportPlan.Make(noteNames, sourceAttachments, files, markdown, stored, report, started);
        vault.NoteCount = plan.Notes.Count;
        MediaDurations.Read(plan.Attachments, files, plan.AttachmentsToStore, report);
        SavedTimes.Take(plan.Notes, files, started);
        db.NoteSlugHistory.RemoveRange(plan.Returned);
        db.NoteSlugHistory.AddRange(plan.Retiring);
        db.Attachments.AddRange(plan.AttachmentsAdded);
        db.Attachments.RemoveRange(plan.AttachmentsRemoved);
        foreach (var file in plan.AttachmentsToStore)
        {
            await store.SaveAsync(db, file.Hash, files.Read(file.Path), cancellationToken);
        }
        var transcripts = new NoteTranscripts(sourceAttachments, files, report);
        var storedLinks = new VaultStoredLinks(db, vault.Id, cancellationToken);
        var toRender = incremental ? await plan.LinkChangesAsync(storedLinks) : plan.Link(limits.Value.NotesPerBatch);
        if (asStored is not null)
        {
            await asStored.ReadRestAsync(db, toRender.Notes.Where(n => !n.IsNew).Select(n => n.Entity), cancellationToken);
        }
        var links = await WriteNotesAsync(db, plan.Derive(toRender, limits.Value.NotesPerBatch), transcripts, cancellationToken);

        // The switcher's names, search's words and the tag counts are derived from notes and links alone; an import that leaves both as
        // they were (as re-reading an unchanged vault does) keeps them, saving a third of such an import. An incremental import
        // counts search's words and switcher names again for the notes it changes only (SearchWords.SetAsideAsync, SwitcherNames.SetAsideAsync),
        // and moves the tag counts by those notes' tags (VaultTags.ChangesOf).
        // Comparing every stored note with its snapshot takes a tenth of a second or more at 10,000 notes: it is done once, here,
        // and an incremental import's notes, loaded untracked, are handed to Entity Framework here if they changed.
        asStored?.AttachChanged(db, plan.Notes.Select(n => n.Entity).Concat(plan.Removed));
        db.ChangeTracker.DetectChanges();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var written = plan.Notes.Where(n => n.IsNew).Select(n => n.Entity.Id)
            .Concat(db.ChangeTracker.Entries<Note>().Where(n => n.State != EntityState.Unchanged).Select(n => n.Entity.Id)).ToList();
        var notesWritten = written.Count;
        var notesOrLinksChanged = notesWritten > 0 || links > 0 || plan.ReplacedLinksOf.Count > 0;
        var reworded = incremental && notesOrLinksChanged
            ? await SearchWords.SetAsideAsync(db, plan.Notes.Where(n => n.IsNew).Select(n => n.Entity.Id), cancellationToken) : null;
        var renamed = incremental && notesOrLinksChanged
            ? await ImportDatabase.NamesChangedByAsync(db, written.Union(plan.ReplacedLinksOf).ToList(), cancellationToken) : null;
        var retagged = incremental && notesOrLinksChanged ? VaultTags.ChangesOf(db, plan.Notes.Where(n => n.IsNew).Select(n => n.Entity)) : null;
        if (renamed is not null)
        {
            await SwitcherNames.SetAsideAsync(db, vault.Id, renamed, plan.Notes.Where(n => n.IsNew).Select(n => n.Entity.Id), cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        // The notes are saved, and no later step changes them: the save at the end need not compare them again.
        foreach (var note in db.ChangeTracker.Entries<Note>().ToList())
        {
            note.State = EntityState.Detached;
        }
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        await db.NoteLinks.Where(l => plan.ReplacedLinksOf.Contains(l.NoteId)).ExecuteDeleteAsync(cancellationToken);
        await ImportDatabase.AddStagedLinksAsync(db, links, cancellationToken);
        if (await TranscriptStore.ReplaceAsync(db, vault.Id, transcripts.Cues, cancellationToken))
        {
            var vaultNotes = db.Notes.IgnoreQueryFilters().Where(n => n.VaultId == vault.Id).Select(n => n.Id);
            Reanchoring.FollowCues(await db.Annotations.Where(a => a.CueRecording != null && vaultNotes.Contains(a.NoteId)).ToListAsync(cancellationToken), transcripts.Cues);
        }
        await PaperStore.ReadAsync(db, plan.Attachments, files, plan.AttachmentsToStore, report, cancellationToken);
        if (notesOrLinksChanged)
        {
            await (renamed is null ? SwitcherNames.RefreshAsync(db, vault.Id, cancellationToken) : SwitcherNames.RecountAsync(db, vault.Id, renamed, cancellationToken));
            await (reworded is null ? SearchWords.RefreshAsync(db, vault.Id, cancellationToken) : SearchWords.RecountAsync(db, vault.Id, reworded, cancellationToken));
            await (retagged is null ? VaultTags.RefreshAsync(db, vault.Id, cancellationToken) : VaultTags.MoveAsync(db, vault.Id, retagged, cancellationToken));
        }
        report.RunId = Guid.CreateVersion7();
        var run = new ImportRun
        {
            Id = report.RunId, VaultId = vault.Id, Source = origin, StartedAt = started, FinishedAt = clock.GetUtcNow(),
            Report = JsonSerializer.Serialize(report),
        };
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        content.Forget();
        // Once committed, outside the imports' lock: arXiv may take its time, and its titles only name papers.
        try
        {
            if (await arxiv.FetchAsync(db, vault.Id, report, cancellationToken))
            {
                run.Report = JsonSerializer.Serialize(report);
                await db.SaveChangesAsync(cancellationToken);
                content.Forget();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The import stands; the next one asks for the titles.
        }
        // The links are counted only when the notes alone leave it open: a tenth of the notes and links is more than one of the notes.
        var rowsWritten = notesWritten + links;
        if (ImportDatabase.ChangedEnoughForStatistics(rowsWritten, stored.Notes.Count)
            && ImportDatabase.ChangedEnoughForStatistics(rowsWritten, stored.Notes.Count + await storedLinks.CountAsync()))
        {
            // The import is committed: being cancelled now would only report it failed.
            await ImportDatabase.RefreshStatisticsAsync(db, CancellationToken.None);
        }
        return report;
    }

    /// Writes each batch of the plan's notes while the next is derived, and lets it go: new notes, revisions and times
    /// are copied in, annotations follow changed text, and links wait in a table of their own until every note is
    /// written. The notes that were stored already are saved with the rest of the import. Returns how many links wait.
    async Task<int> WriteNotesAsync(StudyHubDbContext db, IEnumerable<ImportBatch> derived, NoteTranscripts transcripts, CancellationToken cancellationToken)
    {
        await ImportDatabase.StageLinksAsync(db, cancellationToken);
        var links = 0;
        using var batches = derived.GetEnumerator();
        ImportBatch? Next() => batches.MoveNext() ? batches.Current : null;
        var next = Task.Run(Next, cancellationToken);
        try
        {
            while (await next is { } batch)
            {
                next = Task.Run(Next, cancellationToken);
                await BulkInsert.CopyAsync(db, batch.Notes.Where(n => n.Note.IsNew).Select(n => n.Note.Entity).ToList(), cancellationToken);
                await BulkInsert.CopyAsync(db, batch.Revisions, cancellationToken);
                await db.NoteTimestamps.Where(t => batch.ReplacedTimesOf.Contains(t.NoteId)).ExecuteDeleteAsync(cancellationToken);
                await BulkInsert.CopyAsync(db, batch.Times, cancellationToken);
                await BulkInsert.CopyAsync(db, batch.Links, cancellationToken, into: ImportDatabase.StagedLinks);
                links += batch.Links.Count;
                var textOf = batch.TextChanged.ToDictionary(n => n.Id, n => n.PlainText);
                var ids = textOf.Keys.ToList();
                Reanchoring.Follow(await db.Annotations.Where(a => ids.Contains(a.NoteId)).ToListAsync(cancellationToken), textOf);
                transcripts.Find(batch.Notes);
                foreach (var (planned, _) in batch.Notes.Where(n => n.Note.IsNew))
                {
                    LetGoOfText(planned.Entity);
                }
            }
        }
        finally
        {
            // The enumerator is not to be disposed while the next batch is being derived.
            await Task.WhenAny(next);
        }
        return links;
    }

    /// A new note's texts are in the database once its batch is written; the plan keeps its row for the notes after it,
    /// which need only its name and address. (A stored note's row is saved at the end, and keeps its texts until then.)
    static void LetGoOfText(Note note) =>
        (note.Markdown, note.Html, note.PlainText, note.HeadingsText, note.Prose, note.Reading) = ("", "", "", "", "", "{}");

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

    /// Names every note and hashes every attachment, reading only the files <paramref name="known"/> does not name.
    (List<NoteName> Notes, Dictionary<string, SourceAttachment> Attachments) Read(VaultFiles files, ImportReport report, KnownFiles? known)
    {
        var notes = SourceNotes.Names(files, markdown, report, known);
        var attachments = SourceNotes.AttachmentsOf(files, known);
        SourceNotes.WarnAboutCaseClashes(files, report);
        return (notes, attachments);
    }

    static IQueryable<Note> StoredNotes(StudyHubDbContext db, Vault vault) =>
        db.Notes.IgnoreQueryFilters([NoteFilters.NotDeleted]).Where(n => n.VaultId == vault.Id);

    /// What the plan compares the files with: every query of the stored vault is here, but those an incremental import
    /// makes before it names the notes (the notes by name and KnownFiles). Given those notes (<paramref name="notesByName"/>),
    /// which are all most of them need, it reads in full only those the plan may edit or compare a moved and edited file
    /// with (ImportPlan.Match): the notes whose paths are gone, and those at a path whose file changed or came back. Nor
    /// does it load their links and times, which it asks for note by note (VaultStoredLinks), or the revision numbers of
    /// notes it cannot be editing; and it leaves the notes untracked, with their values as stored beside them.
    static async Task<(StoredVault, NotesAsStored?)> LoadStoredAsync(StudyHubDbContext db, Vault vault, List<Note>? notesByName,
        IReadOnlyCollection<NoteName> sourceNotes, CancellationToken cancellationToken)
    {
        List<Note> notes;
        List<Guid> mayBeEdited;
        NotesAsStored? asStored = null;
        if (notesByName is null)
        {
            notes = await StoredNotes(db, vault).ToListAsync(cancellationToken);
            mayBeEdited = notes.Select(n => n.Id).ToList();
        }
        else
        {
            notes = notesByName;
            asStored = new NotesAsStored(db, notes);
            var hashes = sourceNotes.ToDictionary(n => n.Path, n => n.Hash, StringComparer.Ordinal);
            await asStored.ReadRestAsync(db, notes.Where(n => hashes.TryGetValue(n.Path, out var hash)
                ? hash != n.ContentHash || n.DeletedAt is not null
                : n.DeletedAt is null), cancellationToken);
            // A note is edited at its path or moved and edited; one deleted and back takes its next revision.
            mayBeEdited = notes.Where(n => n.DeletedAt is not null || hashes.GetValueOrDefault(n.Path) != n.ContentHash).Select(n => n.Id).ToList();
        }
        var retired = await db.NoteSlugHistory.ToListAsync(cancellationToken);
        var slugs = await db.Notes.IgnoreQueryFilters([NoteFilters.NotDeleted]).Select(n => n.Slug).ToListAsync(cancellationToken);
        var ids = notesByName is null ? notes.Select(n => n.Id).ToList() : [];
        // Read for comparison only: tracking a vault's worth of links would cost more than the import itself.
        var links = ids.Count == 0 ? [] : await db.NoteLinks.AsNoTracking().Where(l => ids.Contains(l.NoteId)).ToListAsync(cancellationToken);
        var times = ids.Count == 0 ? [] : await db.NoteTimestamps.AsNoTracking().Where(t => ids.Contains(t.NoteId)).ToListAsync(cancellationToken);
        var revisionNumbers = mayBeEdited.Count == 0 ? [] : await db.NoteRevisions.Where(r => mayBeEdited.Contains(r.NoteId))
            .GroupBy(r => r.NoteId).Select(g => new { g.Key, Last = g.Max(r => r.Number) })
            .ToDictionaryAsync(g => g.Key, g => g.Last, cancellationToken);
        var attachments = await db.Attachments.Where(a => a.VaultId == vault.Id).ToDictionaryAsync(a => a.Path, StringComparer.Ordinal, cancellationToken);
        return (new StoredVault(vault.Id, vault.Slug, notes, NotesInFull: notesByName is null, retired, slugs, links.ToLookup(l => l.NoteId),
            times.ToLookup(t => t.NoteId), revisionNumbers, attachments), asStored);
    }

    static string VaultNameOf(string source)
    {
        var full = Path.GetFullPath(source).TrimEnd('/', '\\');
        return Directory.Exists(full) ? Path.GetFileName(full) : Path.GetFileNameWithoutExtension(full);
    }
}
