namespace StudyHub.Web.Features.Concepts;

/// Where a concept is read: /concepts/{slug}, the slug of the name that links give it. The one place that writes a
/// concept's URL, as NoteAddress is for notes.
public static class ConceptAddress
{
    public const string Prefix = "/concepts/";

    /// The page of the concept with this slug: "/concepts/vision-transformer".
    public static string Href(string slug) => Prefix + Uri.EscapeDataString(slug);
}
