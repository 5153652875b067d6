using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ArxivTitles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ArxivTitles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    AskedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArxivTitles", x => x.Id);
                });

            // The note page names a paper by the title arXiv gave and is cached, so they are among ContentVersion.ShownTables.
            migrationBuilder.Sql("""
                CREATE TRIGGER "ArxivTitles_content_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ArxivTitles"
                FOR EACH STATEMENT EXECUTE FUNCTION studyhub_content_changed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArxivTitles");
        }
    }
}
