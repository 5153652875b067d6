using Microsoft.EntityFrameworkCore;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Tags;

public sealed class TagCount
{
    public required string Name { get; init; }
    public int Count { get; init; }
}

public static class TagCounts
{
    /// How many live notes the reader may read carry each tag, most used first; only tags that contain the filter's
    /// words, when there is one. From the counts each import keeps (VaultTags), summed over the vaults the reader may read.
    public static Task<List<TagCount>> LoadAsync(StudyHubDbContext db, int limit, string? filter = null, CancellationToken cancellationToken = default)
    {
        var pattern = filter is null ? "%" : LikePattern.Containing(filter);
        return db.Database.SqlQuery<TagCount>($"""
            SELECT t."Tag" AS "Name", sum(t."Notes")::int AS "Count"
            FROM "VaultTags" t JOIN studyhub_readable_vaults({db.ReaderIsMember}) v ON v."Id" = t."VaultId"
            WHERE t."Tag" ILIKE {pattern} ESCAPE {LikePattern.EscapeCharacter}
            GROUP BY t."Tag"
            ORDER BY sum(t."Notes") DESC, t."Tag"
            LIMIT {limit}
            """).ToListAsync(cancellationToken);
    }

    /// How many different tags the notes the reader may read carry.
    public static Task<int> DistinctAsync(StudyHubDbContext db, CancellationToken cancellationToken = default) =>
        db.Database.SqlQuery<int>($"""
            SELECT count(DISTINCT t."Tag")::int AS "Value"
            FROM "VaultTags" t JOIN studyhub_readable_vaults({db.ReaderIsMember}) v ON v."Id" = t."VaultId"
            """).SingleAsync(cancellationToken);
}
