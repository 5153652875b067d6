using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyHub.Web.Data.Migrations
{
    /// <summary>
    /// Stored notes get the form an import now gives them (RenderedNote.TitleHeading): a first level-1 heading that
    /// repeats the title, in plain text, leaves the HTML and the contents, and the reading records how many characters
    /// of the page's text it stood for. Headings with markup in them are left for the next import to cut.
    /// </summary>
    public partial class NotesStartAfterTheirTitleHeading : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Markdig escapes & < > and " in heading text. The count is of UTF-16 units that are not white space,
            // as Anchoring.CharactersOnPage counts: characters past U+FFFF count twice.
            migrationBuilder.Sql("""
                WITH heading AS (
                    SELECT "Id", m[1] AS html, m[2] AS id,
                        replace(replace(replace(replace(m[3], '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&amp;', '&') AS words
                    FROM (SELECT "Id", regexp_match("Html", '^(<h1 id="([^"]*)">([^<]*)</h1>\n)') AS m
                          FROM "Notes" WHERE starts_with("Html", '<h1 id="')) AS found
                    WHERE m IS NOT NULL
                ), counted AS (
                    SELECT "Id", html, id, words, regexp_replace(words, '\s', '', 'g') AS visible FROM heading
                )
                UPDATE "Notes" AS n SET
                    "Html" = substr(n."Html", length(c.html) + 1),
                    "Reading" = jsonb_set(
                        jsonb_set(n."Reading"::jsonb, '{Toc}', coalesce(
                            (SELECT jsonb_agg(entry ORDER BY place)
                             FROM jsonb_array_elements(n."Reading"::jsonb -> 'Toc') WITH ORDINALITY AS toc(entry, place)
                             WHERE entry ->> 'Id' IS DISTINCT FROM c.id),
                            '[]'::jsonb)),
                        '{TextBeforeHtml}',
                        to_jsonb(length(c.visible) + length(regexp_replace(c.visible, '[\u0001-\uFFFF]', '', 'g'))))::text
                FROM counted AS c
                WHERE n."Id" = c."Id" AND lower(c.words) = lower(n."Title") AND n."Reading"::jsonb ? 'Toc';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo by hand: a re-import with the earlier version renders every note again.
        }
    }
}
