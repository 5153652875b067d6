using Markdig.Syntax;

namespace StudyHub.Markdown.Callouts;

// The text after [!type] on a callout's first line. It stays in the syntax tree as the callout's first block, so
// everything that walks the tree (safe links, unwrapping inside links, link and tag metadata) sees its inlines too.
internal sealed class CalloutTitleBlock() : LeafBlock(null);
