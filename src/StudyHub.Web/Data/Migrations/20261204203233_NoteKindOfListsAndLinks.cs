using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class NoteKindOfListsAndLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A note's kind as a reader names it when front matter writes its type as a list or a link, as property-driven
            // vaults do (kepano's `type: ["[[actors]]"]` is "actors"): a list's first item, a link's note name.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION studyhub_note_kind(front_matter jsonb, tags text[]) RETURNS text
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE
                    AS $$ SELECT lower(coalesce(
                              coalesce(substring(kind FROM '^\[\[([^]|#]+)'), kind),
                              CASE WHEN tags @> ARRAY['lecture'] THEN 'lecture' END))
                          FROM (SELECT nullif(trim(CASE jsonb_typeof(type) WHEN 'array' THEN type->>0 ELSE type #>> '{}' END), '') AS kind
                                FROM (SELECT coalesce(front_matter->'type', front_matter->'Type') AS type) AS written) AS first $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION studyhub_note_kind(front_matter jsonb, tags text[]) RETURNS text
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE
                    AS $$ SELECT lower(coalesce(front_matter->>'type', front_matter->>'Type',
                          CASE WHEN tags @> ARRAY['lecture'] THEN 'lecture' END)) $$;
                """);
        }
    }
}
