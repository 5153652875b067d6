namespace StudyHub.Web.Features.Concepts;

/// Concept pages and the corrections editors make to them; the pages themselves are Razor components.
public static class ConceptsFeature
{
    public static void AddConcepts(this WebApplicationBuilder builder) => builder.Services.AddTransient<ConceptCorrections>();
}
