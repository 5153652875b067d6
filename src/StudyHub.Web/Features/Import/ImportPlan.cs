using StudyHub.Markdown;
using StudyHub.Web.Features.Attachments;
using StudyHub.Web.Features.Graph;
using StudyHub.Web.Features.Notes;
using StudyHub.Web.Features.Video;

namespace StudyHub.Web.Features.Import;

/// What is stored of a vault when an import starts: its notes (deleted ones too) with their links, times and last
/// revision numbers, its attachments, every retired address and slug, and every note's slug across vaults.
public sealed record StoredVault(
    Guid Id, string Slug, List<Note> Notes, List<NoteSlugHistory> Retired, IEnumerable<string> NoteSlugs,
    ILookup<Guid, NoteLink> Links, ILookup<Guid, NoteTimestamp> Times, Dictionary<Guid, int> RevisionNumbers,
    Dictionary<string, Attachment> Attachments);

/// A note of this import: its row, stored already unless it is new, and what the file says now.
public sealed record PlannedNote(Note Entity, SourceNote Source, bool IsNew = false);

/// What an import changes, worked out from the vault's files and what is stored of it, without a database: new notes
/// are added, changed ones get a new revision, unchanged ones are left alone, renamed ones keep their identity, and
/// deleted ones leave every view while their history stays. The plan changes the stored rows in place (they are the
/// rows the writer saves) and makes the new ones; the writer adds, removes and copies what the lists below name.
public sealed class ImportPlan
{
    public required ImportReport Report { get; init; }
    public required List<PlannedNote> Notes { get; init; }
    public List<Note> Removed { get; } = [];
    public List<NoteRevision> Revisions { get; } = [];

    /// Addresses and slugs notes left this import, and the ones a note took back (no longer retired).
    public List<NoteSlugHistory> Retiring { get; } = [];
    public List<NoteSlugHistory> Returned { get; } = [];

    public List<Attachment> AttachmentsAdded { get; } = [];
    public List<Attachment> AttachmentsRemoved { get; } = [];
    /// Files whose bytes the attachment store must hold: the added and changed ones.
    public List<SourceAttachment> AttachmentsToStore { get; } = [];

    /// Complete once Derive has been enumerated: links and times to copy in place of the stored ones of
    /// ReplacedLinksOf and ReplacedTimesOf, and the notes whose text changed (their annotations move).
    /// REVIEW: filled by a lazy enumeration rather than returned, so that the writer copies new notes in while
    /// the next ones render (the import benchmark's overlap); the writer and the tests enumerate it once, whole.
    public List<NoteLink> Links { get; } = [];
    public List<Guid> ReplacedLinksOf { get; } = [];
    public List<NoteTimestamp> Times { get; } = [];
    public List<Guid> ReplacedTimesOf { get; } = [];
    public List<Note> TextChanged { get; } = [];

    readonly StoredVault _stored;
    readonly Dictionary<string, Attachment> _attachments;

    ImportPlan(StoredVault stored, Dictionary<string, Attachment> attachments) => (_stored, _attachments) = (stored, attachments);

    public static ImportPlan Make(List<SourceNote> notes, IReadOnlyDictionary<string, SourceAttachment> attachments, StoredVault stored,
        ImportReport report, DateTimeOffset now)
    {
        var plan = new ImportPlan(stored, new Dictionary<string, Attachment>(StringComparer.Ordinal)) { Report = report, Notes = [] };
        plan.Notes.AddRange(plan.Match(notes, now));
        plan.Sync(attachments, now);
        var last = new Dictionary<Guid, int>(stored.RevisionNumbers);
        foreach (var revision in plan.Revisions)
        {
            revision.Number = last[revision.NoteId] = last.GetValueOrDefault(revision.NoteId) + 1;
        }
        return plan;
    }

    List<PlannedNote> Match(List<SourceNote> sources, DateTimeOffset now)
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
                    Retitle(note, source.Parsed.Title, takenSlugs, now);
                }
                else
                {
                    Report.NotesChanged++;
                    Retitle(note, source.Parsed.Title, takenSlugs, now);
                    Update(note, source, now);
                }
            }
            else if (renameCandidates.TryGetValue(source.Hash, out var candidates) && candidates.TryDequeue(out note))
            {
                Report.NotesRenamed++;
                Retitle(note, source.Parsed.Title, takenSlugs, now);
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
            var lines = gone.Count > 0 ? Lines(source.Markdown) : [];
            var scored = gone.Select((g, index) => (Index: index, Similarity: Similarity(g.Lines, lines))).ToList();
            if (scored.Count > 0 && scored.MaxBy(g => g.Similarity) is { Similarity: >= MovedAndEditedSimilarity } best)
            {
                var note = gone[best.Index].Note;
                gone.RemoveAt(best.Index);
                Report.NotesRenamed++;
                Retitle(note, source.Parsed.Title, takenSlugs, now);
                note.Path = source.Path;
                Update(note, source, now);
                imported[i] = new PlannedNote(note, source);
            }
            else
            {
                Report.NotesAdded++;
                var note = new Note
                {
                    VaultId = _stored.Id, Path = source.Path, Title = source.Parsed.Title, Slug = UniqueSlug(source.Parsed.Title, takenSlugs),
                    Markdown = source.Markdown, ContentHash = source.Hash, CreatedAt = now,
                };
                Update(note, source, now);
                imported[i] = new PlannedNote(note, source, IsNew: true);
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
        foreach (var note in imported.Select(i => i.Entity))
        {
            var place = CoursePlace.Of(NoteMetadata.Parse(note.FrontMatter), note.Path, note.Id);
            if (note.CoursePosition != place)
            {
                note.CoursePosition = place;
            }
        }
        return [.. imported];
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

    void Update(Note note, SourceNote source, DateTimeOffset now)
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
        Revisions.Add(new NoteRevision
        {
            NoteId = note.Id, Number = 0, Path = source.Path, Markdown = source.Markdown, ContentHash = source.Hash, ImportedAt = now,
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
                    continue;
                }
                Report.AttachmentsChanged++;
                attachment.ContentHash = file.Hash;
                attachment.Size = file.Content.Length;
                attachment.ImportedAt = now;
            }
            else
            {
                Report.AttachmentsAdded++;
                var added = new Attachment
                {
                    VaultId = _stored.Id, Path = path, ContentHash = file.Hash, ContentType = ContentTypes.Of(path),
                    Size = file.Content.Length, ImportedAt = now,
                };
                AttachmentsAdded.Add(added);
                _attachments[path] = added;
            }
            AttachmentsToStore.Add(file);
        }
        Report.AttachmentsRemoved = existing.Count;
        AttachmentsRemoved.AddRange(existing.Values);
        Report.Attachments = sources.Count;
    }

    /// Links, times and HTML depend on the whole vault (a new note resolves old links), so they are recomputed for
    /// every note and kept only where they differ. Each note is yielded as soon as it is derived, in the vault's
    /// order, so that the writer can copy new notes in while the next ones render.
    public IEnumerable<PlannedNote> Derive(ObsidianMarkdown markdown)
    {
        var index = new VaultLinkIndex(
            Notes.Select(n => n.Source.Path).Concat(_attachments.Keys),
            Notes.ToDictionary(n => n.Source.Path, n => n.Source.Parsed.Aliases));
        var byPath = Notes.ToDictionary(n => n.Source.Path, n => n.Entity, StringComparer.Ordinal);
        var context = new VaultRenderContext(index, Notes.ToDictionary(n => n.Source.Path, n => (NoteAddress.Href(n.Entity.Address), n.Source.Parsed)), _attachments);

        // A note's reading lists need every note's links, so all are outlined before any is rendered.
        var outlines = Notes.AsParallel().AsOrdered().Select(n => (
            Recordings: NoteRecordings.Of(n.Entity, n.Source.Parsed, n.Source.Metadata, n.Source.Markdown, context),
            Links: n.Source.Parsed.Links.Select(link => StoredLinks.Of(n.Entity, link, index, byPath, n.Source.Markdown)).ToList())).ToList();
        var reading = new ReadingLists([.. Notes.Zip(outlines, (n, o) => (n.Entity, (IReadOnlyList<NoteLink>)o.Links))]);

        // Rendering touches no entity, so it runs on every core but one; the results are applied to the rows one by one
        // as they come, in the vault's order. The core left over is PostgreSQL's: it computes each new note's search
        // vector as the note arrives and is the slower end of the pipe (docs/benchmarks.md, "Import").
        var derived = Notes.Zip(outlines).AsParallel().AsOrdered().WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount - 1))
            .Select(pair =>
            {
                var ((note, source, _), (recordings, links)) = pair;
                var rendered = markdown.Render(source.Parsed, context.For(note.Address, recordings.SeekLinks));
                // An unchanged note keeps the text it has, as the annotations anchored in it do.
                var plainText = rendered.Html == note.Html ? note.PlainText : rendered.PlainText;
                return new DerivedText(rendered.Html, plainText, string.Join('\n', source.Parsed.Headings.Select(h => h.Text)),
                    reading.Of(note, links, recordings.Times, rendered, plainText).ToJson(), rendered.Prose);
            });
        foreach (var (planned, (recordings, links), text) in Notes.Zip(outlines, derived))
        {
            Apply(planned, recordings, links, text);
            yield return planned;
        }
    }

    /// A note's text as stored: its HTML, its text for search, its headings, its reading lists as JSON and its prose for the graph.
    sealed record DerivedText(string Html, string PlainText, string Headings, string Reading, string Prose);

    void Apply(PlannedNote planned, NoteRecordings recordings, List<NoteLink> links, DerivedText text)
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
            TextChanged.Add(note);
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

        if (!links.Select(LinkKey).SequenceEqual(_stored.Links[note.Id].OrderBy(l => l.Offset).Select(LinkKey)))
        {
            ReplacedLinksOf.Add(note.Id);
            Links.AddRange(links);
        }
        foreach (var link in links.Where(l => !l.IsResolved))
        {
            if (link.IsAttachment)
            {
                Report.MissingAttachments.Add(new MissingAttachment(link.TargetText, planned.Source.Path, link.Line));
            }
            else
            {
                Report.UnresolvedLinks.Add(new UnresolvedLink(link.TargetText, planned.Source.Path, link.Line));
            }
        }

        if (!recordings.Times.Select(TimeKey).SequenceEqual(_stored.Times[note.Id].OrderBy(t => t.Offset).Select(TimeKey)))
        {
            ReplacedTimesOf.Add(note.Id);
            Times.AddRange(recordings.Times);
        }
    }

    static (string, Guid?, string?, string?, string?, string?, bool, int, int, int?, string) LinkKey(NoteLink l) =>
        (l.TargetText, l.TargetNoteId, l.TargetAttachmentPath, l.Alias, l.Heading, l.BlockId, l.IsEmbed, l.Line, l.Offset, l.Section, l.Context);

    static (int, int, int?, string) TimeKey(NoteTimestamp t) => (t.Seconds, t.Offset, t.MediaIndex, t.Context);
}
