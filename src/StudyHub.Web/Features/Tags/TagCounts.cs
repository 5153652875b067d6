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
    /// words, when there is one.
    public static Task<List<TagCount>> LoadAsync(StudyHubDbContext db, int limit, string? filter = null, CancellationToken cancellationToken = default)
    {
        var pattern = filter is null ? "%" : LikePattern.Containing(filter);
        return db.Database.SqlQuery<TagCount>($"""
            SELECT tag AS "Name", count(*)::int AS "Count"
            FROM studyhub_readable_notes({db.ReaderIsMember}) n CROSS JOIN unnest(n."Tags") AS tag
            WHERE tag ILIKE {pattern} ESCAPE {LikePattern.EscapeCharacter}
            GROUP BY tag
            ORDER BY count(*) DESC, tag
            LIMIT {limit}
            """).ToListAsync(cancellationToken);
    }

    /// How many different tags the notes the reader may read carry.
    public static Task<int> DistinctAsync(StudyHubDbContext db, CancellationToken cancellationToken = default) =>
        db.Database.SqlQuery<int>($"""
            SELECT count(DISTINCT tag)::int AS "Value"
            FROM studyhub_readable_notes({db.ReaderIsMember}) n CROSS JOIN unnest(n."Tags") AS tag
            """).SingleAsync(cancellationToken);
}
