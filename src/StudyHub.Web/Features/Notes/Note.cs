using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyHub.Web.Features.Search;
using StudyHub.Web.Features.Vaults;

namespace StudyHub.Web.Features.Notes;

/// One markdown file of a vault, as last imported.
public sealed class Note
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VaultId { get; set; }
    public Vault Vault { get; set; } = null!;

    /// Vault-relative, '/'-separated, with extension: "Lectures/Multimodal Deep Learning.md".
    public required string Path { get; set; }
    public required string Title { get; set; }
    /// The note's name in the concept graph, the discussion API and its share links: unique, made from the title.
    public required string Slug { get; set; }

    /// Where the note is read (NoteAddress): "cs224n/lectures/multimodal-deep-learning", from its vault and path.
    public string Address { get; set; } = "";
    public required string Markdown { get; set; }

    /// The YAML front matter and inline fields as a JSON object.
    public string FrontMatter { get; set; } = "{}";
    public List<string> Tags { get; set; } = [];
    public List<string> Aliases { get; set; } = [];

    /// What the vault says the note is about (NodeKinds.OfNote): "lecture", "person" …, or a type the graph has no kind
    /// for as written ("actors"); null when nothing says. An editor's correction wins over it where kinds are shown.
    public string? Kind { get; set; }

    /// The note rendered to safe HTML at import, so that views do not render again.
    public string Html { get; set; } = "";

    /// The recordings the note is about (URLs, the lecture first); times in the note seek them.
    public List<string> Media { get; set; } = [];

    /// A note with a recording or a #lecture tag, whatever its case: what the home page shows as a lecture. PostgreSQL
    /// keeps it from Media and Tags (studyhub_is_lecture), so that a vault's latest lectures are read from an index.
    public bool IsLecture { get; private set; }

    /// Where the note stands among its vault's lectures (CoursePlace), for the course page to read them in order from an index.
    public string CoursePosition { get; set; } = "";

    /// What search matches and quotes: the note's text without markup, and its headings.
    public string PlainText { get; set; } = "";
    public string HeadingsText { get; set; } = "";

    /// The note's own words outside links, code, math and transcluded notes, where the graph looks for unlinked mentions.
    public string Prose { get; set; } = "";
    public NpgsqlTypes.NpgsqlTsVector SearchVector { get; set; } = null!;

    /// NoteReading as JSON: contents, linked mentions, outgoing links and times, derived at import.
    public string Reading { get; set; } = "{}";

    /// SHA-256 of the file's bytes, lower-case hex: how a re-import tells unchanged files apart.
    public required string ContentHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// When its author last saved the file, as the vault's folder or zip says, taken when an import dates the note
    /// (UpdatedAt), else that import's time: among the notes one import dated, what was written last (NoteRecency).
    /// Notes dated before it was kept have the year 1, alike, which leaves them in the order they had.
    public DateTimeOffset SavedAt { get; set; }

    /// Set when the file left the vault: the note leaves every view, its revisions stay.
    public DateTimeOffset? DeletedAt { get; set; }

    public List<NoteRevision> Revisions { get; set; } = [];
    public List<NoteLink> Links { get; set; } = [];
    public List<NoteTimestamp> Timestamps { get; set; } = [];
}

sealed class NoteConfiguration : IEntityTypeConfiguration<Note>
{
    public void Configure(EntityTypeBuilder<Note> note)
    {
        note.HasIndex(n => n.Slug).IsUnique();
        note.HasIndex(n => new { n.VaultId, n.Path }).IsUnique();
        // Distinct among live notes by construction (NoteAddress.Of over a vault's paths), but not a unique index: an
        // import copies new notes in before it marks the notes they replace deleted, and a deleted note keeps its address.
        note.HasIndex(n => n.Address);
        note.HasIndex(n => n.Tags).HasMethod("gin");
        note.HasIndex(n => n.Aliases).HasMethod("gin");
        // Weighted so that a match in a title or alias ranks above one in a heading or tag, above the body.
        // Kept in the row (STORAGE MAIN, set in a migration): search reads it for every matching note. Only the
        // searched start of the body goes in (NoteSearch.SearchedCharacters), so one long note costs what any other does.
        note.Property(n => n.SearchVector).HasComputedColumnSql(
            $"""
            setweight(to_tsvector('studyhub', "Title"), 'A') ||
            setweight(to_tsvector('studyhub', studyhub_join("Aliases")), 'A') ||
            setweight(to_tsvector('studyhub', "HeadingsText"), 'B') ||
            setweight(to_tsvector('studyhub', studyhub_join("Tags")), 'B') ||
            setweight(to_tsvector('studyhub', left("PlainText", {NoteSearch.SearchedCharacters})), 'C')
            """, stored: true);
        note.HasIndex(n => n.SearchVector).HasMethod("gin");
        note.HasIndex(n => n.Title).HasMethod("gin").HasOperators("gin_trgm_ops");
        note.Property(n => n.IsLecture).HasComputedColumnSql("""studyhub_is_lecture("Media", "Tags")""", stored: true);
        // The home page's latest lectures of each vault and its recently updated notes (NoteRecency), in the order it
        // lists them: read from the start of an index, not by sorting every note.
        note.HasIndex(n => new { n.VaultId, n.UpdatedAt, n.Path }, "IX_Notes_LatestLectures").IsDescending(false, true, false)
            .HasFilter("\"IsLecture\" AND \"DeletedAt\" IS NULL");
        note.HasIndex(n => new { n.UpdatedAt, n.SavedAt, n.CreatedAt, n.Path, n.Id }, "IX_Notes_Latest")
            .IsDescending(true, true, false, false, false).HasFilter("\"DeletedAt\" IS NULL");
        // Compared byte by byte, as CoursePlace orders it, whatever the database's collation.
        note.Property(n => n.CoursePosition).UseCollation("C");
        note.HasIndex(n => new { n.VaultId, n.CoursePosition }, "IX_Notes_CourseOrder").HasFilter("\"IsLecture\" AND \"DeletedAt\" IS NULL");
        note.Property(n => n.FrontMatter).HasColumnType("jsonb");
        // Text, not jsonb: jsonb would store it normalised, and every re-import would then find it changed and rewrite the note.
        note.Property(n => n.Reading).HasColumnType("text");
        note.Property(n => n.ContentHash).HasMaxLength(64).IsFixedLength();
        note.Property(n => n.Path).HasMaxLength(1024);
        note.Property(n => n.Title).HasMaxLength(500);
        note.Property(n => n.Slug).HasMaxLength(300);
        note.Property(n => n.Kind).HasMaxLength(100);
        note.Property(n => n.Address).HasMaxLength(NoteAddress.MaxLength);
        note.HasOne(n => n.Vault).WithMany().OnDelete(DeleteBehavior.Cascade);
    }
}
