using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SwitcherFileNamesAndLinksIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "LinksIn",
                table: "SwitcherNames",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // A vault's switcher names as its notes and links now stand: every live note's title (kind 0), its file name
            // when the title is another (1), its aliases (2), and once per concept the name its unresolved links give it
            // (3); each with the number of notes linking to it. The import refreshes the table from this in its
            // transaction (SwitcherNames.RefreshAsync); here it fills the table again, since the kinds were renumbered.
            migrationBuilder.Sql("""
                DROP FUNCTION studyhub_switcher_names(uuid);
                CREATE FUNCTION studyhub_switcher_names(vault uuid)
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
                DELETE FROM "SwitcherNames";
                INSERT INTO "SwitcherNames" ("VaultId", "Name", "Kind", "Title", "Url", "Detail", "LinksIn")
                SELECT v."Id", s.* FROM "Vaults" v CROSS JOIN LATERAL studyhub_switcher_names(v."Id") s;
                """);

            // The names the quick switcher may offer a reader: those of the vaults they may read, but no concept that a
            // note of those vaults answers to by title, file name or alias ("Flamingo" written in one vault and linked
            // unwritten in another). One SELECT, so PostgreSQL inlines it into each query and its indexes still serve.
            migrationBuilder.Sql("""
                CREATE FUNCTION studyhub_switcher_offered(reader_is_member boolean)
                    RETURNS SETOF "SwitcherNames"
                    LANGUAGE sql STABLE
                    AS $$
                    SELECT s.* FROM "SwitcherNames" s
                    WHERE s."VaultId" IN (SELECT "Id" FROM "Vaults" WHERE NOT "MembersOnly" OR reader_is_member)
                      AND NOT (s."Kind" = 3 AND EXISTS (
                          SELECT 1 FROM "SwitcherNames" w
                          WHERE lower(w."Name") = lower(s."Name") AND w."Kind" <> 3
                            AND w."VaultId" IN (SELECT "Id" FROM "Vaults" WHERE NOT "MembersOnly" OR reader_is_member)))
                    $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION studyhub_switcher_offered(boolean);
                DROP FUNCTION studyhub_switcher_names(uuid);
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
                DELETE FROM "SwitcherNames";
                INSERT INTO "SwitcherNames" ("VaultId", "Name", "Kind", "Title", "Url", "Detail")
                SELECT v."Id", s.* FROM "Vaults" v CROSS JOIN LATERAL studyhub_switcher_names(v."Id") s;
                """);
            migrationBuilder.DropColumn(
                name: "LinksIn",
                table: "SwitcherNames");
        }
    }
}
