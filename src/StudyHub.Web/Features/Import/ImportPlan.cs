using System.Collections.Concurrent;
using StudyHub.Markdown;
using StudyHub.Web.Features.Attachments;
using StudyHub.Web.Features.Graph;
using StudyHub.Web.Features.Notes;
using StudyHub.Web.Features.Video;

namespace StudyHub.Web.Features.Import;

/// What is stored of a vault when an import starts: its notes (deleted ones too) with their links, times and last
/// revision numbers, its attachments, every retired address and slug, and every note's slug across vaults.
/// NotesInFull: false when the notes the import leaves as they are were loaded by name only (an incremental import's).
public sealed record StoredVault(
    Guid Id, string Slug, List<Note> Notes, bool NotesInFull, List<NoteSlugHistory> Retired, IEnumerable<string> NoteSlugs,
    ILookup<Guid, NoteLink> Links, ILookup<Guid, NoteTimestamp> Times, Dictionary<Guid, int> RevisionNumbers,
    Dictionary<string, Attachment> Attachments);

/// The notes an import renders, with what rendering them needs of the whole vault: its names and every note's backlinks.
public sealed record NotesToRender(IReadOnlyList<PlannedNote> Notes, VaultLinkIndex Index, IReadOnlyDictionary<string, Note> ByPath, ReadingLists Reading);

/// A note of this import: its row, stored already unless it is new, and the file's name; an edited note takes the
/// file's text (and a new revision) when its batch is derived.
public sealed record PlannedNote(Note Entity, NoteName Source, bool IsNew = false, bool IsEdited = false);

/// Some notes of an import, derived: their files as read, and the rows to write for them. The writer writes a batch
/// and lets it go before the next but one is derived, which bounds an import's memory whatever the vault's size.
public sealed class ImportBatch
{
    public required IReadOnlyList<(PlannedNote Note, SourceNote Source)> Notes { get; init; }
    public List<NoteRevision> Revisions { get; } = [];
    /// Links to copy in place of the stored ones of ImportPlan.ReplacedLinksOf.
    public List<NoteLink> Links { get; } = [];
    /// Times to copy in place of the stored ones of ReplacedTimesOf.
    public List<NoteTimestamp> Times { get; } = [];
    public List<Guid> ReplacedTimesOf { get; } = [];
    /// The notes whose text changed: their annotations move.
    public List<Note> TextChanged { get; } = [];
}

/// What an import changes, worked out from the vault's files and what is stored of it, without a database: new notes
/// are added, changed ones get a new revision, unchanged ones are left alone, renamed ones keep their identity, and
/// deleted ones leave every view while their history stays. The plan changes the stored rows in place (they are the
/// rows the writer saves) and makes the new ones; the writer adds, removes and copies what the lists below and the
/// batches of Derive name. Only the notes' names are held for the whole import; their texts come batch by batch.
public sealed class ImportPlan
{
    public required ImportReport Report { get; init; }
    public required List<PlannedNote> Notes { get; init; }
    public List<Note> Removed { get; } = [];

    /// Addresses and slugs notes left this import, and the ones a note took back (no longer retired).
    public List<NoteSlugHistory> Retiring { get; } = [];
    public List<NoteSlugHistory> Returned { get; } = [];

    public List<Attachment> AttachmentsAdded { get; } = [];
    public List<Attachment> AttachmentsRemoved { get; } = [];
    /// Files whose bytes the attachment store must hold: the added and changed ones.
    public List<SourceAttachment> AttachmentsToStore { get; } = [];
    /// The vault's attachments after this import, by path.
    public IReadOnlyDictionary<string, Attachment> Attachments => _attachments;

    /// Complete once Derive has been enumerated: the notes whose stored links its batches' links replace. Their
    /// links are deleted only then, since a link may lead to a note of a later batch.
    public List<Guid> ReplacedLinksOf { get; } = [];

    readonly StoredVault _stored;
    /// The stored links and times of the notes the import renders, which it compares its own with: every note's in a
    /// full import, only the rendered notes' in an incremental one (LinkChangesAsync).
    ILookup<Guid, NoteLink> _storedLinks;
    ILookup<Guid, NoteTimestamp> _storedTimes;
    readonly Dictionary<string, Attachment> _attachments;
    /// Where an incremental import starts looking for the notes that depend on a change: the notes this import adds,
    /// edits, moves, renames, readdresses or removes; of those, the ones a link to shows otherwise (another address or
    /// title, or gone); and the attachments it adds, changes or removes.
    readonly HashSet<Guid> _changed = [];
    readonly HashSet<Guid> _readdressed = [];
    readonly HashSet<string> _changedAttachments = new(StringComparer.Ordinal);
    /// The stored notes' paths before this import moves any.
    readonly Dictionary<Guid, string> _pathsBefore;
    readonly VaultFiles _files;
    readonly ObsidianMarkdown _markdown;
    readonly DateTimeOffset _now;

    ImportPlan(StoredVault stored, VaultFiles files, ObsidianMarkdown markdown, DateTimeOffset now) =>
        (_stored, _storedLinks, _storedTimes, _pathsBefore, _attachments, _files, _markdown, _now) = (stored, stored.Links, stored.Times,
            stored.Notes.ToDictionary(n => n.Id, n => n.Path), new Dictionary<string, Attachment>(StringComparer.Ordinal), files, markdown, now);

    /// <paramref name="files"/> are read again for the notes' texts, as Derive goes and where a moved note is compared.
    public static ImportPlan Make(List<NoteName> notes, IReadOnlyDictionary<string, SourceAttachment> attachments, VaultFiles files,
        ObsidianMarkdown markdown, StoredVault stored, ImportReport report, DateTimeOffset now)
    {
        var plan = new ImportPlan(stored, files, markdown, now) { Report = report, Notes = [] };
        var before = stored.Notes.ToDictionary(n => n.Id, n => (n.Path, n.Title, n.Address));
        plan.Notes.AddRange(plan.Match(notes, now));
        plan._readdressed.UnionWith(plan.Notes.Where(n => n.IsNew || before[n.Entity.Id] != (n.Entity.Path, n.Entity.Title, n.Entity.Address))
            .Select(n => n.Entity.Id));
        plan._readdressed.UnionWith(plan.Removed.Select(n => n.Id));
        plan._changed.UnionWith(plan._readdressed);
        plan._changed.UnionWith(plan.Notes.Where(n => n.IsEdited).Select(n => n.Entity.Id));
        plan.Sync(attachments, now);
        return plan;
    }

    SourceNote Read(NoteName name) => SourceNotes.Read(_files, name, _markdown);

    List<PlannedNote> Match(List<NoteName> sources, DateTimeOffset now)
    {
        var existing = _stored.Notes;
        var byPath = existing.ToDictionary(n => n.Path, StringComparer.Ordinal);
        var retired = _stored.Retired;
        var takenSlugs = _stored.NoteSlugs.Concat(retired.Select(r => r.Slug)).ToHashSet();
        var sourcePaths = sources.Select(s => s.Path).ToHashSet(StringComparer.Ordinal);

        // A live note whose path is gone and whose exact content appears at a new path was renamed.
        var renameCandidates = existing
            .Where(n => n.DeletedAt is null && !sourcePaths.Contains(n.Path))
            .GroupBy(n => n.ContentHash)
            .ToDictionary(g => g.Key, g => new Queue<Note>(g.OrderBy(n => n.Path, StringComparer.Ordinal)));

        var imported = new PlannedNote[sources.Count];
        var unmatched = new List<int>();
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            if (byPath.TryGetValue(source.Path, out var note))
            {
                if (note.ContentHash == source.Hash && note.DeletedAt is null)
                {
                    Report.NotesUnchanged++;
                    // The same file can be named differently when the naming rule changed since it was last imported.
                    Retitle(note, source.Title, takenSlugs, now);
                }
                else
                {
                    Report.NotesChanged++;
                    Retitle(note, source.Title, takenSlugs, now);
                    imported[i] = new PlannedNote(note, source, IsEdited: true);
                    continue;
                }
            }
            else if (renameCandidates.TryGetValue(source.Hash, out var candidates) && candidates.TryDequeue(out note))
            {
                Report.NotesRenamed++;
                Retitle(note, source.Title, takenSlugs, now);
                note.Path = source.Path;
                note.UpdatedAt = now;
            }
            else
            {
                unmatched.Add(i);
                continue;
            }
            imported[i] = new PlannedNote(note, source);
        }

        // A note moved or renamed and edited in the same go keeps its identity (and its annotations) when most of
        // its lines are still there; otherwise a file at a new path is a new note.
        var gone = renameCandidates.Values.SelectMany(queue => queue).Select(n => (Note: n, Lines: Lines(n.Markdown))).ToList();
        foreach (var i in unmatched)
        {
            var source = sources[i];
            var lines = gone.Count > 0 ? Lines(Read(source).Markdown) : [];
            var scored = gone.Select((g, index) => (Index: index, Similarity: Similarity(g.Lines, lines))).ToList();
            if (scored.Count > 0 && scored.MaxBy(g => g.Similarity) is { Similarity: >= MovedAndEditedSimilarity } best)
            {
                var note = gone[best.Index].Note;
                gone.RemoveAt(best.Index);
                Report.NotesRenamed++;
                Retitle(note, source.Title, takenSlugs, now);
                note.Path = source.Path;
                imported[i] = new PlannedNote(note, source, IsEdited: true);
            }
            else
            {
                Report.NotesAdded++;
                var note = new Note
                {
                    VaultId = _stored.Id, Path = source.Path, Title = source.Title, Slug = UniqueSlug(source.Title, takenSlugs),
                    Markdown = "", ContentHash = source.Hash, CreatedAt = now, UpdatedAt = now,
                };
                imported[i] = new PlannedNote(note, source, IsNew: true, IsEdited: true);
            }
        }

        var kept = imported.Select(i => i.Entity.Id).ToHashSet();
        foreach (var removed in existing.Where(n => n.DeletedAt is null && !kept.Contains(n.Id)))
        {
            removed.DeletedAt = now;
            Removed.Add(removed);
            Report.NotesRemoved++;
        }
        Readdress(imported.Select(i => i.Entity), now);
        // An edited note's front matter is read with its batch (Update), which places it again. A full import places every
        // note, as the rule now has it; an incremental one the notes it moves.
        foreach (var note in imported.Select(i => i.Entity).Where(n => _stored.NotesInFull || _pathsBefore.GetValueOrDefault(n.Id) is { } path && path != n.Path))
        {
            Place(note);
        }
        return [.. imported];
    }

    /// A note's place in its course follows from its front matter and path, so it moves with either.
    static void Place(Note note)
    {
        var place = CoursePlace.Of(NoteMetadata.Parse(note.FrontMatter), note.Path, note.Id);
        if (note.CoursePosition != place)
        {
            note.CoursePosition = place;
        }
    }

    /// Gives every live note of the vault the address its path now has (NoteAddress); an address a note leaves keeps
    /// leading to it, until another note takes it.
    void Readdress(IEnumerable<Note> notes, DateTimeOffset now)
    {
        var live = notes.ToList();
        var addresses = NoteAddress.Of(_stored.Slug, live.Select(n => n.Path));
        foreach (var note in live)
        {
            var address = addresses[note.Path];
            if (note.Address == address)
            {
                continue;
            }
            if (note.Address.Length > 0)
            {
                if (_stored.Retired.Find(r => r.Slug == note.Address) is { } earlier)
                {
                    earlier.NoteId = note.Id;
                    earlier.RetiredAt = now;
                }
                else
                {
                    Retire(new NoteSlugHistory { Slug = note.Address, NoteId = note.Id, RetiredAt = now });
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
    void Retitle(Note note, string title, HashSet<string> takenSlugs, DateTimeOffset now)
    {
        var wanted = Slug.From(title);
        if (wanted == Slug.From(note.Title))
        {
            note.Title = title;
            return;
        }
        var previous = note.Slug;
        // A note renamed back takes its old address back.
        if (_stored.Retired.Find(r => r.Slug == wanted && r.NoteId == note.Id) is { } own)
        {
            _stored.Retired.Remove(own);
            if (!Retiring.Remove(own))
            {
                Returned.Add(own);
            }
            note.Slug = wanted;
        }
        else
        {
            note.Slug = UniqueSlug(title, takenSlugs);
        }
        Retire(new NoteSlugHistory { Slug = previous, NoteId = note.Id, RetiredAt = now });
        note.Title = title;
    }

    void Retire(NoteSlugHistory history)
    {
        Retiring.Add(history);
        _stored.Retired.Add(history);
    }

    /// The slug made from <paramref name="title"/>, numbered when taken; it is taken from then on.
    public static string UniqueSlug(string title, HashSet<string> taken)
    {
        var slug = Slug.From(title);
        var candidate = slug;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = $"{slug}-{n}";
        }
        return candidate;
    }

    /// An edited note takes its file's text, which is its next revision.
    void Update(Note note, SourceNote source, List<NoteRevision> revisions)
    {
        var now = _now;
        note.Path = source.Path;
        note.Title = source.Parsed.Title;
        note.Markdown = source.Markdown;
        note.ContentHash = source.Hash;
        note.FrontMatter = source.MetadataJson;
        note.Tags = [.. source.Parsed.Tags];
        note.Aliases = [.. source.Parsed.Aliases];
        note.UpdatedAt = now;
        note.DeletedAt = null;
        Place(note);
        revisions.Add(new NoteRevision
        {
            NoteId = note.Id, Number = _stored.RevisionNumbers.GetValueOrDefault(note.Id) + 1, Path = source.Path, Markdown = source.Markdown,
            ContentHash = source.Hash, ImportedAt = now,
        });
    }

    void Sync(IReadOnlyDictionary<string, SourceAttachment> sources, DateTimeOffset now)
    {
        var existing = new Dictionary<string, Attachment>(_stored.Attachments, StringComparer.Ordinal);
        foreach (var (path, file) in sources)
        {
            if (existing.Remove(path, out var attachment))
            {
                _attachments[path] = attachment;
                if (attachment.ContentHash == file.Hash)
                {
                    // Images stored before sizes were read get theirs on the next import.
                    if (attachment.Width is null)
                    {
                        MeasureImage(attachment, file);
                        // Only an image gets a size; a video or a PDF, measured on every import, stays as it was.
                        if (attachment.Width is not null)
                        {
                            _changedAttachments.Add(path);
                        }
                    }
                    continue;
                }
                Report.AttachmentsChanged++;
                attachment.ContentHash = file.Hash;
                attachment.Size = file.Size;
                attachment.ImportedAt = now;
                MeasureImage(attachment, file);
            }
            else
            {
                Report.AttachmentsAdded++;
                var added = new Attachment
                {
                    VaultId = _stored.Id, Path = path, ContentHash = file.Hash, ContentType = ContentTypes.Of(path),
                    Size = file.Size, ImportedAt = now,
                };
                MeasureImage(added, file);
                AttachmentsAdded.Add(added);
                _attachments[path] = added;
            }
            AttachmentsToStore.Add(file);
            _changedAttachments.Add(path);
        }
        _changedAttachments.UnionWith(existing.Keys);
        Report.AttachmentsRemoved = existing.Count;
        AttachmentsRemoved.AddRange(existing.Values);
        Report.Attachments = sources.Count;
    }

    void MeasureImage(Attachment attachment, SourceAttachment file)
    {
        var size = StudyHub.Markdown.Attachments.KindOf(file.Path) == MediaKind.Image ? ImageSize.Of(_files.Read(file.Path)) : null;
        attachment.Width = size?.Width;
        attachment.Height = size?.Height;
    }

    /// Links, times and HTML depend on the whole vault (a new note resolves old links), so a full import recomputes them
    /// for every note and keeps them only where they differ. A note's reading lists need every note's links, so all are
    /// read for their backlinks here, before any is rendered; in the vault's order, which orders backlinks from notes of
    /// the same title.
    public NotesToRender Link(int batchSize)
    {
        var (index, byPath) = Index();
        var reading = new ReadingLists(Notes.Select(n => n.Entity));
        foreach (var batch in Notes.Chunk(batchSize))
        {
            foreach (var (note, links) in batch.AsParallel().AsOrdered().Select(n => (n.Entity, LinksOf(n, index, byPath))))
            {
                reading.Add(note, links);
            }
        }
        Report.NotesRendered = Notes.Count;
        return new NotesToRender(Notes, index, byPath, reading);
    }

    /// An incremental import recomputes links, times and HTML only for the notes whose may differ (Relinked), and for the
    /// notes whose backlinks that changes; the others' stored links are as they would be derived. Of the stored links it
    /// asks the database only for those that lead to, or may now lead to, the notes and files it changes, and for the
    /// backlinks of the notes it renders: a sync of one note costs the same in a vault of any size.
    public async Task<NotesToRender> LinkChangesAsync(IStoredLinks stored)
    {
        var (index, byPath) = Index();
        var relinked = await RelinkedAsync(stored, index, byPath);
        var derived = Notes.Where(n => relinked.Contains(n.Entity.Id)).AsParallel().AsOrdered().Select(n => (n.Entity.Id, Links: LinksOf(n, index, byPath)))
            .ToDictionary(n => n.Id, n => n.Links);
        var before = await stored.OfAsync([.. relinked.Concat(Removed.Select(n => n.Id))]);

        // The notes a relinked note led to, or leads to now, list it among their backlinks; so do those a removed note led to.
        var rendered = new HashSet<Guid>(relinked);
        rendered.UnionWith(derived.Values.SelectMany(links => links).Concat(before.SelectMany(links => links))
            .Select(l => l.TargetNoteId).OfType<Guid>());
        var toRender = Notes.Where(n => rendered.Contains(n.Entity.Id)).ToList();
        var backlinks = (await stored.IntoAsync([.. toRender.Select(n => n.Entity.Id)], [], embedsOnly: false))
            .Where(l => !relinked.Contains(l.NoteId)).ToLookup(l => l.NoteId);
        var reading = new ReadingLists(Notes.Select(n => n.Entity));
        foreach (var note in Notes.Select(n => n.Entity))
        {
            reading.Add(note, derived.TryGetValue(note.Id, out var links) ? links : backlinks[note.Id].OrderBy(l => l.Offset));
        }
        var renderedIds = toRender.Select(n => n.Entity.Id).ToList();
        (_storedLinks, _storedTimes) = (await stored.OfAsync(renderedIds), await stored.TimesOfAsync(renderedIds));
        Report.NotesRendered = toRender.Count;
        return new NotesToRender(toRender, index, byPath, reading);
    }

    (VaultLinkIndex Index, Dictionary<string, Note> ByPath) Index() => (
        new VaultLinkIndex(Notes.Select(n => n.Source.Path).Concat(_attachments.Keys), Notes.ToDictionary(n => n.Source.Path, n => n.Source.Aliases)),
        Notes.ToDictionary(n => n.Source.Path, n => n.Entity, StringComparer.Ordinal));

    /// A note's links as its file has them now.
    List<NoteLink> LinksOf(PlannedNote note, VaultLinkIndex index, IReadOnlyDictionary<string, Note> byPath)
    {
        var source = Read(note.Source);
        return source.Parsed.Links.Select(link => StoredLinks.Of(note.Entity, link, index, byPath, source.Markdown)).ToList();
    }

    /// Renders the notes Link chose, <paramref name="batchSize"/> at a time, in the vault's order, each batch read again
    /// from the files; what is kept across batches is small (names, addresses, backlinks).
    public IEnumerable<ImportBatch> Derive(NotesToRender toRender, int batchSize)
    {
        var (_, index, byPath, reading) = toRender;
        var names = Notes.ToDictionary(n => n.Source.Path, n => n.Source, StringComparer.Ordinal);
        var hrefs = Notes.ToDictionary(n => n.Source.Path, n => NoteAddress.Href(n.Entity.Address), StringComparer.Ordinal);
        foreach (var batch in toRender.Notes.Chunk(batchSize))
        {
            // A note embedded in several notes of the batch is read once for them.
            var embedded = new ConcurrentDictionary<string, ParsedNote>(StringComparer.Ordinal);
            var context = new VaultRenderContext(index, hrefs, path => embedded.GetOrAdd(path, p => Read(names[p]).Parsed), _attachments);

            // Rendering touches no entity, so it runs on every core but one; the results are applied to the rows one by one
            // as they come, in the vault's order. The core left over is PostgreSQL's: it writes the batch before while this
            // one renders (docs/benchmarks.md, "Import").
            var derived = batch.AsParallel().AsOrdered().WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount - 1))
                .Select(planned =>
                {
                    var note = planned.Entity;
                    var source = Read(planned.Source);
                    var recordings = NoteRecordings.Of(note, source.Parsed, source.Metadata, source.Markdown, context);
                    var links = source.Parsed.Links.Select(link => StoredLinks.Of(note, link, index, byPath, source.Markdown)).ToList();
                    var rendered = _markdown.Render(source.Parsed, context.For(note.Address, recordings.SeekLinks));
                    // An unchanged note keeps the text it has, as the annotations anchored in it do.
                    var plainText = rendered.Html == note.Html ? note.PlainText : rendered.PlainText;
                    var text = new DerivedText(rendered.Html, plainText, string.Join('\n', source.Parsed.Headings.Select(h => h.Text)),
                        reading.Of(note, links, recordings.Times, rendered, plainText).ToJson(), rendered.Prose);
                    return (Planned: planned, Source: source, Recordings: recordings, Links: links, Text: text);
                });
            var notes = new List<(PlannedNote, SourceNote)>(batch.Length);
            var derivedBatch = new ImportBatch { Notes = notes };
            foreach (var (planned, source, recordings, links, text) in derived)
            {
                if (planned.IsEdited)
                {
                    Update(planned.Entity, source, derivedBatch.Revisions);
                }
                Apply(planned, recordings, links, text, derivedBatch);
                notes.Add((planned, source));
            }
            yield return derivedBatch;
        }
    }

    /// The notes whose links an incremental import derives again: those it changes; those with a link that leads to a
    /// readdressed note or a changed attachment (the link shows its address and title, or its bytes), or that would now
    /// lead elsewhere (a note or file added, renamed or removed takes or leaves the name it gives, as does an alias);
    /// and, since an embedded note is rendered with its text and links, the notes that embed any of these.
    async Task<HashSet<Guid>> RelinkedAsync(IStoredLinks stored, VaultLinkIndex index, IReadOnlyDictionary<string, Note> byPath)
    {
        var notes = Notes.ToDictionary(n => n.Entity.Id, n => n.Entity);
        var relinked = notes.Keys.Where(_changed.Contains).ToHashSet();
        relinked.UnionWith((await stored.IntoAsync(_readdressed, _changedAttachments, embedsOnly: false)).Select(l => l.NoteId).Where(notes.ContainsKey));
        relinked.UnionWith((await stored.NamingAsync(RenamedNames()))
            .Where(l => notes.TryGetValue(l.NoteId, out var note) && StoredLinks.LeadsElsewhere(l, note, index, byPath)).Select(l => l.NoteId));
        for (var embedded = relinked.ToList(); embedded.Count > 0;)
        {
            embedded = (await stored.IntoAsync(embedded, [], embedsOnly: true)).Select(l => l.NoteId)
                .Where(id => notes.ContainsKey(id) && relinked.Add(id)).ToList();
        }
        return relinked;
    }

    /// The names that lead elsewhere after this import: the file names and aliases of the notes it adds, moves,
    /// removes or gives other aliases, before and after, and the file names of the attachments it adds or removes.
    HashSet<string> RenamedNames()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Add(string path, IEnumerable<string> aliases)
        {
            names.Add(Path.GetFileNameWithoutExtension(path));
            names.UnionWith(aliases.Select(a => a.Trim()));
        }
        foreach (var (note, source, isNew, _) in Notes)
        {
            // A note deleted before and back now is new to the names too.
            if (isNew || note.DeletedAt is not null)
            {
                Add(source.Path, source.Aliases);
            }
            else if (note.Path != _pathsBefore[note.Id] || !note.Aliases.SequenceEqual(source.Aliases))
            {
                Add(_pathsBefore[note.Id], note.Aliases);
                Add(source.Path, source.Aliases);
            }
        }
        foreach (var note in Removed)
        {
            Add(note.Path, note.Aliases);
        }
        names.UnionWith(AttachmentsAdded.Concat(AttachmentsRemoved).Select(a => Path.GetFileName(a.Path)));
        names.Remove("");
        return names;
    }

    /// A note's text as stored: its HTML, its text for search, its headings, its reading lists as JSON and its prose for the graph.
    sealed record DerivedText(string Html, string PlainText, string Headings, string Reading, string Prose);

    void Apply(PlannedNote planned, NoteRecordings recordings, List<NoteLink> links, DerivedText text, ImportBatch batch)
    {
        var note = planned.Entity;
        if (!recordings.Media.SequenceEqual(note.Media))
        {
            note.Media = recordings.Media;
        }
        if (note.Html != text.Html)
        {
            note.Html = text.Html;
            note.PlainText = text.PlainText;
            batch.TextChanged.Add(note);
        }
        var kind = NodeKinds.OfNote(NoteFields.Read(note.FrontMatter), note.Tags);
        if (note.Kind != kind)
        {
            note.Kind = kind;
        }
        if (note.HeadingsText != text.Headings)
        {
            note.HeadingsText = text.Headings;
        }
        if (note.Reading != text.Reading)
        {
            note.Reading = text.Reading;
        }
        if (note.Prose != text.Prose)
        {
            note.Prose = text.Prose;
        }

        if (!links.Select(LinkKey).SequenceEqual(_storedLinks[note.Id].OrderBy(l => l.Offset).Select(LinkKey)))
        {
            ReplacedLinksOf.Add(note.Id);
            batch.Links.AddRange(links);
        }
        foreach (var link in links.Where(l => !l.IsResolved))
        {
            if (link.IsAttachment)
            {
                Report.Add(new MissingAttachment(link.TargetText, planned.Source.Path, link.Line));
            }
            else
            {
                Report.Add(new UnresolvedLink(link.TargetText, planned.Source.Path, link.Line));
            }
        }

        if (!recordings.Times.Select(TimeKey).SequenceEqual(_storedTimes[note.Id].OrderBy(t => t.Offset).Select(TimeKey)))
        {
            batch.ReplacedTimesOf.Add(note.Id);
            batch.Times.AddRange(recordings.Times);
        }
    }

    static (string, Guid?, string?, string?, string?, string?, bool, int, int, int?, string) LinkKey(NoteLink l) =>
        (l.TargetText, l.TargetNoteId, l.TargetAttachmentPath, l.Alias, l.Heading, l.BlockId, l.IsEmbed, l.Line, l.Offset, l.Section, l.Context);

    static (int, int, int?, string) TimeKey(NoteTimestamp t) => (t.Seconds, t.Offset, t.MediaIndex, t.Context);
}
