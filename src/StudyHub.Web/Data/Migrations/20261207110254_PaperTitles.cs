using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PaperTitles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PaperTitles",
                columns: table => new
                {
                    AttachmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaperTitles", x => x.AttachmentId);
                    table.ForeignKey(
                        name: "FK_PaperTitles_Attachments_AttachmentId",
                        column: x => x.AttachmentId,
                        principalTable: "Attachments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The note page names a paper by its title and is cached, so titles are among ContentVersion.ShownTables.
            migrationBuilder.Sql("""
                CREATE TRIGGER "PaperTitles_content_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "PaperTitles"
                FOR EACH STATEMENT EXECUTE FUNCTION studyhub_content_changed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PaperTitles");
        }
    }
}
