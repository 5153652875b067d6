using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyHub.Testing;
using StudyHub.Web.Features.Annotations;
using StudyHub.Web.Features.Import;
using StudyHub.Web.Features.Sync;
using StudyHub.Web.Tests.Import;

namespace StudyHub.Web.Tests.Sync;

/// A sync imports only what changed and what depends on it; a full import of the same folder must store the same,
/// whatever the series of edits, renames, additions and deletions of notes and attachments that led there.
public sealed class IncrementalImportTests
{
    const string Reader = "reader@example.org";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task ASyncStoresWhatAFullImportOfTheSameFolderStores(int seed)
    {
        await using var synced = new StudyHubApp();
        await using var full = new StudyHubApp();
        await Task.WhenAll(synced.InitializeAsync(), full.InitializeAsync());
        using var folder = new TempVault("random");
        var vault = new RandomVault(new Random(seed), folder);
        vault.Start(notes: 12, attachments: 3);
        var vaultId = await ConfigureAsync(synced, folder.Root);
        await ImportAsync(full, folder.Root);
        foreach (var app in new[] { synced, full })
        {
            await app.CreateUserAsync(Reader);
            await AnnotateAsync(app, vault.NoteToAnnotate);
        }

        var rendered = new List<int>();
        for (var step = 1; step <= 20; step++)
        {
            var changes = vault.Change();
            var outcome = await SyncAsync(synced, vaultId);
            await ImportAsync(full, folder.Root);

            var (expected, actual) = (await BatchedImportTests.StoredAsync(full), await BatchedImportTests.StoredAsync(synced));
            var (wanted, got) = expected.Split('\n').Zip(actual.Split('\n')).FirstOrDefault(pair => pair.First != pair.Second);
            Assert.True(expected == actual,
                $"Seed {seed}, step {step} ({string.Join("; ", changes)}): the sync stored\n{got}\nwhere a full import stored\n{wanted}");
            if (outcome.Report is { } report)
            {
                rendered.Add(report.NotesRendered);
            }
        }
        // Incremental indeed: some syncs rendered fewer notes than the vault has.
        Assert.Contains(rendered, count => count < vault.NoteCount);
    }

    [Fact]
    public async Task ANoteDeletedAndWrittenAgainIsLinkedToAgain()
    {
        await using var synced = new StudyHubApp();
        await using var full = new StudyHubApp();
        await Task.WhenAll(synced.InitializeAsync(), full.InitializeAsync());
        using var folder = new TempVault("random").Write("A.md", "# A\n\nSee [[B]].").Write("B.md", "# B\n\nBack.");
        var vaultId = await ConfigureAsync(synced, folder.Root);
        await ImportAsync(full, folder.Root);
        folder.Delete("B.md");
        await SyncAsync(synced, vaultId);
        await ImportAsync(full, folder.Root);
        folder.Write("B.md", "# B\n\nBack again.");

        await SyncAsync(synced, vaultId);
        await ImportAsync(full, folder.Root);

        Assert.Equal(await BatchedImportTests.StoredAsync(full), await BatchedImportTests.StoredAsync(synced));
        await using var db = synced.Database.CreateContext();
        Assert.NotNull(await db.NoteLinks.Where(l => l.TargetText == "B").Select(l => l.TargetNoteId).SingleAsync());
    }

    [Fact]
    public async Task AVaultWithTranscriptsIsImportedWholeAndTheSyncSaysWhy()
    {
        await using var app = new StudyHubApp();
        await app.InitializeAsync();
        using var folder = new TempVault("heard").Write("A.md", "# A\n\n![[A.mp4]]").Write("A.mp4", [0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70])
            .Write("A.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello.\n").Write("B.md", "# B");
        var vaultId = await ConfigureAsync(app, folder.Root);
        folder.Write("B.md", "# B\n\nEdited.");

        var outcome = await SyncAsync(app, vaultId);

        await using var db = app.Database.CreateContext();
        Assert.Equal(["Hello."], await db.TranscriptCues.Select(c => c.Text).ToListAsync());
        Assert.Equal(2, outcome.Report!.NotesRendered);
        Assert.EndsWith("(a full import, since the vault has transcripts, which are matched with their notes across the vault)", outcome.Message,
            StringComparison.Ordinal);
    }

    static async Task<Guid> ConfigureAsync(StudyHubApp app, string folder)
    {
        using var scope = app.Services.CreateScope();
        var (source, _, _) = await scope.ServiceProvider.GetRequiredService<VaultSync>()
            .ConfigureAsync("random", new SourceSettings(SourceKind.Folder, folder), default);
        return source.VaultId;
    }

    static async Task<SyncOutcome> SyncAsync(StudyHubApp app, Guid vaultId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<VaultSync>().SyncAsync(vaultId, "test", default);
    }

    static async Task ImportAsync(StudyHubApp app, string folder)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<VaultImporter>().ImportAsync(folder, "random", default);
    }

    /// An annotation on the note's last words, which edits before them move.
    static async Task AnnotateAsync(StudyHubApp app, string path)
    {
        await using var db = app.Database.CreateContext();
        var note = await db.Notes.SingleAsync(n => n.Path == path);
        var author = await db.Users.Where(u => u.Email == Reader).Select(u => u.Id).SingleAsync();
        var start = note.PlainText.Length - 12;
        var anchor = TextAnchor.Of(note.PlainText, start, 12);
        db.Annotations.Add(new Annotation
        {
            NoteId = note.Id, AuthorId = author, Quote = anchor.Quote, Prefix = anchor.Prefix, Suffix = anchor.Suffix, Start = anchor.Start,
            Length = 12, Body = "Why?", RevisionNumber = 1,
        });
        await db.SaveChangesAsync();
    }

    /// A vault of notes in a few folders that link to each other by name, by path, by alias and to headings, embed notes
    /// and images, and name notes and images that do not exist yet; changed at random, a few files at a time.
    sealed class RandomVault(Random random, TempVault folder)
    {
        static readonly string[] Folders = ["", "Lectures/", "Concepts/", "Concepts/Deep/"];
        static readonly string[] Names = ["Attention", "CLIP", "Fusion", "Tokens", "Vision", "Speech", "Graphs", "Loss", "Decoding", "Prompts"];

        readonly List<string> _notes = [];
        readonly List<string> _images = [];

        public int NoteCount => _notes.Count;

        /// The first note, which no change renames or deletes, so that its annotation stays to be moved by its edits.
        public string NoteToAnnotate => _notes[0];

        public void Start(int notes, int attachments)
        {
            for (var i = 0; i < attachments; i++)
            {
                AddImage();
            }
            _notes.Add("Lectures/Kept.md");
            folder.Write(_notes[0], "# Kept\n\nIt links to [[Attention]] and ends with these words.\n");
            for (var i = 1; i < notes; i++)
            {
                AddNote();
            }
        }

        /// Makes one to three changes and says what they were.
        public List<string> Change()
        {
            var changes = new List<string>();
            for (var count = random.Next(1, 4); count > 0; count--)
            {
                changes.Add(random.Next(10) switch
                {
                    0 or 1 => Edit(_notes[random.Next(_notes.Count)]),
                    2 or 3 when _notes.Count > 2 => Rename(),
                    4 => AddNote(),
                    5 when _notes.Count > 2 => DeleteNote(),
                    6 => AddImage(),
                    7 when _images.Count > 0 => ChangeImage(),
                    8 when _images.Count > 0 => DeleteOrRenameImage(),
                    _ => Edit(_notes[random.Next(_notes.Count)]),
                });
            }
            return changes;
        }

        string AddNote()
        {
            var path = NewPath();
            _notes.Add(path);
            folder.Write(path, Text(Path.GetFileNameWithoutExtension(path)));
            return $"added {path}";
        }

        string Edit(string path)
        {
            if (path == NoteToAnnotate)
            {
                folder.Write(path, $"# Kept\n\nA new sentence about [[{Name()}]].\n\n" + File.ReadAllText(Path.Combine(folder.Root, path)));
            }
            else
            {
                folder.Write(path, Text(Path.GetFileNameWithoutExtension(path)));
            }
            return $"edited {path}";
        }

        /// Moved to another folder under its name, or renamed, as it is or edited too (kept as the same note when most
        /// of its lines stay).
        string Rename()
        {
            var from = _notes[random.Next(1, _notes.Count)];
            var to = random.Next(2) == 0 ? NewPath() : NewPath(Path.GetFileName(from));
            folder.Move(from, to);
            _notes[_notes.IndexOf(from)] = to;
            if (random.Next(2) == 0)
            {
                File.AppendAllText(Path.Combine(folder.Root, to), $"\nOne more line about [[{Name()}]].\n");
                return $"moved {from} to {to} and edited it";
            }
            return $"moved {from} to {to}";
        }

        string DeleteNote()
        {
            var path = _notes[random.Next(1, _notes.Count)];
            _notes.Remove(path);
            folder.Delete(path);
            return $"deleted {path}";
        }

        string AddImage()
        {
            var path = $"{Folders[random.Next(Folders.Length)]}img/{Names[random.Next(Names.Length)].ToLowerInvariant()}.png";
            if (_images.Contains(path))
            {
                return ChangeImage(path);
            }
            _images.Add(path);
            folder.Write(path, TestImages.Png(random.Next(1, 40), random.Next(1, 40)));
            return $"added {path}";
        }

        string ChangeImage(string? path = null)
        {
            path ??= _images[random.Next(_images.Count)];
            folder.Write(path, TestImages.Png(random.Next(1, 40), random.Next(1, 40)));
            return $"changed {path}";
        }

        string DeleteOrRenameImage()
        {
            var path = _images[random.Next(_images.Count)];
            _images.Remove(path);
            if (random.Next(2) == 0)
            {
                folder.Delete(path);
                return $"deleted {path}";
            }
            var to = $"{Folders[random.Next(Folders.Length)]}img/{Names[random.Next(Names.Length)].ToLowerInvariant()}-{random.Next(100)}.png";
            folder.Move(path, to);
            _images.Add(to);
            return $"moved {path} to {to}";
        }

        string NewPath(string? fileName = null)
        {
            while (true)
            {
                var path = Folders[random.Next(Folders.Length)]
                    + (fileName ?? $"{Names[random.Next(Names.Length)]}{(random.Next(3) == 0 ? $" {random.Next(5)}" : "")}.md");
                if (!_notes.Contains(path))
                {
                    return path;
                }
            }
        }

        string Name() => Names[random.Next(Names.Length)];

        /// Front matter with an alias and a tag now and then, a heading, and sentences with links of every kind.
        string Text(string title)
        {
            var text = new System.Text.StringBuilder();
            if (random.Next(3) == 0)
            {
                text.Append("---\naliases: [").Append(Name()).Append(' ').Append(random.Next(3)).Append("]\ntags: [t").Append(random.Next(4)).Append("]\n---\n");
            }
            text.Append("# ").Append(title).Append("\n\n");
            for (var sentence = random.Next(2, 6); sentence > 0; sentence--)
            {
                text.Append(random.Next(9) switch
                {
                    0 => $"See [[{Folders[random.Next(1, Folders.Length)]}{Name()}]] at {random.Next(1, 9)}:0{random.Next(10)}.",
                    1 => $"As [[{Name()}#Details|the details]] say.",
                    2 => $"Called [[{Name()} {random.Next(3)}]] here.",
                    3 => $"\n\n![[{Name()}]]\n\n",
                    4 => $"\n\n![[{Name().ToLowerInvariant()}.png]]\n\n",
                    5 => "\n\n## Details\n\nMore words.",
                    _ => $"About [[{Name()}]] and [[{Name()}]].",
                }).Append(' ');
            }
            return text.Append('\n').ToString();
        }
    }
}
