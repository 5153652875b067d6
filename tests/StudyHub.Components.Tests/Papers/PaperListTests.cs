using StudyHub.Web.Features.Papers;

namespace StudyHub.Components.Tests.Papers;

public class PaperListTests : BunitContext
{
    [Fact]
    public void EachPaperShowsItsTitleAndWhereItIsRead()
    {
        var list = Render<PaperList>(p => p.Add(x => x.Papers, [
            new PaperLink("Attention Is All You Need", "https://arxiv.org/abs/1706.03762"),
            new PaperLink("The Transformer", "/attachments/abc/attention.pdf", InViewer: true),
            new PaperLink("Orca 2", null),
        ]));

        list.MarkupMatches("""
            <ul class="note-papers" aria-label="Papers">
              <li><span class="note-papers-label">Paper:</span> <a href="https://arxiv.org/abs/1706.03762" rel="noopener noreferrer"><cite>Attention Is All You Need</cite></a></li>
              <li><span class="note-papers-label">Paper:</span> <a class="pdf" href="/attachments/abc/attention.pdf"><cite>The Transformer</cite></a></li>
              <li><span class="note-papers-label">Paper:</span> <cite>Orca 2</cite></li>
            </ul>
            """);
    }

    [Fact]
    public void ANoteWithoutPapersShowsNoList() =>
        Assert.Empty(Render<PaperList>(p => p.Add(x => x.Papers, [])).Markup.Trim());
}
