using Serilog;
using StudyHub.Markdown;
using StudyHub.Web.Components;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Accounts;
using StudyHub.Web.Features.Admin;
using StudyHub.Web.Features.Annotations;
using StudyHub.Web.Features.Attachments;
using StudyHub.Web.Features.Concepts;
using StudyHub.Web.Features.Graph;
using StudyHub.Web.Features.Import;
using StudyHub.Web.Features.Notes;
using StudyHub.Web.Features.Papers;
using StudyHub.Web.Features.Video;
using StudyHub.Web.Features.Search;
using StudyHub.Web.Features.Sharing;
using StudyHub.Web.Features.Sync;
using StudyHub.Web.Features.Transcripts;
using StudyHub.Web.Infrastructure;

var isCommand = AdminCommands.IsCommand(args);
var builder = WebApplication.CreateBuilder(isCommand ? [] : args);

builder.AddLogging();
builder.AddProxies();
builder.AddClientLimits();
builder.AddData();
builder.AddDraining();
// Shared by every feature: one clock, one markdown pipeline (immutable, built once), one status for refusals.
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(new ObsidianMarkdown());
builder.AddRateLimits();
builder.AddLoadShedding();
builder.AddAccounts();
builder.AddAnnotations();
builder.AddAttachments();
builder.AddImport();
builder.AddPapers();
builder.AddNotes();
builder.AddReadingCache();
builder.AddGraph();
builder.AddConcepts();
builder.AddSearch();
builder.AddSync();
builder.AddCircuits();
builder.Services.AddOpenApi();

var app = builder.Build();
if (isCommand)
{
    return await AdminCommands.RunAsync(app, args);
}

app.UseDraining();
app.UseProxies();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseBareStatusCodesForApis();
app.UseSecurityHeaders();
app.UseRequestLogging();
app.UseAuthentication();
app.UseAuthorization();
app.UseMembership();
app.UseSharing();
app.UseRateLimiter();
app.UseAntiforgery();
app.UseReadingCache();
app.UseLoadShedding();
app.UseCircuitLimit();

app.MapApiDescription();
app.MapHealth();
app.MapAntiforgeryToken();
app.MapAccounts();
app.MapAnnotations();
app.MapAttachments();
app.MapImport();
app.MapNotes();
app.MapSharing();
app.MapVideo();
app.MapTranscripts();
app.MapGraph();
app.MapSearch();
app.MapSync();
app.MapStaticAssets().ExemptFromLoadShedding();
// Our own policy (SecurityHeaders) already says frame-ancestors 'self' with everything else.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(server => server.ContentSecurityFrameAncestorsPolicy = null);

await app.RunAsync();
return 0;

public partial class Program;
