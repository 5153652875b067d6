using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchMediaPermalinksAndConceptCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            // English stemming for prose, but names with digits and hyphens ("BLIP-2", "GPT-4") kept whole.
            migrationBuilder.Sql("""
                CREATE TEXT SEARCH CONFIGURATION studyhub (COPY = english);
                ALTER TEXT SEARCH CONFIGURATION studyhub
                    ALTER MAPPING FOR numhword, hword_numpart, numword WITH simple;
                CREATE FUNCTION studyhub_join(text[]) RETURNS text
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE
                    AS $$ SELECT coalesce(array_to_string($1, ' '), '') $$;
                """);

            migrationBuilder.AddColumn<int>(
                name: "MediaIndex",
                table: "NoteTimestamps",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HeadingsText",
                table: "Notes",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<List<string>>(
                name: "Media",
                table: "Notes",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<string>(
                name: "PlainText",
                table: "Notes",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "SearchVector",
                table: "Notes",
                type: "tsvector",
                nullable: false,
                computedColumnSql: "setweight(to_tsvector('studyhub', \"Title\"), 'A') ||\nsetweight(to_tsvector('studyhub', studyhub_join(\"Aliases\")), 'A') ||\nsetweight(to_tsvector('studyhub', \"HeadingsText\"), 'B') ||\nsetweight(to_tsvector('studyhub', studyhub_join(\"Tags\")), 'B') ||\nsetweight(to_tsvector('studyhub', \"PlainText\"), 'C')",
                stored: true);

            migrationBuilder.CreateTable(
                name: "ConceptCorrections",
                columns: table => new
                {
                    Slug = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Aliases = table.Column<List<string>>(type: "text[]", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConceptCorrections", x => x.Slug);
                });

            migrationBuilder.CreateTable(
                name: "NoteSlugHistory",
                columns: table => new
                {
                    Slug = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    NoteId = table.Column<Guid>(type: "uuid", nullable: false),
                    RetiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoteSlugHistory", x => x.Slug);
                    table.ForeignKey(
                        name: "FK_NoteSlugHistory_Notes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "Notes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notes_SearchVector",
                table: "Notes",
                column: "SearchVector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_Notes_Title",
                table: "Notes",
                column: "Title")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_NoteSlugHistory_NoteId",
                table: "NoteSlugHistory",
                column: "NoteId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConceptCorrections");

            migrationBuilder.DropTable(
                name: "NoteSlugHistory");

            migrationBuilder.DropIndex(
                name: "IX_Notes_SearchVector",
                table: "Notes");

            migrationBuilder.DropIndex(
                name: "IX_Notes_Title",
                table: "Notes");

            migrationBuilder.DropColumn(
                name: "SearchVector",
                table: "Notes");

            migrationBuilder.DropColumn(
                name: "MediaIndex",
                table: "NoteTimestamps");

            migrationBuilder.DropColumn(
                name: "HeadingsText",
                table: "Notes");

            migrationBuilder.DropColumn(
                name: "Media",
                table: "Notes");

            migrationBuilder.DropColumn(
                name: "PlainText",
                table: "Notes");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.Sql("DROP FUNCTION studyhub_join(text[]); DROP TEXT SEARCH CONFIGURATION studyhub;");
        }
    }
}
