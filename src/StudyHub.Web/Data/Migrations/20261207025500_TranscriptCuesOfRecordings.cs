using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class TranscriptCuesOfRecordings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TranscriptCues",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NoteId = table.Column<Guid>(type: "uuid", nullable: false),
                    MediaIndex = table.Column<int>(type: "integer", nullable: false),
                    Start = table.Column<int>(type: "integer", nullable: false),
                    End = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Speaker = table.Column<string>(type: "text", nullable: true),
                    SearchVector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: false, computedColumnSql: "to_tsvector('studyhub', \"Text\")", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TranscriptCues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TranscriptCues_Notes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "Notes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TranscriptCues_NoteId_MediaIndex_Start",
                table: "TranscriptCues",
                columns: new[] { "NoteId", "MediaIndex", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_TranscriptCues_SearchVector",
                table: "TranscriptCues",
                column: "SearchVector")
                .Annotation("Npgsql:IndexMethod", "gin");

            // The note page shows a note's transcript and is cached (ContentVersion.ShownTables).
            migrationBuilder.Sql("""
                CREATE TRIGGER "TranscriptCues_content_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "TranscriptCues"
                FOR EACH STATEMENT EXECUTE FUNCTION studyhub_content_changed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TranscriptCues");
        }
    }
}
