using System.Text;
using System.Text.RegularExpressions;
using StudyHub.Testing;
using StudyHub.Web.Features.Search;

namespace StudyHub.Web.Tests.Search;

/// Search reads the first NoteSearch.SearchedCharacters of a note's text, so that one long note costs what any other does.
public sealed partial class LongNoteSearchTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task ANoteOfAMillionAndAHalfCharactersOfDistinctWordsImportsAndIsFoundByItsFirstWordsOnly()
    {
        // PostgreSQL refuses a search vector over 1 MB, which all these words would make: before, the whole import failed.
        var words = Enumerable.Range(0, 200_000).Select(Word).ToList();
        using var vault = new TempVault("wordlist").Write("Word list.md", "# Word list\n\n" + string.Join(' ', words) + "\n");

        var report = await app.ImportVaultAsync(vault.Root, "wordlist");

        Assert.Equal(1, report.NotesAdded);
        Assert.Equal(["/notes/wordlist/word-list"], Titles(await SearchAsync($"q={words[1]}&vault=wordlist")));
        Assert.Empty(Titles(await SearchAsync($"q={words[^1]}&vault=wordlist")));
    }

    [Fact]
    public async Task TheSnippetQuotesOnlyTheSearchedStartOfTheNote()
    {
        var filler = string.Concat(Enumerable.Repeat("The lecture goes on about gradients and tokens. ", NoteSearch.SearchedCharacters / 40));
        using var vault = new TempVault("transcript")
            .Write("Transcript.md", $"# Transcript\n\nThe okapi opens the talk. {filler}\n\nThe okapi closes with a farewell.\n");
        await app.ImportVaultAsync(vault.Root, "transcript");

        var snippet = SnippetPattern().Match(await SearchAsync("q=okapi&vault=transcript")).Groups[1].Value;

        Assert.Contains("<mark>okapi</mark> opens the talk", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("farewell", snippet, StringComparison.Ordinal);
    }

    /// Letters only, distinct for each number: "zqaaaaa", "zqaaaab" …
    static string Word(int number)
    {
        var word = new StringBuilder("zq");
        for (var place = 26 * 26 * 26 * 26; place > 0; place /= 26)
        {
            word.Append((char)('a' + number / place % 26));
        }
        return word.ToString();
    }

    async Task<string> SearchAsync(string query)
    {
        using var client = app.CreateClient();
        return await client.GetStringAsync(new Uri($"/search?{query}", UriKind.Relative));
    }

    static List<string> Titles(string page) => [.. TitlePattern().Matches(page).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<p class=\"search-snippet\">(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex SnippetPattern();

    [GeneratedRegex("<h2><a href=\"([^\"]+)\"")]
    private static partial Regex TitlePattern();
}
