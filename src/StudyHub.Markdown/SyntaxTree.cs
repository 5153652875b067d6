using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StudyHub.Markdown;

// Walks a syntax tree in document order. Markdig's Descendants() allocates an iterator (and for inlines one per
// nesting level) for every call, which made our seven walks per note a quarter of parse time.
internal static class SyntaxTree
{
    // Every block and inline below root, in document order. The visitor may change a node but not add or remove any.
    public static void Walk(ContainerBlock root, Action<MarkdownObject> visit)
    {
        // Recursion is bounded by the nesting limit the parser enforces (see NestingGuard).
        for (var i = 0; i < root.Count; i++)
        {
            var block = root[i];
            visit(block);
            if (block is ContainerBlock container)
            {
                Walk(container, visit);
            }
            else if (block is LeafBlock { Inline: { } inline })
            {
                Walk(inline, visit);
            }
        }
    }

    // The blocks of type T below root, collected first so the caller may restructure the tree while handling them.
    public static List<T> Blocks<T>(ContainerBlock root)
        where T : Block
    {
        var found = new List<T>();
        CollectBlocks(root, found);
        return found;
    }

    // The inlines of type T below root, collected first so the caller may restructure the tree while handling them.
    public static List<T> Inlines<T>(ContainerBlock root)
        where T : Inline
    {
        var found = new List<T>();
        Walk(root, node =>
        {
            if (node is T inline)
            {
                found.Add(inline);
            }
        });
        return found;
    }

    private static void CollectBlocks<T>(ContainerBlock root, List<T> found)
        where T : Block
    {
        for (var i = 0; i < root.Count; i++)
        {
            var block = root[i];
            if (block is T match)
            {
                found.Add(match);
            }

            if (block is ContainerBlock container)
            {
                CollectBlocks(container, found);
            }
        }
    }

    // The inlines below root, in document order.
    public static void Walk(ContainerInline root, Action<MarkdownObject> visit)
    {
        for (var node = root.FirstChild; node is not null; node = NextInline(node, root))
        {
            visit(node);
        }
    }

    // The inline after node (which is below root) in document order, or null at the end. It follows child, sibling and
    // parent links instead of recursing, so deeply nested emphasis needs no stack.
    public static Inline? NextInline(Inline node, ContainerInline root)
    {
        if (node is ContainerInline { FirstChild: { } child })
        {
            return child;
        }

        for (Inline? current = node; current is not null && current != root; current = current.Parent)
        {
            if (current.NextSibling is { } next)
            {
                return next;
            }
        }

        return null;
    }
}
