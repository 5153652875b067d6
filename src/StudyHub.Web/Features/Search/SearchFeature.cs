namespace StudyHub.Web.Features.Search;

public static class SearchFeature
{
    public static void AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<NoteSearch>();
        builder.Services.AddSingleton<SpokenSearch>();
        builder.Services.AddSingleton<PaperSearch>();
        builder.Services.AddSingleton<QuickSwitcher>();
    }

    public static void MapSearch(this WebApplication app) =>
        app.MapGet("/api/switcher", (string? q, QuickSwitcher switcher, CancellationToken cancellationToken) =>
            switcher.FindAsync(q, cancellationToken))
            .WithName("QuickSwitcher")
            .WithSummary("Notes and not-yet-written concepts whose title or alias is like q, typos forgiven");
}
