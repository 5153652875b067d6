namespace StudyHub.Markdown;

/// <summary>What rendering a note gives, all from the one pass over its syntax tree that writes the HTML.</summary>
/// <param name="Html">
/// HTML that is safe to insert into a page, after the <paramref name="TitleHeading"/> if the note has one: the page shows
/// the note's title above it.
/// </param>
/// <param name="PlainText">
/// The words a reader sees, one line per block, lines trimmed and blank ones left out. Transcluded notes and the title
/// heading (which the page's title stands for) are included, placeholders for missing embeds are not. Hosts anchor
/// annotations by offsets in it, so it must not change for the same HTML.
/// </param>
/// <param name="Outline">Every heading on the page with text but the title heading, transcluded notes' included, in order.</param>
/// <param name="Prose">
/// The words of the note's own text, one line per block like <paramref name="PlainText"/>, without the text of links of
/// any kind (wikilinks, embeds, tags, timestamps, footnote references, URLs), code, math, transcluded notes and placeholders.
/// A tab stands where such a part was left out, so the words on either side are not read as adjacent.
/// </param>
/// <param name="TitleHeading">
/// A level-1 heading the note opens with that only repeats its title (in any case), as many notes do; any other first
/// heading is a section of the note and stays in the HTML.
/// </param>
public sealed record RenderedNote(string Html, string PlainText, IReadOnlyList<OutlineHeading> Outline, string Prose, OutlineHeading? TitleHeading);

/// <summary>A heading as a table of contents lists it.</summary>
/// <param name="Level">1 to 6.</param>
/// <param name="Id">The element id the heading renders with.</param>
/// <param name="Text">The heading's text as the reader sees it.</param>
public sealed record OutlineHeading(int Level, string Id, string Text);
