using Microsoft.EntityFrameworkCore;
using StudyHub.Markdown;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Import;
using Attachment = StudyHub.Web.Features.Attachments.Attachment;

namespace StudyHub.Web.Features.Papers;

public static class PaperStore
{
    /// Reads the pages and title of the vault's PDFs that are new or changed, or not read yet (stored before papers or
    /// their titles were read, or unreadable last time, which the report then says again). A PDF that cannot be read is named
    /// in the report and leaves the rest of the import as it is.
    public static async Task ReadAsync(StudyHubDbContext db, IReadOnlyDictionary<string, Attachment> attachments,
        VaultFiles files, IEnumerable<SourceAttachment> changed, ImportReport report, CancellationToken cancellationToken)
    {
        var papers = attachments.Values.Where(a => StudyHub.Markdown.Attachments.KindOf(a.Path) == MediaKind.Pdf).ToList();
        if (papers.Count == 0)
        {
            return;
        }
        var ids = papers.ConvertAll(a => a.Id);
        var read = await db.PaperTitles.Where(t => ids.Contains(t.AttachmentId)).Select(t => t.AttachmentId).ToHashSetAsync(cancellationToken);
        var changedPaths = changed.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var due = papers.Where(a => changedPaths.Contains(a.Path) || !read.Contains(a.Id)).OrderBy(a => a.Path, StringComparer.Ordinal).ToList();
        var pages = new List<PaperPage>();
        var titles = new List<PaperTitle>();
        foreach (var paper in due)
        {
            var text = PaperText.Read(files.Read(paper.Path));
            if (text.Problem is { } problem)
            {
                report.Warnings.Add(new ImportWarning(paper.Path, null, problem));
                continue;
            }
            report.Papers.Add(new ReadPaper(paper.Path, text.Pages.Count));
            titles.Add(new PaperTitle { AttachmentId = paper.Id, Title = text.Title });
            pages.AddRange(text.Pages.Select((content, index) => new PaperPage { AttachmentId = paper.Id, Number = index + 1, Text = content }));
        }
        var replaced = due.ConvertAll(a => a.Id);
        await db.PaperPages.Where(p => replaced.Contains(p.AttachmentId)).ExecuteDeleteAsync(cancellationToken);
        await db.PaperTitles.Where(t => replaced.Contains(t.AttachmentId)).ExecuteDeleteAsync(cancellationToken);
        await BulkInsert.CopyAsync(db, pages, cancellationToken);
        await BulkInsert.CopyAsync(db, titles, cancellationToken);
    }
}
