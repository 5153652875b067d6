using StudyHub.Web.Features.Transcripts;

namespace StudyHub.Components.Tests.Transcripts;

public class TranscriptPanelTests : BunitContext
{
    [Fact]
    public void CuesAreLinksToTheirMomentWithTheirWordsAsText()
    {
        var panel = Render<TranscriptPanel>(p => p
            .Add(x => x.Address, "course/week-1")
            .Add(x => x.Cues, [new SpokenLine(3_723_400, 3_725_000, "Hello <b>there</b>", "Dr. Lee"), new SpokenLine(5, 900, "Before", null)]));

        panel.MarkupMatches("""
            <details class="transcript" open data-transcript="course/week-1" data-recording="0">
              <summary>Transcript</summary>
              <div class="transcript-tools" data-transcript-tools hidden>
                <input type="search" aria-label="Search the transcript" placeholder="Search the transcript" data-transcript-search />
                <button type="button" data-transcript-follow hidden>Follow the recording</button>
                <p class="transcript-status" role="status" data-transcript-status></p>
              </div>
              <ol class="transcript-cues" data-transcript-cues>
                <li>
                  <a class="transcript-cue" href="/notes/course/week-1?t=3723" data-seconds="3723.4" data-start="3723400" data-end="3725000">
                    <time datetime="PT3723S">1:02:03</time>
                    <span class="transcript-words"><strong class="transcript-speaker">Dr. Lee: </strong>Hello &lt;b&gt;there&lt;/b&gt;</span>
                  </a>
                </li>
                <li>
                  <a class="transcript-cue" href="/notes/course/week-1?t=0" data-seconds="0.005" data-start="5" data-end="900">
                    <time datetime="PT0S">0:00</time>
                    <span class="transcript-words">Before</span>
                  </a>
                </li>
              </ol>
            </details>
            """);
    }

    [Fact]
    public void NothingShowsWithoutATranscript()
    {
        var panel = Render<TranscriptPanel>(p => p.Add(x => x.Address, "course/week-1").Add(x => x.Cues, []));

        Assert.Empty(panel.Markup.Trim());
    }
}
