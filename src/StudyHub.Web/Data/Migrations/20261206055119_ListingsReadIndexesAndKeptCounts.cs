using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListingsReadIndexesAndKeptCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "NoteCount",
                table: "Vaults",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.Sql("""
                UPDATE "Vaults" v SET "NoteCount" = (SELECT count(*) FROM "Notes" n WHERE n."VaultId" = v."Id" AND n."DeletedAt" IS NULL);
                """);

            // The home page's rule for a lecture (Note.IsLecture), as its query had it: a recording, or a tag "lecture" in any case.
            migrationBuilder.Sql("""
                CREATE FUNCTION studyhub_is_lecture(media text[], tags text[]) RETURNS boolean
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE
                    AS $$ SELECT coalesce(cardinality(media), 0) > 0 OR 'lecture' = ANY (SELECT lower(t) FROM unnest(tags) AS t) $$;
                """);

            migrationBuilder.AddColumn<bool>(
                name: "IsLecture",
                table: "Notes",
                type: "boolean",
                nullable: false,
                computedColumnSql: "studyhub_is_lecture(\"Media\", \"Tags\")",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notes_Latest",
                table: "Notes",
                columns: new[] { "UpdatedAt", "Title" },
                descending: new[] { true, false },
                filter: "\"DeletedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Notes_LatestLectures",
                table: "Notes",
                columns: new[] { "VaultId", "UpdatedAt", "Path" },
                descending: new[] { false, true, false },
                filter: "\"IsLecture\" AND \"DeletedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Notes_Latest",
                table: "Notes");

            migrationBuilder.DropIndex(
                name: "IX_Notes_LatestLectures",
                table: "Notes");

            migrationBuilder.DropColumn(
                name: "IsLecture",
                table: "Notes");

            migrationBuilder.DropColumn(
                name: "NoteCount",
                table: "Vaults");

            migrationBuilder.Sql("DROP FUNCTION studyhub_is_lecture(text[], text[]);");
        }
    }
}
