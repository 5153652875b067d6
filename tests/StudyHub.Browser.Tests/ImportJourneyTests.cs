using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StudyHub.Testing;
using StudyHub.Web.Features.Accounts;
using static Microsoft.Playwright.Assertions;

namespace StudyHub.Browser.Tests;

public sealed partial class ImportJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public Task AnEditorUploadsAZipWatchesTheProgressBarFillAndReadsTheReport() => JourneyAsync(nameof(AnEditorUploadsAZipWatchesTheProgressBarFillAndReadsTheReport), async () =>
    {
        await App.CreateUserAsync("uploader@example.org", Roles.Editor);
        var diagram = new byte[1024 * 1024];
        new Random(3).NextBytes(diagram);
        using var vault = new TempVault("lectures")
            .Write("Attention.md", "# Attention\n\n![[diagram.png]]\n\nSee [[Transformers]] and [[Not yet written]].")
            .Write("Transformers.md", "# Transformers\n\nBuilt on [[Attention]].")
            .Write("diagram.png", diagram);
        var zip = vault.Zip();

        await Page.GotoAsync("/account/login");
        await Page.GetByLabel("Email").FillAsync("uploader@example.org");
        await Page.GetByLabel("Password").FillAsync(StudyHubApp.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Imports", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Imports", Level = 1 })).ToBeVisibleAsync();
        await AssertNoSeriousAxeViolationsAsync();

        await Page.GetByLabel("Name of the new vault").FillAsync("Uploaded lectures");
        await Page.GetByLabel("Vault zip").SetInputFilesAsync(zip);
        // The bar's every value, recorded as it changes: the report page replaces it as soon as the import is done.
        var progress = new List<double>();
        await Page.ExposeFunctionAsync("recordUploadProgress", (double value) => progress.Add(value));
        await Page.EvaluateAsync("""
            () => {
                const bar = document.querySelector(".import-progress");
                new MutationObserver(() => window.recordUploadProgress(bar.hidden ? -1 : bar.value)).observe(bar, { attributes: true });
            }
            """);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload and import" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(ReportAddress());
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Import of Uploaded lectures", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.Locator(".import-counts div").Filter(new() { HasText = "Notes added" }).Locator("dd")).ToHaveTextAsync("2");
        await Expect(Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Not yet written" })).ToContainTextAsync("from Attention.md:5");
        Assert.NotEmpty(progress);
        Assert.Equal(100, progress[^1]);
        Assert.Equal(progress.Where(value => value >= 0).Order(), progress.Where(value => value >= 0));
        await AssertNoSeriousAxeViolationsAsync();
        var report = Page.Url;

        await Page.GetByRole(AriaRole.Link, new() { Name = "Imports", Exact = true }).First.ClickAsync();
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Uploaded lectures" });
        await Expect(row).ToContainTextAsync("lectures.zip, uploaded by uploader@example.org");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Page).ToHaveURLAsync(report);
        Assert.DoesNotContain(ConsoleMessages, message => message.StartsWith("page error", StringComparison.Ordinal)
            || message.Contains("Content Security Policy", StringComparison.Ordinal));
    });

    async Task AssertNoSeriousAxeViolationsAsync()
    {
        var serious = (await Page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Impact} {v.Id}: {v.Help}")));
    }

    [GeneratedRegex(@"/admin/imports/[0-9a-f-]{36}$")]
    private static partial Regex ReportAddress();
}
