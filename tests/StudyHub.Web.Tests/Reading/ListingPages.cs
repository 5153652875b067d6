using System.Net;
using System.Text.RegularExpressions;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Reading;

/// Reads a listing page (a vault's notes, a tag's notes, a kind of concepts) the way a reader goes through it.
public static partial class ListingPages
{
    public static async Task<string> GetAsync(StudyHubApp app, string path)
    {
        using var client = app.CreateClient();
        return await client.GetStringAsync(new Uri(path, UriKind.Relative));
    }

    /// Follows the page's "Next" or "Previous" link from the first page until there is none, collecting the addresses
    /// that itemPattern's first group finds on each page.
    public static async Task<(int Pages, List<string> Items, string LastPage)> FollowAsync(StudyHubApp app, string first, string direction, Regex itemPattern)
    {
        var (pages, items, address) = (0, new List<string>(), first);
        while (true)
        {
            var page = await GetAsync(app, address);
            var listed = Items(page, itemPattern);
            Assert.InRange(listed.Count, 1, 100);
            items.AddRange(listed);
            pages++;
            var link = Regex.Match(page, $"<a href=\"([^\"]+)\" rel=\"{direction}\">");
            if (!link.Success)
            {
                return (pages, items, address);
            }
            address = WebUtility.HtmlDecode(link.Groups[1].Value);
        }
    }

    public static List<string> Items(string page, Regex itemPattern) => [.. itemPattern.Matches(page).Select(m => m.Groups[1].Value)];
}
