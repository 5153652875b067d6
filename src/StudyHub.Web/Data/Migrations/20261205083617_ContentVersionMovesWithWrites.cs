using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <summary>
    /// The database moves the content version itself, once in any transaction that writes to a table the cached
    /// reading pages are made from (ContentVersion.ShownTables), so no write path can forget to.
    /// </summary>
    public partial class ContentVersionMovesWithWrites : Migration
    {
        // As ContentVersion.ShownTables was when written; a table added there later gets its trigger in a migration of its own.
        static readonly string[] ShownTables = ["Vaults", "Notes", "NoteLinks", "NoteTimestamps", "Attachments", "ConceptCorrections"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The flag is local to the transaction: later statements of the same one skip the update, whose row stays
            // locked until it ends anyway.
            migrationBuilder.Sql("""
                CREATE FUNCTION studyhub_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF coalesce(current_setting('studyhub.content_changed', true), '') <> 'on' THEN
                        PERFORM set_config('studyhub.content_changed', 'on', true);
                        UPDATE "ContentVersions" SET "Value" = "Value" + 1 WHERE "Id" = 1;
                    END IF;
                    RETURN NULL;
                END $$;
                """);
            foreach (var table in ShownTables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_content_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}"
                    FOR EACH STATEMENT EXECUTE FUNCTION studyhub_content_changed();
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in ShownTables)
            {
                migrationBuilder.Sql($"""DROP TRIGGER "{table}_content_changed" ON "{table}";""");
            }
            migrationBuilder.Sql("DROP FUNCTION studyhub_content_changed();");
        }
    }
}
