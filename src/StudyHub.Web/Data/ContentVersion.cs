using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyHub.Web.Data;

/// A counter that every change of what readers see (an import, a vault's access) moves up by one, in the same
/// transaction as the change. Cached pages are keyed by it: unlike the hosts' clocks, it never goes backwards.
public sealed class ContentVersion
{
    public int Id { get; set; }
    public long Value { get; set; }

    public static Task BumpAsync(StudyHubDbContext db, CancellationToken cancellationToken) =>
        db.ContentVersions.ExecuteUpdateAsync(v => v.SetProperty(x => x.Value, x => x.Value + 1), cancellationToken);
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
