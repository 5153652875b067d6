using Markdig.Parsers;
using Markdig.Syntax;

namespace StudyHub.Markdown.Comments;

internal sealed class CommentBlockParser : BlockParser
{
    public CommentBlockParser()
    {
        OpeningCharacters = ['%'];
    }

    public override BlockState TryOpen(BlockProcessor processor)
    {
        var line = processor.Line;
        if (processor.IsCodeIndent || line.PeekChar() != '%')
        {
            return BlockState.None;
        }

        var rest = line.Text.AsSpan(line.Start + 2, line.End - line.Start - 1);
        var close = rest.IndexOf("%%", StringComparison.Ordinal);
        // "%%note%% and more text" is an inline comment inside a paragraph.
        if (close >= 0 && !rest[(close + 2)..].IsWhiteSpace())
        {
            return BlockState.None;
        }

        processor.NewBlocks.Push(new CommentBlock(this) { Line = processor.LineIndex, Column = processor.Column, IsTerminated = close >= 0 });
        return close >= 0 ? BlockState.BreakDiscard : BlockState.ContinueDiscard;
    }

    public override BlockState TryContinue(BlockProcessor processor, Block block)
    {
        var line = processor.Line;
        if (!line.Text.AsSpan(line.Start, line.Length).Contains("%%", StringComparison.Ordinal))
        {
            return BlockState.ContinueDiscard;
        }

        ((CommentBlock)block).IsTerminated = true;
        return BlockState.BreakDiscard;
    }
}
