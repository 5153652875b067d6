namespace StudyHub.Web.Features.Papers;

public static class PapersFeature
{
    public static void AddPapers(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ArxivOptions>(builder.Configuration.GetSection("Papers:Arxiv"));
        // An answer of a few titles is a few KB; anything much larger is not arXiv's.
        builder.Services.AddHttpClient<ArxivTitles>(client => client.MaxResponseContentBufferSize = 4 * 1024 * 1024);
    }
}
