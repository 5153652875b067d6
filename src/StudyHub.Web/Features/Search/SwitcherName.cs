using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Vaults;

namespace StudyHub.Web.Features.Search;

/// One name the quick switcher finds: a note's title, its file name (when its front matter gives another title) or one
/// of its aliases, or a concept that the vault's notes link to and nobody has written yet (once per concept, however
/// many links name it). Kept by each import.
public sealed class SwitcherName
{
    public long Id { get; set; }
    public Guid VaultId { get; set; }
    public required string Name { get; set; }
    public SwitcherNameKind Kind { get; set; }

    /// What the option shows and where it leads.
    public required string Title { get; set; }
    public required string Url { get; set; }
    public required string Detail { get; set; }

    /// How many notes link to the note or concept: the switcher lists the more linked first among equally good matches.
    public int LinksIn { get; set; }
}

/// In the order the switcher ranks them when two names match equally well.
public enum SwitcherNameKind
{
    Title,
    FileName,
    Alias,
    Concept,
}

sealed class SwitcherNameConfiguration : IEntityTypeConfiguration<SwitcherName>
{
    public void Configure(EntityTypeBuilder<SwitcherName> name)
    {
        name.HasOne<Vault>().WithMany().HasForeignKey(n => n.VaultId).OnDelete(DeleteBehavior.Cascade);
        // Nearest names first (KNN on <-> and <<->) for typos; the migration adds lower("Name") text_pattern_ops
        // for names starting with what was typed.
        name.HasIndex(n => n.Name).HasMethod("gist").HasOperators("gist_trgm_ops");
    }
}

public static class SwitcherNames
{
    /// Makes the vault's switcher names match its notes and links as they now stand, in the import's transaction.
    /// Only the differences are written, so re-importing an unchanged vault leaves the table and its indexes alone.
    /// The names come from studyhub_switcher_names (see the migration SwitcherFileNamesAndLinksIn).
    public static async Task RefreshAsync(StudyHubDbContext db, Guid vaultId, CancellationToken cancellationToken)
    {
        // Within a first import the new rows have no statistics yet; expecting a few, the planner nests loops over
        // every note, link and name (15 s for 10,000 notes instead of 0.2 s). Hash joins suit this at any size. (Their
        // forced costs would also call for JIT, which the app's connections turn off: see DatabaseEndpoint.)
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_nestloop = off", cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            WITH wanted AS (
                SELECT * FROM studyhub_switcher_names({vaultId})
            ), gone AS (
                DELETE FROM "SwitcherNames" s
                WHERE s."VaultId" = {vaultId} AND NOT EXISTS (
                    SELECT 1 FROM wanted w
                    WHERE (w."Name", w."Kind", w."Title", w."Url", w."Detail", w."LinksIn") = (s."Name", s."Kind", s."Title", s."Url", s."Detail", s."LinksIn"))
            )
            INSERT INTO "SwitcherNames" ("VaultId", "Name", "Kind", "Title", "Url", "Detail", "LinksIn")
            SELECT {vaultId}, w."Name", w."Kind", w."Title", w."Url", w."Detail", w."LinksIn"
            FROM wanted w
            WHERE NOT EXISTS (
                SELECT 1 FROM "SwitcherNames" s
                WHERE s."VaultId" = {vaultId}
                  AND (s."Name", s."Kind", s."Title", s."Url", s."Detail", s."LinksIn") = (w."Name", w."Kind", w."Title", w."Url", w."Detail", w."LinksIn"))
            """, cancellationToken);
        await db.Database.ExecuteSqlRawAsync("RESET enable_nestloop", cancellationToken);
    }

    /// Where an incremental import keeps, until RecountAsync, the names it may change as they were stored: recounting
    /// the whole vault took a third of a sync of one edited note at 10,000 notes (0.8–1.8 s).
    const string NamesBefore = "import_names_before";

    /// Before an import saves its notes and links: sets aside the names of <paramref name="some"/> as they stand. The
    /// notes <paramref name="added"/> are in the table of notes already, but have no names yet.
    public static async Task SetAsideAsync(StudyHubDbContext db, Guid vaultId, NamesToRecount some, IEnumerable<Guid> added, CancellationToken cancellationToken)
    {
        var stored = some.Notes.Except(added).ToArray();
        await db.Database.ExecuteSqlRawAsync(
            $"CREATE TEMP TABLE {NamesBefore} ON COMMIT DROP AS SELECT * FROM studyhub_switcher_names(NULL) WITH NO DATA", cancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO {NamesBefore} SELECT * FROM studyhub_switcher_names({{0}}, {{1}}, {{2}})", [vaultId, stored, some.Concepts], cancellationToken);
    }

    /// Once the import saved its notes and links: writes how the names of <paramref name="some"/> differ from those set
    /// aside; the vault's other names are as they were.
    public static async Task RecountAsync(StudyHubDbContext db, Guid vaultId, NamesToRecount some, CancellationToken cancellationToken)
    {
        var recount = $$"""
            WITH wanted AS MATERIALIZED (
                SELECT * FROM studyhub_switcher_names({0}, {1}, {2})
            ), gone AS (
                DELETE FROM "SwitcherNames" s
                USING (SELECT * FROM {{NamesBefore}} EXCEPT SELECT * FROM wanted) g
                WHERE s."VaultId" = {0}
                  AND (s."Name", s."Kind", s."Title", s."Url", s."Detail", s."LinksIn") = (g."Name", g."Kind", g."Title", g."Url", g."Detail", g."LinksIn")
            )
            INSERT INTO "SwitcherNames" ("VaultId", "Name", "Kind", "Title", "Url", "Detail", "LinksIn")
            SELECT {0}, n.* FROM (SELECT * FROM wanted EXCEPT SELECT * FROM {{NamesBefore}}) n
            """;
        await db.Database.ExecuteSqlRawAsync(recount, [vaultId, some.Notes, some.Concepts], cancellationToken);
    }
}

/// The names an import may change: those of <paramref name="Notes"/> (their titles, file names and aliases, and how
/// many notes link to them) and of the concepts named by the slugs <paramref name="Concepts"/>.
public sealed record NamesToRecount(Guid[] Notes, string[] Concepts);
