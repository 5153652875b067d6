using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class OneReadRuleForRawSql : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The read rule for raw SQL, written once: the vaults a reader may list (all for members, the others for
            // everyone), and their live notes (the notes' query filters "readable" and "not deleted", as lists apply them:
            // a share link opens its note but lists nothing, ReadAccess.Listing). Each is one SELECT, so PostgreSQL
            // inlines it into the query that calls it and the notes' indexes still serve. The switcher's names follow the
            // same vaults.
            migrationBuilder.Sql("""
                CREATE FUNCTION studyhub_readable_vaults(reader_is_member boolean)
                    RETURNS SETOF "Vaults"
                    LANGUAGE sql STABLE
                    AS $$
                    SELECT * FROM "Vaults" WHERE NOT "MembersOnly" OR reader_is_member
                    $$;
                CREATE FUNCTION studyhub_readable_notes(reader_is_member boolean)
                    RETURNS SETOF "Notes"
                    LANGUAGE sql STABLE
                    AS $$
                    SELECT n.* FROM "Notes" n
                    WHERE n."DeletedAt" IS NULL AND n."VaultId" IN (SELECT "Id" FROM studyhub_readable_vaults(reader_is_member))
                    $$;
                CREATE OR REPLACE FUNCTION studyhub_switcher_offered(reader_is_member boolean)
                    RETURNS SETOF "SwitcherNames"
                    LANGUAGE sql STABLE
                    AS $$
                    SELECT s.* FROM "SwitcherNames" s
                    WHERE s."VaultId" IN (SELECT "Id" FROM studyhub_readable_vaults(reader_is_member))
                      AND NOT (s."Kind" = 3 AND EXISTS (
                          SELECT 1 FROM "SwitcherNames" w
                          WHERE lower(w."Name") = lower(s."Name") AND w."Kind" <> 3
                            AND w."VaultId" IN (SELECT "Id" FROM studyhub_readable_vaults(reader_is_member))))
                    $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION studyhub_switcher_offered(reader_is_member boolean)
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
                DROP FUNCTION studyhub_readable_notes(boolean);
                DROP FUNCTION studyhub_readable_vaults(boolean);
                """);
        }
    }
}
