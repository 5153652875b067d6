using AngleSharp.Html.Parser;
using StudyHub.Web.Data;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Sharing;

/// What a share link's holder sees of its note: that note alone. Links and embeds stay inside a vault, so every
/// other note it links to, is linked from or embeds is members-only like itself and not the holder's to read.
public static class SharedNote
{
    public static NotePageModel For(NotePageModel note, ReadAccess access) => access.MayReadVault(note.MembersOnly) ? note : note with
    {
        Html = WithEmbeddedNotesWithheld(note.Html),
        // Derived from the text with its embeds in it.
        Description = note.Title,
        Backlinks = [],
        Outgoing = [.. note.Outgoing.Where(link => !link.Exists)],
    };

    /// Each embedded note (with whatever it embeds in turn) becomes a notice; the note's own text stays as it is.
    static string WithEmbeddedNotesWithheld(string html)
    {
        if (!html.Contains("class=\"embed-note\"", StringComparison.Ordinal))
        {
            return html;
        }
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        foreach (var embed in document.Body!.QuerySelectorAll("div.embed-note").Where(e => e.ParentElement?.Closest("div.embed-note") is null).ToList())
        {
            var notice = document.CreateElement("p");
            notice.ClassName = "embed-notice";
            notice.TextContent = "An embedded note is for members only.";
            embed.Replace(notice);
        }
        return document.Body.InnerHtml;
    }
}
