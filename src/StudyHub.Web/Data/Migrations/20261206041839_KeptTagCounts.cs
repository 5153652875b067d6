using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class KeptTagCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "VaultTags",
                columns: table => new
                {
                    VaultId = table.Column<Guid>(type: "uuid", nullable: false),
                    Tag = table.Column<string>(type: "text", nullable: false),
                    Notes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VaultTags", x => new { x.VaultId, x.Tag });
                    table.ForeignKey(
                        name: "FK_VaultTags_Vaults_VaultId",
                        column: x => x.VaultId,
                        principalTable: "Vaults",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Counts for the vaults already imported, so that tags show before their next import.
            migrationBuilder.Sql("""
                INSERT INTO "VaultTags" ("VaultId", "Tag", "Notes")
                SELECT n."VaultId", tag, count(*)::int
                FROM "Notes" n CROSS JOIN unnest(n."Tags") AS tag
                WHERE n."DeletedAt" IS NULL
                GROUP BY n."VaultId", tag;
                """);
            // The home page and /tags are cached and made from these counts (ContentVersion.ShownTables).
            migrationBuilder.Sql("""
                CREATE TRIGGER "VaultTags_content_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "VaultTags"
                FOR EACH STATEMENT EXECUTE FUNCTION studyhub_content_changed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VaultTags");
        }
    }
}
