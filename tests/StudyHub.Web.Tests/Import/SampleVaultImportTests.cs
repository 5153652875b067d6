using Microsoft.EntityFrameworkCore;
using System.Text.Json;
using StudyHub.Testing;
using StudyHub.Web.Features.Import;

namespace StudyHub.Web.Tests.Import;

public sealed class SampleVaultImportTests(StudyHubApp app) : IClassFixture<StudyHubApp>, IAsyncLifetime
{
    public async Task InitializeAsync() => await app.ImportSampleVaultAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task EveryWikilinkOfTheSeedLectureIsResolvedOrNotYetWritten()
    {
        await using var db = app.Database.CreateContext();
        var lecture = await db.Notes.SingleAsync(n => n.Title == "Multimodal Deep Learning");
        var links = await db.NoteLinks.Where(l => l.NoteId == lecture.Id && !l.IsAttachment).ToListAsync();

        Assert.Equal(
            ["Alec Radford", "Bidirectional Encoder Representations from Transformers", "BLIP", "BLIP 2", "CLIP", "CoCa", "Contextual",
             "Cross-Attention", "Douwe Kiela", "Flamingo", "HuggingFace", "Instruction-Tuning", "LAION", "Meta AI Research", "Multimodal",
             "Retrieval-Augmented Generation", "SimVLM", "Stable Diffusion", "Whisper", "Yann LeCun"],
            links.Select(l => l.TargetText).Distinct().Order(StringComparer.OrdinalIgnoreCase));
        // The sample vault has a note (or an alias) for every target the lecture links to.
        Assert.All(links, link => Assert.NotNull(link.TargetNoteId));

        var html = lecture.Html;
        Assert.Contains("href=\"/notes/cs224n/organizations/meta-ai-research\"", html, StringComparison.Ordinal);
        Assert.Contains(">FAIR</a>", html, StringComparison.Ordinal);
        Assert.Contains("<mark>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALinkInFrontMatterIsQuotedAsItsPropertyNotAsYaml()
    {
        await using var db = app.Database.CreateContext();
        var contexts = await db.NoteLinks.Where(l => l.NoteId == db.Notes.Single(n => n.Title == "Flamingo").Id && l.TargetText == "Chinchilla")
            .OrderBy(l => l.Line).Select(l => l.Context).ToListAsync();

        Assert.Equal(2, contexts.Count);
        Assert.Equal("based_on: Chinchilla", contexts[0]);
        Assert.StartsWith("Largest version has 80B parameters", contexts[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PastedImagesThatAreNotInTheVaultAreReportedAndShownAsPlaceholders()
    {
        await using var db = app.Database.CreateContext();
        var lecture = await db.Notes.SingleAsync(n => n.Title == "Multimodal Deep Learning");
        var embeds = await db.NoteLinks.Where(l => l.NoteId == lecture.Id && l.IsAttachment).ToListAsync();

        Assert.Equal(27, embeds.Count);
        Assert.All(embeds, embed => Assert.Null(embed.TargetAttachmentPath));
        Assert.Equal(27, CountOf("Missing attachment: Pasted image 2024", lecture.Html));
        Assert.DoesNotContain("<img", lecture.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTimeInTheLectureIsStoredWithItsPosition()
    {
        await using var db = app.Database.CreateContext();
        var lecture = await db.Notes.SingleAsync(n => n.Title == "Multimodal Deep Learning");
        var times = await db.NoteTimestamps.Where(t => t.NoteId == lecture.Id).ToListAsync();

        var time = Assert.Single(times);
        Assert.Equal((1680, "28:00"), (time.Seconds, time.Text));
        Assert.Equal("28:00", lecture.Markdown.Substring(time.Offset, 5));
    }

    [Fact]
    public async Task LinkTargetsWithoutANoteAreReportedAsNotYetWritten()
    {
        await using var db = app.Database.CreateContext();
        var run = await db.ImportRuns.OrderBy(r => r.StartedAt).FirstAsync();
        var report = JsonSerializer.Deserialize<ImportReport>(run.Report)!;

        Assert.Contains(report.UnresolvedLinks, link => link.Target == "Transformer" && link.NotePath == "Concepts/Cross-Attention.md");
        var concept = await db.NoteLinks.Where(l => l.TargetText == "Transformer").Select(l => l.TargetSlug).FirstAsync();
        using var client = app.CreateClient();
        var page = await client.GetStringAsync(new Uri($"/concepts/{concept}", UriKind.Relative));
        Assert.Contains("Not yet written", page, StringComparison.Ordinal);
        Assert.Contains("Cross-Attention", page, StringComparison.Ordinal);
    }

    static int CountOf(string needle, string haystack)
    {
        var count = 0;
        for (var at = haystack.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = haystack.IndexOf(needle, at + 1, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
