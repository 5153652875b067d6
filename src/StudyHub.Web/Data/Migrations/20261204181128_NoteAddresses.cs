using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class NoteAddresses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Slug",
                table: "NoteSlugHistory",
                type: "character varying(1300)",
                maxLength: 1300,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(300)",
                oldMaxLength: 300);

            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "Notes",
                type: "character varying(1300)",
                maxLength: 1300,
                nullable: false,
                defaultValue: "");

            // Until its vault is imported again a note keeps its slug as its address, so that links keep working; the
            // import then gives it the address of its path and records the slug's address as history (301).
            migrationBuilder.Sql("""
                UPDATE "Notes" SET "Address" = "Slug";
                UPDATE "Notes" SET "Reading" = replace("Reading", '"Slug":"', '"Address":"') WHERE "Reading" LIKE '%"Slug":"%';
                """);

            // The switcher leads to a note's address as NoteAddress.Href writes it, but for letters beyond ASCII, which browsers escape.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION studyhub_switcher_names(vault uuid)
                    RETURNS TABLE ("Name" text, "Kind" integer, "Title" text, "Url" text, "Detail" text, "LinksIn" integer)
                    LANGUAGE sql STABLE
                    AS $$
                    WITH linked AS (
                        SELECT l."TargetNoteId" AS "Id", count(DISTINCT l."NoteId")::integer AS "LinksIn"
                        FROM "NoteLinks" l JOIN "Notes" n ON n."Id" = l."NoteId"
                        WHERE n."VaultId" = vault AND n."DeletedAt" IS NULL AND l."TargetNoteId" <> l."NoteId" AND NOT l."IsAttachment"
                        GROUP BY l."TargetNoteId"
                    )
                    SELECT name.value, name.kind, n."Title"::text, '/notes/' || n."Address", v."Name" || ' · ' || n."Path",
                           coalesce(linked."LinksIn", 0)
                    FROM "Notes" n JOIN "Vaults" v ON v."Id" = n."VaultId"
                    LEFT JOIN linked ON linked."Id" = n."Id"
                    CROSS JOIN LATERAL (
                        SELECT n."Title"::text, 0
                        UNION ALL
                        SELECT file.name, 1
                        FROM (SELECT regexp_replace(regexp_replace(n."Path", '^.*/', ''), '\.md$', '', 'i') AS name) file
                        WHERE lower(file.name) <> lower(n."Title")
                        UNION ALL
                        SELECT alias, 2 FROM unnest(n."Aliases") alias
                    ) AS name(value, kind)
                    WHERE n."VaultId" = vault AND n."DeletedAt" IS NULL AND name.value <> ''
                    UNION
                    SELECT min(l."TargetText"), 3, min(l."TargetText"), '/concepts/' || l."TargetSlug", 'Not yet written',
                           count(DISTINCT l."NoteId")::integer
                    FROM "NoteLinks" l JOIN "Notes" n ON n."Id" = l."NoteId"
                    WHERE n."VaultId" = vault AND n."DeletedAt" IS NULL
                      AND l."TargetNoteId" IS NULL AND NOT l."IsAttachment" AND l."TargetText" <> ''
                    GROUP BY l."TargetSlug"
                    $$;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Notes_Address",
                table: "Notes",
                column: "Address");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION studyhub_switcher_names(vault uuid)
                    RETURNS TABLE ("Name" text, "Kind" integer, "Title" text, "Url" text, "Detail" text, "LinksIn" integer)
                    LANGUAGE sql STABLE
                    AS $$
                    WITH linked AS (
                        SELECT l."TargetNoteId" AS "Id", count(DISTINCT l."NoteId")::integer AS "LinksIn"
                        FROM "NoteLinks" l JOIN "Notes" n ON n."Id" = l."NoteId"
                        WHERE n."VaultId" = vault AND n."DeletedAt" IS NULL AND l."TargetNoteId" <> l."NoteId" AND NOT l."IsAttachment"
                        GROUP BY l."TargetNoteId"
                    )
                    SELECT name.value, name.kind, n."Title"::text, '/notes/' || n."Slug", v."Name" || ' · ' || n."Path",
                           coalesce(linked."LinksIn", 0)
                    FROM "Notes" n JOIN "Vaults" v ON v."Id" = n."VaultId"
                    LEFT JOIN linked ON linked."Id" = n."Id"
                    CROSS JOIN LATERAL (
                        SELECT n."Title"::text, 0
                        UNION ALL
                        SELECT file.name, 1
                        FROM (SELECT regexp_replace(regexp_replace(n."Path", '^.*/', ''), '\.md$', '', 'i') AS name) file
                        WHERE lower(file.name) <> lower(n."Title")
                        UNION ALL
                        SELECT alias, 2 FROM unnest(n."Aliases") alias
                    ) AS name(value, kind)
                    WHERE n."VaultId" = vault AND n."DeletedAt" IS NULL AND name.value <> ''
                    UNION
                    SELECT min(l."TargetText"), 3, min(l."TargetText"), '/concepts/' || l."TargetSlug", 'Not yet written',
                           count(DISTINCT l."NoteId")::integer
                    FROM "NoteLinks" l JOIN "Notes" n ON n."Id" = l."NoteId"
                    WHERE n."VaultId" = vault AND n."DeletedAt" IS NULL
                      AND l."TargetNoteId" IS NULL AND NOT l."IsAttachment" AND l."TargetText" <> ''
                    GROUP BY l."TargetSlug"
                    $$;
                UPDATE "Notes" SET "Reading" = replace("Reading", '"Address":"', '"Slug":"') WHERE "Reading" LIKE '%"Address":"%';
                """);

            migrationBuilder.DropIndex(
                name: "IX_Notes_Address",
                table: "Notes");

            migrationBuilder.DropColumn(
                name: "Address",
                table: "Notes");

            migrationBuilder.AlterColumn<string>(
                name: "Slug",
                table: "NoteSlugHistory",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(1300)",
                oldMaxLength: 1300);
        }
    }
}
