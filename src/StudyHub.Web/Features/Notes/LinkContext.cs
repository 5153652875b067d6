using System.Buffers;
using System.Globalization;

namespace StudyHub.Web.Features.Notes;

/// The sentence a link stands in, as a reader would quote it: markup dropped, wikilinks shown as their text.
public static class LinkContext
{
    const int MaxLength = 280;

    /// A link that is a property's value is quoted as that property, "based_on: BERT", never as the raw YAML around it.
    public static string PropertyLine(string property, string shown) => $"{property}: {shown}";

    public static string SentenceAround(string markdown, int offset)
    {
        if (offset < 0 || offset >= markdown.Length)
        {
            return "";
        }
        var start = offset;
        while (start > 0 && offset - start < MaxLength && !EndsSentence(markdown, start - 1))
        {
            start--;
        }
        var end = offset;
        while (end < markdown.Length && end - offset < MaxLength && !EndsSentence(markdown, end))
        {
            end++;
        }
        if (end < markdown.Length && markdown[end] is '.' or '!' or '?')
        {
            end++;
        }
        // A sentence longer than the limit is cut there, but not inside a wikilink: its raw "[[" would show.
        if (offset - start == MaxLength)
        {
            start = StartOfWikiLinkAround(markdown, start);
        }
        if (end - offset == MaxLength)
        {
            end = EndOfWikiLinkAround(markdown, end);
        }
        return Clean(markdown.AsSpan(start, end - start));
    }

    /// Where the wikilink that a cut at this position falls inside begins, with its "!"; the cut itself when it falls outside.
    static int StartOfWikiLinkAround(string markdown, int at)
    {
        var open = at < 2 ? -1 : markdown.LastIndexOf("[[", at - 1, StringComparison.Ordinal);
        if (WikiLinkEnd(markdown, open) is not { } end || end <= at)
        {
            return at;
        }
        return open > 0 && markdown[open - 1] == '!' ? open - 1 : open;
    }

    /// Where the wikilink that a cut at this position falls inside ends; the cut itself when it falls outside.
    static int EndOfWikiLinkAround(string markdown, int at)
    {
        var open = markdown.LastIndexOf("[[", Math.Min(at, markdown.Length - 1), StringComparison.Ordinal);
        return WikiLinkEnd(markdown, open) is { } end && end > at ? end : at;
    }

    /// Just after the "]]" that closes the "[[" at this position on its line.
    static int? WikiLinkEnd(string markdown, int open)
    {
        var close = open < 0 ? -1 : markdown.IndexOf("]]", open + 2, StringComparison.Ordinal);
        var line = open < 0 ? -1 : markdown.IndexOf('\n', open);
        return close >= 0 && (line < 0 || line > close) ? close + 2 : null;
    }

    static bool EndsSentence(string text, int at) =>
        text[at] == '\n' || (text[at] is '.' or '!' or '?' && (at + 1 == text.Length || char.IsWhiteSpace(text[at + 1])));

    /// Every link of a vault is quoted with its sentence, so this is a hand-written scan: three regular expression
    /// replacements per link were a sixth of the importer's own work. Both passes write into one pooled buffer, so the
    /// quote is the one string a link costs.
    static string Clean(ReadOnlySpan<char> sentence)
    {
        var buffer = ArrayPool<char>.Shared.Rent(2 * sentence.Length);
        var shown = buffer.AsSpan(0, sentence.Length);
        ReadOnlySpan<char> text = sentence.Contains("[[", StringComparison.Ordinal) ? shown[..ShowWikiLinksAsText(sentence, shown)] : sentence;
        var cleaned = buffer.AsSpan(sentence.Length, text.Length);
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '=' or '*' or '_' && i + 1 < text.Length && text[i + 1] == c)
            {
                i++; // ==, ** or __
                continue;
            }
            if (c == '`' || (c is '*' or '_' && OpensOrClosesEmphasis(text, i)))
            {
                continue;
            }
            if (!char.IsWhiteSpace(c))
            {
                cleaned[length++] = c;
            }
            else if (length == 0 || cleaned[length - 1] != ' ')
            {
                cleaned[length++] = ' ';
            }
        }
        var quote = new string(cleaned[..length].Trim(" ->\t"));
        ArrayPool<char>.Shared.Return(buffer);
        return quote;
    }

    /// <c>[[target#heading|alias]]</c>, with or without <c>!</c>, becomes its alias when it has one (even an empty one),
    /// else its target. The target holds no <c>]</c>, <c>|</c> or <c>#</c>, the heading no <c>]</c> or <c>|</c>, the
    /// alias no <c>]</c>. Writes into <paramref name="shown"/>, which is as long as the text (a link shows a part of
    /// itself, so the result is never longer), and returns how much it wrote.
    static int ShowWikiLinksAsText(ReadOnlySpan<char> text, Span<char> shown)
    {
        var length = 0;
        var i = 0;
        while (i < text.Length)
        {
            var open = text[i] == '!' && text[(i + 1)..].StartsWith("[[") ? i + 1 : i;
            if (text[open..].StartsWith("[[") && WikiLinkAt(text, open + 2) is var (end, shownStart, shownLength))
            {
                text.Slice(shownStart, shownLength).CopyTo(shown[length..]);
                length += shownLength;
                i = end;
            }
            else
            {
                shown[length++] = text[i];
                i++;
            }
        }
        return length;
    }

    /// Reads a wikilink from just after its <c>[[</c>: where it ends and what it shows, or null when it is not one.
    static (int End, int ShownStart, int ShownLength)? WikiLinkAt(ReadOnlySpan<char> text, int from)
    {
        var at = from;
        while (at < text.Length && text[at] is not (']' or '|' or '#'))
        {
            at++;
        }
        var (shownStart, shownLength) = (from, at - from);
        if (at < text.Length && text[at] == '#')
        {
            while (at < text.Length && text[at] is not (']' or '|'))
            {
                at++;
            }
        }
        if (at < text.Length && text[at] == '|')
        {
            shownStart = ++at;
            while (at < text.Length && text[at] != ']')
            {
                at++;
            }
            shownLength = at - shownStart;
        }
        return text[at..].StartsWith("]]") ? (at + 2, shownStart, shownLength) : null;
    }

    /// A lone <c>*</c> or <c>_</c> is markup unless it follows a letter or digit (snake_case) or precedes a space (2 * 3).
    static bool OpensOrClosesEmphasis(ReadOnlySpan<char> text, int at) =>
        (at == 0 || !IsWordChar(text[at - 1])) && (at + 1 == text.Length || !char.IsWhiteSpace(text[at + 1]));

    /// What <c>\w</c> matches in .NET regular expressions, which the markup rules were first written with.
    static bool IsWordChar(char c) => char.GetUnicodeCategory(c) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
        or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation;
}
