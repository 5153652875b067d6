using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <summary>
    /// What NoteSearch needs to rank a bounded set of matches: the search query as one function, so that each part of
    /// the search can spell it out and the planner, inlining it, estimates each word from the statistics; and an index of
    /// the words a note has in its title, aliases, headings and tags (the search vector's weights A and B).
    /// </summary>
    public partial class SearchRanksABoundedSetOfMatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION studyhub_search_query(words text, before_last_word text, last_word text) RETURNS tsquery
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT CASE WHEN last_word IS NULL THEN websearch_to_tsquery('studyhub', words)
                           ELSE websearch_to_tsquery('studyhub', words)
                                || (websearch_to_tsquery('studyhub', before_last_word) && to_tsquery('studyhub', last_word || ':*')) END
                $$;
                CREATE FUNCTION studyhub_heading_words(tsvector) RETURNS tsvector
                LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT ts_filter($1, '{a,b}') $$;
                CREATE INDEX "IX_Notes_HeadingWords" ON "Notes" USING gin (studyhub_heading_words("SearchVector"));
                ANALYZE "Notes";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_Notes_HeadingWords";
                DROP FUNCTION studyhub_heading_words(tsvector);
                DROP FUNCTION studyhub_search_query(text, text, text);
                """);
        }
    }
}
