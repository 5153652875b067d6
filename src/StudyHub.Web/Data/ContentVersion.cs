using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyHub.Web.Data;

/// A counter that moves up by one with every transaction that writes to a table readers' cached pages are made from
/// (ShownTables), in that transaction: a trigger on each of those tables moves it (migration ContentVersionMovesWithWrites),
/// so an import, a deleted vault, a vault's changed access or a corrected concept retires the caches (Infrastructure/ContentCache)
/// whichever code or process wrote it. Unlike the hosts' clocks, it never goes backwards.
public sealed class ContentVersion
{
    public int Id { get; set; }
    public long Value { get; set; }

    /// The tables behind the cached reading pages. The tests check that each has the trigger, and name every other table
    /// with the reason it is not shown, so that a new table has to be placed on one side or the other.
    public static readonly string[] ShownTables = ["Vaults", "Notes", "NoteLinks", "NoteTimestamps", "Attachments", "ConceptCorrections", "VaultTags", "SwitcherNames", "TranscriptCues", "PaperPages", "PaperTitles", "ArxivTitles"];
}

sealed class ContentVersionConfiguration : IEntityTypeConfiguration<ContentVersion>
{
    public void Configure(EntityTypeBuilder<ContentVersion> version)
    {
        version.Property(v => v.Id).ValueGeneratedNever();
        // The one row, so that an update has something to count on.
        version.HasData(new ContentVersion { Id = 1, Value = 0 });
    }
}
