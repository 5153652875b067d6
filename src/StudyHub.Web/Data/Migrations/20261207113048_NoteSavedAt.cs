using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class NoteSavedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Notes_Latest",
                table: "Notes");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SavedAt",
                table: "Notes",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.CreateIndex(
                name: "IX_Notes_Latest",
                table: "Notes",
                columns: new[] { "UpdatedAt", "SavedAt", "CreatedAt", "Path", "Id" },
                descending: new[] { true, true, false, false, false },
                filter: "\"DeletedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Notes_Latest",
                table: "Notes");

            migrationBuilder.DropColumn(
                name: "SavedAt",
                table: "Notes");

            migrationBuilder.CreateIndex(
                name: "IX_Notes_Latest",
                table: "Notes",
                columns: new[] { "UpdatedAt", "CreatedAt", "Path", "Id" },
                descending: new[] { true, false, false, false },
                filter: "\"DeletedAt\" IS NULL");
        }
    }
}
