using StudyHub.Testing;
using static Microsoft.Playwright.Assertions;

namespace StudyHub.Browser.Tests;

/// Finding a lecture and a moment in it: from home to the course's lectures in order, and from a concept to the
/// moment a lecture mentions it.
public sealed class CourseJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public Task TheCoursePageListsItsLecturesInOrderWithTheirMomentsLengthsAndAnnotations() =>
        JourneyAsync(nameof(TheCoursePageListsItsLecturesInOrderWithTheirMomentsLengthsAndAnnotations), async () =>
    {
        using var vault = new TempVault("taught")
            .Write("Week 10/Wrapping up.md", "---\nvideo: https://www.youtube.com/watch?v=aaaaaaaaaaa\n---\nAt 12:30 we close.")
            .Write("Week 2/Attention.md", "---\nvideo: https://www.youtube.com/watch?v=bbbbbbbbbbb\nduration: 1:18:00\n---\nAt 1:00 queries, at 5:00 keys.")
            .Write("Welcome.md", "---\nlecture: 1\n---\n#lecture\n\nWhat the course is.");
        await App.ImportVaultAsync(vault.Root, "taught");

        await Page.GotoAsync("/");
        await Page.Locator("section.vault", new() { HasText = "taught" }).GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "All lectures in course order" }).ClickAsync();

        await Expect(Page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = "taught", Level = 1 })).ToBeVisibleAsync();
        var lectures = Page.Locator(".course-lecture");
        await Expect(lectures).ToHaveCountAsync(3);
        await Expect(lectures.Nth(0)).ToContainTextAsync("Welcome");
        await Expect(lectures.Nth(0)).ToContainTextAsync("0 moments");
        await Expect(lectures.Nth(1)).ToContainTextAsync("Attention");
        await Expect(lectures.Nth(1).Locator(".lecture-duration")).ToHaveTextAsync("1:18:00 long");
        await Expect(lectures.Nth(1)).ToContainTextAsync("2 moments");
        await Expect(lectures.Nth(2)).ToContainTextAsync("Wrapping up");
        await Expect(lectures.Nth(2).Locator(".lecture-duration")).ToHaveCountAsync(0);
        await Expect(lectures.Locator(".lecture-annotations")).ToHaveTextAsync(["0 annotations", "0 annotations", "0 annotations"]);
    });

    [Fact]
    public Task ATimeOnAConceptPageSeeksTheLectureWhereItMentionsTheConcept() =>
        JourneyAsync(nameof(ATimeOnAConceptPageSeeksTheLectureWhereItMentionsTheConcept), async () =>
    {
        using var vault = new TempVault("moments")
            .Write("Lecture with moments.md", "![[lecture.webm]]\n\nWe start at 0:03. At 0:05 we meet [[Self-Attention]] for the first time.\n")
            .Write("media/lecture.webm", File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Media", "lecture.webm")));
        await App.ImportVaultAsync(vault.Root, "moments");

        await Page.GotoAsync("/concepts/self-attention");
        var moment = Page.Locator(".mention-moment");
        await Expect(moment).ToHaveTextAsync("0:05");
        await moment.ClickAsync();

        await Expect(Page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = "Lecture with moments", Level = 1 })).ToBeVisibleAsync();
        await Page.WaitForFunctionAsync("() => { const v = document.querySelector('video'); return v && v.readyState >= 1 && Math.abs(v.currentTime - 5) < 0.5; }");
    });
}
