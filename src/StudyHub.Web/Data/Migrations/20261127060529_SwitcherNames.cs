using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SwitcherNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SwitcherNames",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VaultId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "text", nullable: false),
                    Url = table.Column<string>(type: "text", nullable: false),
                    Detail = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SwitcherNames", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SwitcherNames_Vaults_VaultId",
                        column: x => x.VaultId,
                        principalTable: "Vaults",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SwitcherNames_Name",
                table: "SwitcherNames",
                column: "Name")
                .Annotation("Npgsql:IndexMethod", "gist")
                .Annotation("Npgsql:IndexOperators", new[] { "gist_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_SwitcherNames_VaultId",
                table: "SwitcherNames",
                column: "VaultId");

            // Names that start with what was typed, whatever its case.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_SwitcherNames_Name_Prefix" ON "SwitcherNames" (lower("Name") text_pattern_ops);
                """);

            // A vault's switcher names as its notes and links now stand: every live note's title (kind 0) and
            // aliases (1), and once per concept the name its unresolved links give it (2). The import refreshes the
            // table from this in its transaction (SwitcherNames.RefreshAsync); here it fills the table once.
            migrationBuilder.Sql("""
                CREATE FUNCTION studyhub_switcher_names(vault uuid)
                    RETURNS TABLE ("Name" text, "Kind" integer, "Title" text, "Url" text, "Detail" text)
                    LANGUAGE sql STABLE
                    AS $$
                    SELECT name.value, CASE WHEN name.ordinality = 1 THEN 0 ELSE 1 END, n."Title"::text,
                           '/notes/' || n."Slug", v."Name" || ' · ' || n."Path"
                    FROM "Notes" n JOIN "Vaults" v ON v."Id" = n."VaultId"
                    CROSS JOIN unnest(ARRAY[n."Title"::text] || n."Aliases") WITH ORDINALITY AS name(value, ordinality)
                    WHERE n."VaultId" = vault AND n."DeletedAt" IS NULL AND name.value <> ''
                    UNION
                    SELECT min(l."TargetText"), 2, min(l."TargetText"), '/concepts/' || l."TargetSlug", 'Not yet written'
                    FROM "NoteLinks" l JOIN "Notes" n ON n."Id" = l."NoteId"
                    WHERE n."VaultId" = vault AND n."DeletedAt" IS NULL
                      AND l."TargetNoteId" IS NULL AND NOT l."IsAttachment" AND l."TargetText" <> ''
                    GROUP BY l."TargetSlug"
                    $$;
                INSERT INTO "SwitcherNames" ("VaultId", "Name", "Kind", "Title", "Url", "Detail")
                SELECT v."Id", s.* FROM "Vaults" v CROSS JOIN LATERAL studyhub_switcher_names(v."Id") s;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION studyhub_switcher_names(uuid);");
            migrationBuilder.DropTable(
                name: "SwitcherNames");
        }
    }
}
