using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Features.Import;

namespace StudyHub.Web.Tests.Import;

/// An import's report is held while it runs, stored and shown whole: its lists of broken links and missing attachments
/// keep the first ImportReport.ListedAtMost, and count the rest (a 100,000-note vault had 400,000 such links).
public sealed class ImportReportTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    const int Broken = ImportReport.ListedAtMost + 205;
    const string Migration = "ImportReportsListAtMostAThousand";

    [Fact]
    public async Task AVaultWithMoreBrokenLinksThanTheReportListsCountsThemAllAndListsTheFirst()
    {
        var links = string.Join('\n', Enumerable.Range(0, Broken).Select(i => $"See [[Unwritten {i}]]."));
        using var vault = new TempVault("unwritten").Write("Plans.md", $"# Plans\n\n{links}\n\n![[chart.png]] ![[table.png]]");

        var report = await app.ImportVaultAsync(vault.Root);

        Assert.Equal(Broken, report.UnresolvedLinkCount);
        Assert.Equal(Enumerable.Range(0, ImportReport.ListedAtMost).Select(i => $"Unwritten {i}"), report.UnresolvedLinks.Select(l => l.Target));
        Assert.Equal(2, report.MissingAttachmentCount);
        Assert.Equal(["chart.png", "table.png"], report.MissingAttachments.Select(m => m.Name));
        Assert.Contains($"{Broken} links to notes not yet written; 2 missing attachments", report.ToString(), StringComparison.Ordinal);
        Assert.Contains("… and 205 more links to notes not yet written, not listed", report.ToString(), StringComparison.Ordinal);

        await app.CreateUserAsync("editor@example.org", Roles.Editor);
        using var client = await app.ClientAsync("editor@example.org");
        var page = await client.GetStringAsync(new Uri($"/admin/imports/{report.RunId}", UriKind.Relative));
        Assert.Contains($"Broken links <small>({Broken})</small>", page, StringComparison.Ordinal);
        Assert.Contains($"(the first 1,000 of {Broken:N0})", page, StringComparison.Ordinal);
        Assert.Equal(ImportReport.ListedAtMost, page.Split("<li><strong>Unwritten ").Length - 1);
        var list = await client.GetStringAsync(new Uri("/admin/imports", UriKind.Relative));
        var row = list[list.IndexOf($"/admin/imports/{report.RunId}", StringComparison.Ordinal)..];
        Assert.Contains($"<td>{Broken}</td>", row[..row.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReportStoredWithEveryBrokenLinkGetsItsCountsAndKeepsTheFirst()
    {
        await app.Database.MigrateToBeforeAsync(Migration);
        // As the build before stored reports: every entry listed, and no counts.
        var older = new ImportReport { Vault = "older", NotesAdded = 1 };
        older.UnresolvedLinks.AddRange(Enumerable.Range(0, Broken).Select(i => new UnresolvedLink($"Unwritten {i}", "Plans.md", i + 3)));
        older.MissingAttachments.Add(new MissingAttachment("chart.png", "Plans.md", 2));
        var stored = JsonNode.Parse(JsonSerializer.Serialize(older))!.AsObject();
        stored.Remove(nameof(ImportReport.UnresolvedLinkCount));
        stored.Remove(nameof(ImportReport.MissingAttachmentCount));
        var runId = Guid.CreateVersion7();
        await using (var db = app.Database.CreateContext())
        {
            db.ImportRuns.Add(new ImportRun
            {
                Id = runId, Source = "an older build", StartedAt = DateTimeOffset.UtcNow, FinishedAt = DateTimeOffset.UtcNow,
                Report = stored.ToJsonString(),
            });
            await db.SaveChangesAsync();
        }

        await app.Database.MigrateToLatestAsync();

        await using var read = app.Database.CreateContext();
        var report = JsonSerializer.Deserialize<ImportReport>(await read.ImportRuns.Where(r => r.Id == runId).Select(r => r.Report).SingleAsync())!;
        Assert.Equal(Broken, report.UnresolvedLinkCount);
        Assert.Equal(Enumerable.Range(0, ImportReport.ListedAtMost).Select(i => $"Unwritten {i}"), report.UnresolvedLinks.Select(l => l.Target));
        Assert.Equal(1, report.MissingAttachmentCount);
        Assert.Equal("chart.png", Assert.Single(report.MissingAttachments).Name);
    }
}
