using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SearchWords",
                columns: table => new
                {
                    VaultId = table.Column<Guid>(type: "uuid", nullable: false),
                    Word = table.Column<string>(type: "text", nullable: false),
                    Notes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchWords", x => new { x.VaultId, x.Word });
                    table.ForeignKey(
                        name: "FK_SearchWords_Vaults_VaultId",
                        column: x => x.VaultId,
                        principalTable: "Vaults",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SearchWords_Word",
                table: "SearchWords",
                column: "Word")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            // The vaults imported before this migration get their words now, as their next import would give them.
            migrationBuilder.Sql("""
                DO $$
                DECLARE vault uuid;
                BEGIN
                    FOR vault IN SELECT "Id" FROM "Vaults" LOOP
                        INSERT INTO "SearchWords" ("VaultId", "Word", "Notes")
                        SELECT vault, word, ndoc FROM ts_stat(format(
                            'SELECT to_tsvector(''simple'', "Title" || '' '' || "PlainText") FROM "Notes" WHERE "VaultId" = %L AND "DeletedAt" IS NULL', vault))
                        WHERE length(word) BETWEEN 3 AND 40 AND word ~ '^[[:alpha:]]+$';
                    END LOOP;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SearchWords");
        }
    }
}
