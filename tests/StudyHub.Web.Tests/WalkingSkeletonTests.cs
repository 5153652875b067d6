using System.Net;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;

namespace StudyHub.Web.Tests;

public sealed class WalkingSkeletonTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    [Fact]
    public async Task HomeListsTheSampleLectureAndItsPageShowsTheNote()
    {
        await app.ImportSampleVaultAsync();
        using var client = app.CreateClient();

        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("<a href=\"/notes/cs224n/lectures/multimodal-deep-learning\">Multimodal Deep Learning</a>", home, StringComparison.Ordinal);

        var note = await client.GetStringAsync(new Uri("/notes/cs224n/lectures/multimodal-deep-learning", UriKind.Relative));
        Assert.Contains("<h1>Multimodal Deep Learning</h1>", note, StringComparison.Ordinal);
        Assert.Contains("Why does MultiModality matter?", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownNoteIsNotFound()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/notes/no-such-note", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task HealthEndpointsAnswerWhenTheDatabaseIsMigrated(string path)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ReimportingTheSameVaultChangesNothing()
    {
        await app.ImportSampleVaultAsync();
        await using var db = app.Database.CreateContext();
        var before = await db.Notes.OrderBy(n => n.Path).Select(n => new { n.Path, n.UpdatedAt }).ToListAsync();

        var report = await app.ImportSampleVaultAsync();

        var after = await db.Notes.OrderBy(n => n.Path).Select(n => new { n.Path, n.UpdatedAt }).ToListAsync();
        Assert.Equal((0, 0, 0, before.Count), (report.NotesAdded, report.NotesChanged, report.NotesRemoved, report.NotesUnchanged));
        Assert.Equal(before, after);
    }
}
