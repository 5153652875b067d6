using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class LecturesKeepTheirCoursePlace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CoursePosition",
                table: "Notes",
                type: "text",
                nullable: false,
                defaultValue: "",
                collation: "C");

            // Until their vault is imported again (README: re-run import after upgrading), notes already stored stand in
            // order of path, without the front matter's numbers or numbers read as numbers; each place stays unique.
            migrationBuilder.Sql("""UPDATE "Notes" SET "CoursePosition" = '1' || lower(left("Path", 400)) || chr(1) || replace("Id"::text, '-', '');""");

            migrationBuilder.CreateIndex(
                name: "IX_Notes_CourseOrder",
                table: "Notes",
                columns: new[] { "VaultId", "CoursePosition" },
                filter: "\"IsLecture\" AND \"DeletedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Notes_CourseOrder",
                table: "Notes");

            migrationBuilder.DropColumn(
                name: "CoursePosition",
                table: "Notes");
        }
    }
}
