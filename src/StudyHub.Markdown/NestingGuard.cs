namespace StudyHub.Markdown;

// Spots container nesting (quotes, list items) deeper than Markdig's limit before Markdig parses it: Markdig only
// rejects such input after work that grows with the cube of the depth (5,000 indented list levels take minutes).
// REVIEW: the estimate is conservative; a legitimate line with 256+ columns of indentation before a list marker also
// sends its note to the plain-text fallback. Revisit if Markdig starts rejecting deep input early.
internal static class NestingGuard
{
    public static bool IsTooDeep(string source, int maximumDepth)
    {
        var lineStart = 0;
        while (lineStart < source.Length)
        {
            var lineEnd = source.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = source.Length;
            }

            if (EstimateDepth(source.AsSpan(lineStart, lineEnd - lineStart), maximumDepth) > maximumDepth)
            {
                return true;
            }

            lineStart = lineEnd + 1;
        }

        return false;
    }

    // Counts the quote and list markers a line opens with; their indentation counts too, as nested list items need at least two columns each.
    private static int EstimateDepth(ReadOnlySpan<char> line, int maximumDepth)
    {
        var columns = 0;
        var markers = 0;
        var i = 0;
        while (i < line.Length && markers + columns / 2 <= maximumDepth)
        {
            var c = line[i];
            if (c == ' ')
            {
                columns++;
                i++;
            }
            else if (c == '\t')
            {
                columns += 4;
                i++;
            }
            else if (c == '>')
            {
                markers++;
                i++;
            }
            else if (c is '-' or '+' or '*' && i + 1 < line.Length && line[i + 1] is ' ' or '\t')
            {
                markers++;
                i++;
            }
            else
            {
                var digits = 0;
                while (i + digits < line.Length && digits < 10 && char.IsAsciiDigit(line[i + digits]))
                {
                    digits++;
                }

                if (digits == 0 || i + digits + 1 >= line.Length || line[i + digits] is not ('.' or ')') || line[i + digits + 1] is not (' ' or '\t'))
                {
                    break;
                }

                markers++;
                i += digits + 1;
            }
        }

        return markers == 0 ? 0 : markers + columns / 2;
    }
}
