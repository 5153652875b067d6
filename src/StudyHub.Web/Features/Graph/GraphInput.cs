namespace StudyHub.Web.Features.Graph;

/// A note as the graph reads it: what it is called, where it is read, its kind as the vault says (Note.Kind) and its
/// metadata (the stored front matter JSON).
public sealed record GraphNote(
    string Slug, string Address, string Title, string Path, string Vault, IReadOnlyList<string> Tags, IReadOnlyList<string> Aliases, string? Kind,
    string FrontMatter);

/// A note's prose, where unlinked mentions are looked for.
public sealed record NoteProse(string Slug, string Prose);

/// A wikilink or embed from a note: Target is the linked note's slug, or the concept slug of a note not yet written;
/// Section is the section of the note's text it stands in, null for a link in a front-matter property.
public sealed record GraphLink(string Source, string Target, string TargetText, bool IsEmbed, int? Section);

/// What an editor said about a concept, applied over what the vault says.
public sealed record GraphCorrection(string Slug, NodeKind? Kind, IReadOnlyList<string> Aliases);

/// Proses are read once, one at a time, and not kept: a large vault's text is several times the size of its graph.
public sealed record GraphInput(
    IReadOnlyList<GraphNote> Notes, IReadOnlyList<GraphLink> Links, IReadOnlyList<GraphCorrection> Corrections, IEnumerable<NoteProse> Proses);
