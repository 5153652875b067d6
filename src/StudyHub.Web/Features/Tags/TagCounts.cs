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
    /// How many live notes the reader may read carry each tag, most used first.
    public static Task<List<TagCount>> LoadAsync(StudyHubDbContext db, int limit, CancellationToken cancellationToken = default) =>
        db.Database.SqlQuery<TagCount>($"""
            SELECT tag AS "Name", count(*)::int AS "Count"
            FROM studyhub_readable_notes({db.ReaderIsMember}) n CROSS JOIN unnest(n."Tags") AS tag
            GROUP BY tag
            ORDER BY count(*) DESC, tag
            LIMIT {limit}
            """).ToListAsync(cancellationToken);
}
