using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchVectorOfTheSearchedStart : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Replace(migrationBuilder, """left("PlainText", 100000)""");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => Replace(migrationBuilder, "\"PlainText\"");

        // The vector reads only the start of a note's text (NoteSearch.SearchedCharacters). PostgreSQL 15 cannot change a
        // generated column's expression, and EF's drop-and-add would lose the column's index and its STORAGE MAIN
        // (SearchVectorInlineAndRankingFunctions), so all three are done here. The values the new column computes are
        // stored before MAIN applies, so the update has them computed again, kept in the row.
        static void Replace(MigrationBuilder migrationBuilder, string body) => migrationBuilder.Sql($"""
            ALTER TABLE "Notes" DROP COLUMN "SearchVector";
            ALTER TABLE "Notes" ADD COLUMN "SearchVector" tsvector NOT NULL GENERATED ALWAYS AS (
                setweight(to_tsvector('studyhub', "Title"), 'A') ||
                setweight(to_tsvector('studyhub', studyhub_join("Aliases")), 'A') ||
                setweight(to_tsvector('studyhub', "HeadingsText"), 'B') ||
                setweight(to_tsvector('studyhub', studyhub_join("Tags")), 'B') ||
                setweight(to_tsvector('studyhub', {body}), 'C')) STORED;
            ALTER TABLE "Notes" ALTER COLUMN "SearchVector" SET STORAGE MAIN;
            UPDATE "Notes" SET "Title" = "Title";
            CREATE INDEX "IX_Notes_SearchVector" ON "Notes" USING gin ("SearchVector");
            """);
    }
}
