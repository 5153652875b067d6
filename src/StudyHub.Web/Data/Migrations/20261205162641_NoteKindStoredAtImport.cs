using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class NoteKindStoredAtImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Notes",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            // Until a vault's next import sets each note's kind by NodeKinds.OfNote, the old rule's answer stands in.
            migrationBuilder.Sql("""
                UPDATE "Notes" SET "Kind" = left(studyhub_note_kind("FrontMatter", "Tags"), 100);
                DROP FUNCTION studyhub_note_kind(jsonb, text[]);
                CREATE FUNCTION studyhub_note_kind(vault_says text, editor_says text) RETURNS text
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE
                    AS $$ SELECT nullif(coalesce(editor_says, vault_says), 'unclassified') $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION studyhub_note_kind(text, text);
                CREATE FUNCTION studyhub_note_kind(front_matter jsonb, tags text[]) RETURNS text
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE
                    AS $$ SELECT lower(coalesce(
                              coalesce(substring(kind FROM '^\[\[([^]|#]+)'), kind),
                              CASE WHEN tags @> ARRAY['lecture'] THEN 'lecture' END))
                          FROM (SELECT nullif(trim(CASE jsonb_typeof(type) WHEN 'array' THEN type->>0 ELSE type #>> '{}' END), '') AS kind
                                FROM (SELECT coalesce(front_matter->'type', front_matter->'Type') AS type) AS written) AS first $$;
                """);
            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Notes");
        }
    }
}
