using System.Net;
using Microsoft.EntityFrameworkCore;
using StudyHub.Testing;
using StudyHub.Web.Features.Annotations;

namespace StudyHub.Web.Tests.Reading;

/// A visitor's note page that misses the reading cache (a query string it has not seen) is drawn again, but from what
/// the app keeps in memory: once a note was shown, showing it again asks the database nothing. Each query it asked
/// took a share of the core that draws pages (docs/benchmarks.md, "Reading throughput").
public sealed class VisitorPageQueryTests(UnknownAddressTests.QueryCountingApp app) : IClassFixture<UnknownAddressTests.QueryCountingApp>, IAsyncLifetime
{
    const string Lecture = "/notes/cs224n/lectures/multimodal-deep-learning";

    public async Task InitializeAsync()
    {
        await app.ImportSampleVaultAsync();
        await app.CreateUserAsync("visible@example.org");
        await using var db = app.Database.CreateContext();
        // A public annotation, so that the discussion the page shows is not the empty one.
        var note = await db.Notes.SingleAsync(n => n.Address == "cs224n/lectures/multimodal-deep-learning");
        var author = await db.Users.Where(u => u.Email == "visible@example.org").Select(u => u.Id).SingleAsync();
        db.Annotations.Add(new Annotation
        {
            NoteId = note.Id, AuthorId = author, Quote = "fusion", Prefix = "", Suffix = "", Start = note.PlainText.IndexOf("fusion", StringComparison.Ordinal),
            Length = "fusion".Length, Body = "Read by everyone.", Visibility = AnnotationVisibility.Public, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ANotePageShownOnceIsDrawnAgainWithoutAQuery()
    {
        using var client = app.CreateClient();
        var first = await client.GetStringAsync(new Uri($"{Lecture}?first", UriKind.Relative));
        Assert.Contains("Read by everyone.", first, StringComparison.Ordinal);
        app.Queries.Clear();

        using var again = await client.GetAsync(new Uri($"{Lecture}?again", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Read by everyone.", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(app.Queries.IsEmpty, $"Drawn again, the page asked:\n{string.Join("\n\n", app.Queries)}");
    }
}
