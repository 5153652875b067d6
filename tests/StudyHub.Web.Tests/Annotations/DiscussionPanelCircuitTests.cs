using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Annotations;

namespace StudyHub.Web.Tests.Annotations;

/// DiscussionPanel as a circuit runs it, on the app's real database: a circuit draws the panel while it is still reading
/// who the reader is, and what it wires up in the browser must wait for that.
public sealed class DiscussionPanelCircuitTests(DiscussionApp app) : BunitContext, IClassFixture<DiscussionApp>
{
    [Fact]
    public async Task AReaderTheDatabaseIsSlowToNameIsStillOfferedToAnnotate()
    {
        var database = new TaskCompletionSource();
        await using (var db = app.Database.CreateContext())
        {
            var id = await db.Users.Where(u => u.Email == DiscussionApp.Email(Caller.Author)).Select(u => u.Id).SingleAsync();
            AddAuthorization().SetAuthorized("author").SetClaims(new Claim(ClaimTypes.NameIdentifier, id));
        }
        Services.AddSingleton<IDbContextFactory<StudyHubDbContext>>(
            new SlowContexts(app.Services.GetRequiredService<IDbContextFactory<StudyHubDbContext>>(), database.Task));
        Services.AddSingleton(app.Services.GetRequiredService<DiscussionFeed>());
        Services.AddSingleton(app.Services.GetRequiredService<VisitorDiscussions>());
        Services.AddSingleton(app.Services.GetRequiredService<PanelPostingLimit>());
        Services.AddSingleton(TimeProvider.System);
        JSInterop.Mode = JSRuntimeMode.Loose;
        var page = JSInterop.SetupModule("./js/discussion.js");
        page.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var panel = Render<DiscussionPanel>(p => p.Add(x => x.Slug, DiscussionApp.Passage).Add(x => x.Address, "discussion/passage")
            .SetAssignedRenderMode(RenderMode.InteractiveServer));
        database.SetResult();

        panel.WaitForAssertion(() => Assert.Contains(page.Invocations, call => call.Identifier == "offerAnnotation"), TimeSpan.FromSeconds(30));
        Assert.Contains("Select a passage of the note to annotate it.", panel.Markup);
    }

    /// The app's contexts, each given out only once the database "answers".
    sealed class SlowContexts(IDbContextFactory<StudyHubDbContext> contexts, Task answering) : IDbContextFactory<StudyHubDbContext>
    {
        public StudyHubDbContext CreateDbContext() => contexts.CreateDbContext();

        public async Task<StudyHubDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
        {
            await answering.WaitAsync(cancellationToken);
            return await contexts.CreateDbContextAsync(cancellationToken);
        }
    }
}
