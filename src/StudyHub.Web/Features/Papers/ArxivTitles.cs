using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Import;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Papers;

/// Whether an import asks arXiv's API for the titles of the papers notes name by an arXiv address alone (Papers:Arxiv);
/// off by default, since an import then waits on a site outside.
public sealed class ArxivOptions
{
    public bool FetchTitles { get; set; }
    public Uri BaseAddress { get; set; } = new("https://export.arxiv.org/");
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// What arXiv answered for a paper's id, kept so that each id is asked once; Title is null when it knows no such paper.
public sealed class ArxivTitle
{
    public required string Id { get; set; }
    public string? Title { get; set; }
    public DateTimeOffset AskedAt { get; set; }
}

sealed class ArxivTitleConfiguration : IEntityTypeConfiguration<ArxivTitle>
{
    public void Configure(EntityTypeBuilder<ArxivTitle> title)
    {
        title.HasKey(t => t.Id);
        title.Property(t => t.Id).HasMaxLength(64);
        title.Property(t => t.Title).HasMaxLength(MostCharacters);
    }

    public const int MostCharacters = 300;
}

/// Asks arXiv, once an import is committed, for the titles of the papers a vault's notes name by id alone, those not
/// asked before. A failure (arXiv unreachable, slow, or answering nonsense) is named in the import's report and leaves
/// the import as it is: those papers show by their ids until a later import asks again.
public sealed partial class ArxivTitles(HttpClient http, IOptions<ArxivOptions> options, TimeProvider clock)
{
    // arXiv's API takes a list of ids; its own guidance is to ask for a modest number at a time.
    const int IdsAQuery = 50;
    static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// Whether arXiv was asked, and so titles or the report's warnings are new.
    public async Task<bool> FetchAsync(StudyHubDbContext db, Guid vaultId, ImportReport report, CancellationToken cancellationToken)
    {
        if (!options.Value.FetchTitles)
        {
            return false;
        }
        var notes = await db.Notes.Where(n => n.VaultId == vaultId)
            .Select(n => new { n.FrontMatter, Opening = n.Markdown.Substring(0, PaperReference.OpeningCharacters) }).ToListAsync(cancellationToken);
        var wanted = notes.SelectMany(n => PaperReference.Of(NoteMetadata.Parse(n.FrontMatter), n.Opening))
            .Where(r => r.Text is null && r.ArxivId is not null).Select(r => r.ArxivId!).Distinct(StringComparer.Ordinal).ToList();
        var asked = await db.ArxivTitles.Where(t => wanted.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
        var unasked = wanted.Except(asked, StringComparer.Ordinal).ToList();
        foreach (var ids in unasked.Chunk(IdsAQuery))
        {
            if (await AskAsync(ids, cancellationToken) is { } titles)
            {
                var now = clock.GetUtcNow();
                db.ArxivTitles.AddRange(ids.Select(id => new ArxivTitle { Id = id, Title = titles.GetValueOrDefault(WithoutVersion(id)), AskedAt = now }));
            }
            else
            {
                report.Warnings.Add(new ImportWarning("arXiv", null,
                    $"the titles of {ids.Length} paper{(ids.Length == 1 ? "" : "s")} ({string.Join(", ", ids.Take(3))}{(ids.Length > 3 ? ", …" : "")}) could not be asked of arXiv at {options.Value.BaseAddress}; they show by their ids until a later import asks again"));
            }
        }
        return unasked.Count > 0;
    }

    /// The titles arXiv gives, by id without version; null when it could not be asked.
    async Task<Dictionary<string, string>?> AskAsync(string[] ids, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        var query = new Uri(options.Value.BaseAddress, $"api/query?id_list={string.Join(',', ids.Select(Uri.EscapeDataString))}&max_results={ids.Length}");
        try
        {
            using var response = await http.GetAsync(query, timeout.Token);
            response.EnsureSuccessStatusCode();
            var feed = XDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
            return feed.Root?.Elements(Atom + "entry")
                .Select(entry => (Id: IdOf((string?)entry.Element(Atom + "id")), Title: Clean((string?)entry.Element(Atom + "title"))))
                .Where(e => e.Id is not null && e.Title is not null)
                .DistinctBy(e => e.Id)
                .ToDictionary(e => e.Id!, e => e.Title!, StringComparer.Ordinal) ?? [];
        }
        catch (Exception exception) when (exception is HttpRequestException or XmlException
            || exception is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// "http://arxiv.org/abs/1706.03762v7" is 1706.03762; an error entry names no paper.
    static string? IdOf(string? address) =>
        address is not null && AbsAddress().Match(address) is { Success: true } match ? WithoutVersion(match.Groups["id"].Value) : null;

    static string WithoutVersion(string id) => Version().Replace(id, "");

    static string? Clean(string? title)
    {
        var clean = string.Join(' ', (title ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return clean.Length == 0 ? null : clean.Length > ArxivTitleConfiguration.MostCharacters ? clean[..ArxivTitleConfiguration.MostCharacters] : clean;
    }

    [GeneratedRegex(@"^https?://(?:www\.)?arxiv\.org/abs/(?<id>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex AbsAddress();

    [GeneratedRegex(@"v\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex Version();
}
