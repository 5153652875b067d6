namespace StudyHub.Web.Features.Papers;

/// A paper's own page, which shows it in the viewer at a page: where search sends a reader who found words in it.
public static class PaperAddress
{
    public static string Href(string contentHash, string fileName, int page) =>
        $"/papers/{contentHash}/{Uri.EscapeDataString(fileName)}?page={page}";
}
