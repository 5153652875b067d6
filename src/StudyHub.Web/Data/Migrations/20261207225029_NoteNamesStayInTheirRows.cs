using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class NoteNamesStayInTheirRows : Migration
    {
        static readonly string[] NameColumns = ["Path", "Title", "Slug", "Address", "ContentHash", "CoursePosition", "Kind", "Aliases", "Tags", "Media"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A note's row keeps its search vector (STORAGE MAIN), so PostgreSQL, making room for it, moved every other
            // value of more than a few bytes to the TOAST table: its path, title, address and hash too, each a lookup in
            // that table's index to read. Reading those of 100,000 notes took 1.8 s instead of 0.4 s (docs/benchmarks.md,
            // "Notes' names kept in their rows"). MAIN keeps them in the row beside the vector, as it does the vector, and
            // the long texts go out first. The rows stored already are written again by the next migration.
            migrationBuilder.Sql(SetStorage("MAIN"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SetStorage("EXTENDED"));
        }

        static string SetStorage(string storage) =>
            $"""ALTER TABLE "Notes" {string.Join(", ", NameColumns.Select(c => $"ALTER COLUMN \"{c}\" SET STORAGE {storage}"))};""";
    }
}
