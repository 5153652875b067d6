using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using StudyHub.Markdown;
using StudyHub.Web.Features.Notes;
using StudyHub.Web.Features.Notes.Components;

namespace StudyHub.Components.Tests.Notes;

public class NotePartsTests : BunitContext
{
    [Fact]
    public void ContentsListEveryHeadingIndentedByLevelOnTheNotesOwnAddress()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/notes/multimodal-deep-learning");
        var contents = Render<ContentsNav>(p => p.Add(x => x.Entries,
            [new OutlineHeading(2, "why-does-multimodality-matter", "Why does MultiModality matter?"), new OutlineHeading(3, "fusion", "Fusion")]));

        contents.MarkupMatches("""
            <nav class="toc" aria-labelledby="toc-title">
              <details open>
                <summary><h2 id="toc-title">Contents</h2></summary>
                <ol>
                  <li class="toc-level-2"><a href="/notes/multimodal-deep-learning#why-does-multimodality-matter">Why does MultiModality matter?</a></li>
                  <li class="toc-level-3"><a href="/notes/multimodal-deep-learning#fusion">Fusion</a></li>
                </ol>
              </details>
            </nav>
            """);
    }

    [Fact]
    public void ASingleHeadingMakesNoContents()
    {
        var contents = Render<ContentsNav>(p => p.Add(x => x.Entries, [new OutlineHeading(2, "only", "Only")]));

        contents.MarkupMatches("");
    }

    [Fact]
    public void LinkedMentionsGroupSentencesByNote()
    {
        var mentions = Render<LinkedMentions>(p => p.Add(x => x.Backlinks,
        [
            new Backlink("Multimodal Deep Learning", "cs224n/lectures/multimodal-deep-learning", "Contrastive models, eg CLIP"),
            new Backlink("Multimodal Deep Learning", "cs224n/lectures/multimodal-deep-learning", "Quickly after CLIP, a paper from Google called ALIGN"),
            new Backlink("ALIGN", "cs224n/models/align", ""),
        ]));

        mentions.MarkupMatches("""
            <section class="backlinks" aria-labelledby="backlinks-title">
              <h2 id="backlinks-title">Linked mentions</h2>
              <ul>
                <li>
                  <a href="/notes/cs224n/lectures/multimodal-deep-learning">Multimodal Deep Learning</a>
                  <ul class="mention-context">
                    <li>Contrastive models, eg CLIP</li>
                    <li>Quickly after CLIP, a paper from Google called ALIGN</li>
                  </ul>
                </li>
                <li><a href="/notes/cs224n/models/align">ALIGN</a><ul class="mention-context"></ul></li>
              </ul>
            </section>
            """);
    }

    [Fact]
    public void NoMentionsSaysSo()
    {
        var mentions = Render<LinkedMentions>(p => p.Add(x => x.Backlinks, []));

        Assert.Equal("No other note links here yet.", mentions.Find("p.empty").TextContent);
    }

    [Fact]
    public void OutgoingLinksMarkNotesNotYetWritten()
    {
        var links = Render<OutgoingLinks>(p => p.Add(x => x.Links,
            [new OutgoingLink("CLIP", "/notes/clip", Exists: true), new OutgoingLink("Transformer", "/concepts/transformer", Exists: false)]));

        links.MarkupMatches("""
            <section class="outgoing" aria-labelledby="outgoing-title">
              <h2 id="outgoing-title">Links from this note</h2>
              <ul class="link-cloud">
                <li><a class="wikilink" href="/notes/clip">CLIP</a></li>
                <li><a class="wikilink unresolved" href="/concepts/transformer" title="Not yet written">Transformer</a></li>
              </ul>
            </section>
            """);
    }

    [Fact]
    public void UserTextInMentionsIsNeverMarkup()
    {
        var mentions = Render<LinkedMentions>(p => p.Add(x => x.Backlinks,
            [new Backlink("<img src=x onerror=alert(1)>", "evil", "<script>alert(1)</script>")]));

        Assert.Empty(mentions.FindAll("img"));
        Assert.Empty(mentions.FindAll("script"));
        Assert.Contains("<script>alert(1)</script>", mentions.Find(".mention-context li").TextContent, StringComparison.Ordinal);
    }
}
