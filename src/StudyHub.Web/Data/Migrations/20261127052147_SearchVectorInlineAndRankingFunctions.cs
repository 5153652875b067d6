using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchVectorInlineAndRankingFunctions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Search reads the vector of every matching note. Stored out of line in the TOAST table (where the
            // wide rows pushed it) each read is an index lookup: 27 ms for 10,000 notes, against 4 ms kept in the
            // row. MAIN keeps it in the row and moves the markdown, HTML and text out first. A storage change
            // applies only to values written after it, so the update computes every vector again; it names the
            // title because PostgreSQL recomputes a generated column only when a column it is made of is set.
            migrationBuilder.Sql("""
                ALTER TABLE "Notes" ALTER COLUMN "SearchVector" SET STORAGE MAIN;
                UPDATE "Notes" SET "Title" = "Title";
                """);

            // studyhub_any_word: the words a query looks for, any of them (the words under NOT left out), for
            // ts_rank. Given 'a & b' ts_rank weighs every pair of positions by distance, which costs 60 ms for
            // three common words over 10,000 notes; given 'a | b' it adds up each word's weighted occurrences.
            // querytree drops the NOT parts; the quoted lexemes are taken as printed, escapes and all. A query of
            // nothing but NOT parts gives NULL.
            // studyhub_note_kind: what search and its filters call a note's kind: its front matter's type, or
            // "lecture" for a note tagged #lecture, as lecture notes often carry only the tag.
            migrationBuilder.Sql("""
                CREATE FUNCTION studyhub_any_word(tsquery) RETURNS tsquery
                    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                    AS $$ SELECT string_agg(word[1], ' | ')::tsquery
                          FROM regexp_matches(querytree($1), '(''(?:[^''\\]|''''|\\.)*'')', 'g') AS word $$;
                CREATE FUNCTION studyhub_note_kind(front_matter jsonb, tags text[]) RETURNS text
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE
                    AS $$ SELECT lower(coalesce(front_matter->>'type', front_matter->>'Type',
                          CASE WHEN tags @> ARRAY['lecture'] THEN 'lecture' END)) $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION studyhub_note_kind(jsonb, text[]);
                DROP FUNCTION studyhub_any_word(tsquery);
                ALTER TABLE "Notes" ALTER COLUMN "SearchVector" SET STORAGE EXTENDED;
                """);
        }
    }
}
