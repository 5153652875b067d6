using StudyHub.Testing;

namespace StudyHub.Web.Tests.Video;

/// A note with a lecture and, after a rule, an interview of its own: each recording's moments, the note's times and the
/// readers' annotations, are marked on that recording's timeline and lead to it.
public sealed class RecordingMomentsTests(StudyHubApp app) : IClassFixture<StudyHubApp>
{
    const string Note = """
        # Lecture

        ![[lecture.webm]]

        The key idea comes at 0:30.

        ---

        ## Interview

        ![[interview.webm]]

        The guest smiles at 1:35.
        """;

    [Fact]
    public async Task EachTimelineMarksTheTimesOfTheRecordingPlaying()
    {
        using var vault = Vault("timelines");
        await app.ImportVaultAsync(vault.Root);
        using var visitor = app.CreateClient();

        var lecture = await visitor.GetStringAsync(new Uri("/notes/timelines/lecture", UriKind.Relative));
        var interview = await visitor.GetStringAsync(new Uri("/notes/timelines/lecture?recording=2", UriKind.Relative));

        Assert.Equal(["/notes/timelines/lecture?t=30"], MarkerLinks(lecture));
        Assert.Equal(["/notes/timelines/lecture?recording=2&amp;t=95"], MarkerLinks(interview));
        // The interview's time in the text opens the page playing the interview, whichever recording plays.
        Assert.Contains("""<a class="timestamp" href="/notes/timelines/lecture?recording=2&amp;t=95" data-seconds="95">1:35</a>""", lecture, StringComparison.Ordinal);
        Assert.Contains("""<a class="timestamp" href="/notes/timelines/lecture?t=30" data-seconds="30">0:30</a>""", interview, StringComparison.Ordinal);
    }

    static TempVault Vault(string name) => new TempVault(name)
        .Write("Lecture.md", Note).Write("media/lecture.webm", [1, 2, 3]).Write("media/interview.webm", [4, 5, 6]);

    /// The links of the note's own times on the timeline under the player.
    static List<string> MarkerLinks(string page)
    {
        var timeline = page[page.IndexOf("<nav class=\"timeline\"", StringComparison.Ordinal)..];
        timeline = timeline[..timeline.IndexOf("</nav>", StringComparison.Ordinal)];
        return [.. System.Text.RegularExpressions.Regex.Matches(timeline, "<a href=\"([^\"]+)\" data-seconds").Select(m => m.Groups[1].Value)];
    }
}
