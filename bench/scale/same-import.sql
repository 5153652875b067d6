-- Checksums of what an import stored, in terms two databases share (paths, not ids): run on two databases imported from
-- the same vault by two builds, they must print the same lines. psql -tA -f bench/scale/same-import.sql
SELECT 'notes', count(*), md5(string_agg(md5(concat_ws(chr(1), "Path","Title","Slug","Address","Markdown","Html","PlainText","HeadingsText","Prose","Reading","Kind","FrontMatter","ContentHash", array_to_string("Media",chr(2)), array_to_string("Tags",chr(2)), array_to_string("Aliases",chr(2)))), '' ORDER BY "Path")) FROM "Notes";
SELECT 'links', count(*), md5(string_agg(md5(concat_ws(chr(1), s."Path", t."Path", l."TargetText", l."TargetSlug", l."Alias", l."Heading", l."IsEmbed", l."Line", l."Offset", l."Section", l."Context")), '' ORDER BY l."Id")) FROM "NoteLinks" l JOIN "Notes" s ON s."Id" = l."NoteId" LEFT JOIN "Notes" t ON t."Id" = l."TargetNoteId";
SELECT 'revisions', count(*), md5(string_agg(md5(concat_ws(chr(1), n."Path", r."Number", r."ContentHash", r."Markdown")), '' ORDER BY n."Path")) FROM "NoteRevisions" r JOIN "Notes" n ON n."Id" = r."NoteId";
SELECT 'times', count(*), md5(string_agg(md5(concat_ws(chr(1), n."Path", t."Seconds", t."Offset", t."MediaIndex", t."Context")), '' ORDER BY n."Path", t."Offset")) FROM "NoteTimestamps" t JOIN "Notes" n ON n."Id" = t."NoteId";
SELECT 'search', count(*), md5(string_agg(md5("SearchVector"::text), '' ORDER BY "Path")) FROM "Notes";
SELECT 'report', md5(("Report" - 'RunId')::text) FROM "ImportRuns";
