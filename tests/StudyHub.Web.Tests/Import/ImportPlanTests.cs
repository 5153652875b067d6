using System.Text;
using StudyHub.Markdown;
using StudyHub.Web.Features.Import;
using StudyHub.Web.Features.Notes;
using NoteLink = StudyHub.Web.Features.Notes.NoteLink;
using NoteTimestamp = StudyHub.Web.Features.Notes.NoteTimestamp;

namespace StudyHub.Web.Tests.Import;

/// What an import changes, planned from files and a stored vault held in memory: no database, no host.
public sealed class ImportPlanTests
{
    static readonly ObsidianMarkdown Markdown = new();
    static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheSameContentAtANewPathIsTheSameNoteRenamed()
    {
        var first = Import(Empty(), ("Lectures/Attention.md", "Queries meet keys.\n"));
        var note = first.Notes.Single().Entity;

        var second = Import(StoredAfter(first), ("Archive/Attention.md", "Queries meet keys.\n"));

        Assert.Equal((0, 1, 0), (second.Report.NotesAdded, second.Report.NotesRenamed, second.Report.NotesRemoved));
        Assert.Same(note, second.Notes.Single().Entity);
        Assert.Equal(("Archive/Attention.md", "course/archive/attention"), (note.Path, note.Address));
        Assert.Empty(second.Revisions);
        Assert.Contains(second.Retiring, h => h.Slug == "course/lectures/attention" && h.NoteId == note.Id);
    }

    [Fact]
    public void OfTwoGoneNotesWithTheSameContentTheFirstByPathIsRenamed()
    {
        var first = Import(Empty(), ("b.md", "Same text.\n"), ("a.md", "Same text.\n"));
        var a = first.Notes.Single(n => n.Source.Path == "a.md").Entity;

        var second = Import(StoredAfter(first), ("c.md", "Same text.\n"));

        Assert.Same(a, second.Notes.Single().Entity);
        Assert.Equal("b.md", Assert.Single(second.Removed).Path);
    }

    [Theory]
    [InlineData("alpha\nbeta\ngamma\n", "alpha\nbeta\ndelta\n", true)]             // 2 shared of 4 lines: 0.5
    [InlineData("alpha\nbeta\ngamma\n", "alpha\nbeta\ndelta\nepsilon\n", false)]   // 2 shared of 5 lines: 0.4
    [InlineData("alpha\nbeta\ngamma\ndelta\n", "alpha\nbeta\ngamma\nzeta\n", true)] // 3 of 5: 0.6
    [InlineData("alpha\nbeta\ngamma\ndelta\n", "omega\npsi\nchi\nphi\n", false)]
    public void AMovedAndEditedNoteStaysItselfWhenAtLeastHalfItsLinesRemain(string before, string after, bool same)
    {
        var first = Import(Empty(), ("Old name.md", before));
        var note = first.Notes.Single().Entity;

        var second = Import(StoredAfter(first), ("Folder/New name.md", after));

        Assert.Equal(same, ReferenceEquals(note, second.Notes.Single().Entity));
        Assert.Equal(same ? (0, 1, 0) : (1, 0, 1), (second.Report.NotesAdded, second.Report.NotesRenamed, second.Report.NotesRemoved));
        Assert.Equal(same ? 2 : 1, Assert.Single(second.Revisions).Number);
    }

    [Fact]
    public void AnEditedNoteGoesToTheGoneNoteItIsMostLike()
    {
        var first = Import(Empty(), ("x.md", "a1\na2\na3\na4\n"), ("y.md", "b1\nb2\nb3\nb4\n"));
        var y = first.Notes.Single(n => n.Source.Path == "y.md").Entity;

        var second = Import(StoredAfter(first), ("z.md", "a1\nb1\nb2\nb3\nb5\n"));

        Assert.Same(y, second.Notes.Single().Entity);
        Assert.Equal("x.md", Assert.Single(second.Removed).Path);
    }

    [Fact]
    public void ANoteRenamedBackTakesItsOldSlugAndAddressBack()
    {
        var first = Import(Empty(), ("Attention.md", "Queries meet keys.\n"));
        var note = first.Notes.Single().Entity;
        Assert.Equal(("attention", "course/attention"), (note.Slug, note.Address));

        var renamed = Import(StoredAfter(first), ("Transformers.md", "Queries meet keys.\n"));
        Assert.Equal(("transformers", "course/transformers"), (note.Slug, note.Address));
        Assert.Contains(renamed.Retiring, h => h.Slug == "attention" && h.NoteId == note.Id);

        var back = Import(StoredAfter(renamed), ("Attention.md", "Queries meet keys.\n"));

        Assert.Equal(("attention", "course/attention"), (note.Slug, note.Address));
        Assert.Contains(back.Returned, h => h.Slug == "attention");
        Assert.Contains(back.Retiring, h => h.Slug == "transformers" && h.NoteId == note.Id);
    }

    [Fact]
    public void ANewTitleWhoseSlugIsTakenGetsANumberedSlug()
    {
        var stored = Empty() with { NoteSlugs = ["attention"] };

        var plan = Import(stored, ("Attention.md", "Text.\n"));

        Assert.Equal("attention-2", plan.Notes.Single().Entity.Slug);
    }

    [Fact]
    public void ALinkedNoteListsTheNotesThatLinkToItWithTheirSentence()
    {
        var plan = Import(Empty(), ("Attention.md", "Attention is explained in [[Transformers]] today.\n"), ("Transformers.md", "Layers.\n"));

        var reading = ReadingOf(plan, "Transformers.md");

        var backlink = Assert.Single(reading.Backlinks);
        Assert.Equal(("Attention", "course/attention"), (backlink.Title, backlink.Address));
        Assert.Contains("explained in", backlink.Sentence);
        Assert.Empty(ReadingOf(plan, "Attention.md").Backlinks);
    }

    [Fact]
    public void ALinkToANoteNotYetWrittenLeadsToItsConcept()
    {
        var plan = Import(Empty(), ("Attention.md", "See [[Transformers]] and [[Meta AI Research|FAIR]].\n"), ("Transformers.md", "Layers.\n"));

        var outgoing = ReadingOf(plan, "Attention.md").Outgoing;

        Assert.Equal(
            [new OutgoingLink("Meta AI Research", "/concepts/meta-ai-research", Exists: false), new OutgoingLink("Transformers", "/notes/course/transformers", Exists: true)],
            outgoing);
        Assert.Equal("Meta AI Research", Assert.Single(plan.Report.UnresolvedLinks).Target);
    }

    [Fact]
    public void ANoteLeftOutIsRemovedAndComesBackAsItselfWithItsHistory()
    {
        var first = Import(Empty(), ("a.md", "A.\n"), ("b.md", "B.\n"));
        var b = first.Notes.Single(n => n.Source.Path == "b.md").Entity;

        var without = Import(StoredAfter(first), ("a.md", "A.\n"));
        Assert.Equal((1, 1), (without.Report.NotesUnchanged, without.Report.NotesRemoved));
        Assert.Same(b, Assert.Single(without.Removed));
        Assert.Equal(Now, b.DeletedAt);

        var back = Import(StoredAfter(without), ("a.md", "A.\n"), ("b.md", "B.\n"));

        Assert.Same(b, back.Notes.Single(n => n.Source.Path == "b.md").Entity);
        Assert.Null(b.DeletedAt);
        Assert.Equal((0, 1, 0), (back.Report.NotesAdded, back.Report.NotesChanged, back.Report.NotesRemoved));
        Assert.Equal(2, Assert.Single(back.Revisions).Number);
    }

    [Fact]
    public void ADeletedNoteIsNoRenameCandidate()
    {
        var first = Import(Empty(), ("a.md", "Kept text.\n"), ("b.md", "Other.\n"));
        var without = Import(StoredAfter(first), ("b.md", "Other.\n"));

        var plan = Import(StoredAfter(without), ("b.md", "Other.\n"), ("c.md", "Kept text.\n"));

        Assert.Equal((1, 0), (plan.Report.NotesAdded, plan.Report.NotesRenamed));
        Assert.True(plan.Notes.Single(n => n.Source.Path == "c.md").IsNew);
    }

    [Fact]
    public void ANoteStoredBeforeProseAndSectionsGetsThemOnTheNextImport()
    {
        const string lecture = "Intro [[Attention]] and [[Transformers]].\n\n## Later\n\nOn [[Attention]] again, by Vaswani.\n";
        var first = Import(Empty(), ("Lecture.md", lecture));
        var note = first.Notes.Single().Entity;
        Assert.Equal([0, 0, 1], first.Links.Select(l => l.Section));
        Assert.Equal("Intro \t and \t.\nLater\nOn \t again, by Vaswani.", note.Prose);
        // As rows imported before the migration hold them.
        var stored = StoredAfter(first);
        note.Prose = "";
        foreach (var link in stored.Links[note.Id])
        {
            link.Section = null;
        }

        var again = Import(stored, ("Lecture.md", lecture));

        Assert.Equal("Intro \t and \t.\nLater\nOn \t again, by Vaswani.", note.Prose);
        Assert.Equal([note.Id], again.ReplacedLinksOf);
        Assert.Equal([0, 0, 1], again.Links.Select(l => l.Section));
    }

    static NoteReading ReadingOf(Planned plan, string path) =>
        NoteReading.FromJson(plan.Notes.Single(n => n.Source.Path == path).Entity.Reading);

    /// A plan with the rows of all its batches, derived two notes at a time.
    sealed record Planned(ImportPlan Plan, List<ImportBatch> Batches)
    {
        public ImportReport Report => Plan.Report;
        public List<PlannedNote> Notes => Plan.Notes;
        public List<Note> Removed => Plan.Removed;
        public List<NoteSlugHistory> Retiring => Plan.Retiring;
        public List<NoteSlugHistory> Returned => Plan.Returned;
        public List<Guid> ReplacedLinksOf => Plan.ReplacedLinksOf;
        public List<NoteRevision> Revisions => [.. Batches.SelectMany(b => b.Revisions)];
        public List<NoteLink> Links => [.. Batches.SelectMany(b => b.Links)];
        public List<NoteTimestamp> Times => [.. Batches.SelectMany(b => b.Times)];
        public List<Guid> ReplacedTimesOf => [.. Batches.SelectMany(b => b.ReplacedTimesOf)];
    }

    /// The stored vault each plan started from, to say what is stored once it is written.
    readonly Dictionary<Planned, StoredVault> _before = [];

    Planned Import(StoredVault stored, params (string Path, string Text)[] files)
    {
        var contents = files.ToDictionary(f => f.Path, f => Encoding.UTF8.GetBytes(f.Text));
        var vault = new VaultFiles([.. files.Select(f => new VaultEntry(f.Path, contents[f.Path].Length))], [], entry => contents[entry.Path]);
        var report = new ImportReport { Vault = "Course" };
        var plan = ImportPlan.Make(SourceNotes.Names(vault, Markdown, report), SourceNotes.AttachmentsOf(vault), vault, Markdown, stored, report, Now);
        var planned = new Planned(plan, [.. plan.Derive(plan.Link(batchSize: 2), batchSize: 2)]);
        Assert.Equal(files.Length, planned.Batches.Sum(b => b.Notes.Count));
        _before[planned] = stored;
        return planned;
    }

    static StoredVault Empty() => new(Guid.CreateVersion7(), "course", [], NotesInFull: true, [], [],
        Array.Empty<NoteLink>().ToLookup(l => l.NoteId), Array.Empty<NoteTimestamp>().ToLookup(t => t.NoteId), [], []);

    /// What the database holds once the writer has written <paramref name="plan"/>.
    StoredVault StoredAfter(Planned plan)
    {
        var stored = _before[plan];
        var notes = stored.Notes.Union(plan.Notes.Select(n => n.Entity)).ToList();
        var revisions = new Dictionary<Guid, int>(stored.RevisionNumbers);
        foreach (var revision in plan.Revisions)
        {
            revisions[revision.NoteId] = revision.Number;
        }
        return stored with
        {
            Notes = notes,
            NoteSlugs = [.. notes.Select(n => n.Slug)],
            Links = stored.Links.Where(g => !plan.ReplacedLinksOf.Contains(g.Key)).SelectMany(g => g).Concat(plan.Links).ToLookup(l => l.NoteId),
            Times = stored.Times.Where(g => !plan.ReplacedTimesOf.Contains(g.Key)).SelectMany(g => g).Concat(plan.Times).ToLookup(t => t.NoteId),
            RevisionNumbers = revisions,
        };
    }
}
