using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class RecentNotesInOrderOfWhatChanged : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Notes_Latest",
                table: "Notes");

            migrationBuilder.CreateIndex(
                name: "IX_Notes_Latest",
                table: "Notes",
                columns: new[] { "UpdatedAt", "CreatedAt", "Path", "Id" },
                descending: new[] { true, false, false, false },
                filter: "\"DeletedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Notes_Latest",
                table: "Notes");

            migrationBuilder.CreateIndex(
                name: "IX_Notes_Latest",
                table: "Notes",
                columns: new[] { "UpdatedAt", "Title" },
                descending: new[] { true, false },
                filter: "\"DeletedAt\" IS NULL");
        }
    }
}
