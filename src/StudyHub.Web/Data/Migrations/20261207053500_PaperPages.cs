using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PaperPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PaperPages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AttachmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    SearchVector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: false, computedColumnSql: "to_tsvector('studyhub', \"Text\")", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaperPages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaperPages_Attachments_AttachmentId",
                        column: x => x.AttachmentId,
                        principalTable: "Attachments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PaperPages_AttachmentId_Number",
                table: "PaperPages",
                columns: new[] { "AttachmentId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaperPages_SearchVector",
                table: "PaperPages",
                column: "SearchVector")
                .Annotation("Npgsql:IndexMethod", "gin");

            // Search shows what papers say, so their pages are among ContentVersion.ShownTables.
            migrationBuilder.Sql("""
                CREATE TRIGGER "PaperPages_content_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "PaperPages"
                FOR EACH STATEMENT EXECUTE FUNCTION studyhub_content_changed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PaperPages");
        }
    }
}
