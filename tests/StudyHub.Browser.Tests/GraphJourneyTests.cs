using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StudyHub.Browser.Tests;

public sealed class GraphJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public Task FilteringTheGraphToPeopleAndClickingOneOpensTheirNote() => JourneyAsync(nameof(FilteringTheGraphToPeopleAndClickingOneOpensTheirNote), async () =>
    {
        await Page.GotoAsync("/graph");
        var picture = Page.Locator("[data-graph][data-state=ready]");
        await Expect(picture).ToBeVisibleAsync();

        await Page.GetByLabel("Kind", new() { Exact = true }).SelectOptionAsync("person");

        var list = Page.Locator("#graph-list");
        await Expect(list.GetByRole(AriaRole.Link, new() { Name = "Yann LeCun" })).ToBeVisibleAsync();
        await Expect(list.GetByRole(AriaRole.Link, new() { Name = "CLIP", Exact = true })).ToBeHiddenAsync();
        await Expect(picture).ToHaveAttributeAsync("data-visible-nodes", "3");
        await Expect(Page).ToHaveURLAsync(new Regex("kind=person"));

        var box = (await picture.BoundingBoxAsync())!;
        var node = await picture.EvaluateAsync<float[]>("element => Object.values(element.cy.getElementById('douwe-kiela').renderedPosition())");
        await Page.Mouse.ClickAsync(box.X + node[0], box.Y + node[1]);

        await Expect(Page).ToHaveURLAsync(new Uri(BaseAddress, "/notes/douwe-kiela").ToString());
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Douwe Kiela", Level = 1 }).First).ToBeVisibleAsync();
    });

    [Fact]
    public Task AConceptPageShowsItsConnectionsAsAPictureAndAList() => JourneyAsync(nameof(AConceptPageShowsItsConnectionsAsAPictureAndAList), async () =>
    {
        await Page.GotoAsync("/concepts/transformer");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Transformer", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.Locator(".local-graph [data-graph][data-state=ready]")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Has it as based on" })).ToBeVisibleAsync();
        await Expect(Page.Locator(".local-graph").GetByRole(AriaRole.Link, new() { Name = "CLIP", Exact = true }).First).ToBeVisibleAsync();
    });
}
