using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SwitcherNamesOfSomeNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The same names, optionally only those of some notes and concepts: a sync counts again only the names its
            // changes touch (SwitcherNames.SetAsideAsync). Given the arrays as constants, the planner drops the
            // "IS NULL OR" and reads links by their target's index.
            migrationBuilder.Sql("""
                DROP FUNCTION studyhub_switcher_names(uuid);
                CREATE FUNCTION studyhub_switcher_names(vault uuid, notes uuid[] DEFAULT NULL, concepts text[] DEFAULT NULL)
                    RETURNS TABLE ("Name" text, "Kind" integer, "Title" text, "Url" text, "Detail" text, "LinksIn" integer)
                    LANGUAGE sql STABLE
                    AS $$
                    WITH linked AS (
                        SELECT l."TargetNoteId" AS "Id", count(DISTINCT l."NoteId")::integer AS "LinksIn"
                        FROM "NoteLinks" l JOIN "Notes" n ON n."Id" = l."NoteId"
                        WHERE n."VaultId" = vault AND n."DeletedAt" IS NULL AND l."TargetNoteId" <> l."NoteId" AND NOT l."IsAttachment"
                          AND (notes IS NULL OR l."TargetNoteId" = ANY(notes))
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
                      AND (notes IS NULL OR n."Id" = ANY(notes))
                    UNION
                    SELECT min(l."TargetText"), 3, min(l."TargetText"), '/concepts/' || l."TargetSlug", 'Not yet written',
                           count(DISTINCT l."NoteId")::integer
                    FROM "NoteLinks" l JOIN "Notes" n ON n."Id" = l."NoteId"
                    WHERE n."VaultId" = vault AND n."DeletedAt" IS NULL
                      AND l."TargetNoteId" IS NULL AND NOT l."IsAttachment" AND l."TargetText" <> ''
                      AND (concepts IS NULL OR l."TargetSlug" = ANY(concepts))
                    GROUP BY l."TargetSlug"
                    $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION studyhub_switcher_names(uuid, uuid[], text[]);
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
        }
    }
}
