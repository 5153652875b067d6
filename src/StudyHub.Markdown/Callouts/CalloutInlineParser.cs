using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StudyHub.Markdown.Callouts;

// Turns a block quote that starts with [!type] into a CalloutBlock.
// Markdig's AlertInlineParser cannot be reused: it accepts only top-level quotes and nothing after [!type],
// while Obsidian callouts nest and carry a fold marker and a title.
internal sealed class CalloutInlineParser : InlineParser
{
    public CalloutInlineParser()
    {
        OpeningCharacters = ['['];
    }

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        if (slice.PeekChar() != '!'
            || processor.Block is not ParagraphBlock paragraph
            || paragraph.Parent is not QuoteBlock quote
            || quote is CalloutBlock
            || quote[0] != paragraph
            || paragraph.Inline?.FirstChild is not null)
        {
            return false;
        }

        var text = slice.Text;
        var kindStart = slice.Start + 2;
        var kindEnd = kindStart;
        while (kindEnd <= slice.End && (char.IsLetterOrDigit(text[kindEnd]) || text[kindEnd] is '-' or '_'))
        {
            kindEnd++;
        }

        if (kindEnd == kindStart || kindEnd > slice.End || text[kindEnd] != ']')
        {
            return false;
        }

        var position = kindEnd + 1;
        char? fold = position <= slice.End && text[position] is '+' or '-' ? text[position] : null;
        if (fold is not null)
        {
            position++;
        }

        while (position <= slice.End && text[position] is ' ' or '\t')
        {
            position++;
        }

        var callout = new CalloutBlock(quote.Parser)
        {
            Kind = text[kindStart..kindEnd].ToLowerInvariant(),
            Fold = fold,
            Span = quote.Span,
            Line = quote.Line,
            Column = quote.Column,
        };
        quote.ReplaceBy(callout);
        processor.ReplaceParentContainer(quote, callout);
        processor.Document.SetData(typeof(CalloutBlock), true);
        slice.Start = position;
        return true;
    }

    // Moves the inlines on the [!type] line into the callout's title block once the paragraph is parsed.
    // Only documents the parser marked as having callouts are walked.
    public static void SplitTitles(MarkdownDocument document)
    {
        if (document.GetData(typeof(CalloutBlock)) is null)
        {
            return;
        }

        foreach (var callout in SyntaxTree.Blocks<CalloutBlock>(document))
        {
            if (callout.Count == 0 || callout[0] is not ParagraphBlock { Inline: { } inline } paragraph)
            {
                continue;
            }

            var title = new ContainerInline();
            var child = inline.FirstChild;
            while (child is not null and not LineBreakInline)
            {
                var next = child.NextSibling;
                child.Remove();
                title.AppendChild(child);
                child = next;
            }

            child?.Remove();
            if (inline.FirstChild is null)
            {
                callout.RemoveAt(0);
            }

            callout.Insert(0, new CalloutTitleBlock { Inline = title, Span = paragraph.Span, Line = paragraph.Line, Column = paragraph.Column });
        }
    }
}
