using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using StudyHub.Web.Features.Video;

namespace StudyHub.Components.Tests.Video;

public class TimelineStripTests : BunitContext
{
    public TimelineStripTests() =>
        Services.GetRequiredService<NavigationManager>().NavigateTo("/notes/multimodal-deep-learning?t=60");

    [Fact]
    public void MarkersStandWhereTheirTimesFallInTheLecture()
    {
        var strip = Render<TimelineStrip>(p => p
            .Add(x => x.Markers, [new TimelineMarker(3000, "Contrastive models", "ts-2"), new TimelineMarker(1680, "Pick back up at 28:00", "ts-1")])
            .Add(x => x.Duration, 3600));

        strip.MarkupMatches("""
            <nav class="timeline" aria-label="Times in this note" data-timeline data-duration="3600">
              <ol class="timeline-markers">
                <li class="timeline-marker" data-kind="timestamp" style="--at: 46.667%">
                  <a href="/notes/multimodal-deep-learning?t=1680#ts-1" data-seconds="1680"><time datetime="PT1680S">28:00</time> <span class="timeline-label">Pick back up at 28:00</span></a>
                </li>
                <li class="timeline-marker" data-kind="timestamp" style="--at: 83.333%">
                  <a href="/notes/multimodal-deep-learning?t=3000#ts-2" data-seconds="3000"><time datetime="PT3000S">50:00</time> <span class="timeline-label">Contrastive models</span></a>
                </li>
              </ol>
              <p class="timeline-readout" aria-hidden="true"><span class="timeline-passage" data-timeline-passage></span> <span class="timeline-now" data-timeline-now></span></p>
            </nav>
            """);
    }

    [Fact]
    public void MarkersWaitForThePlayerWhenTheLengthIsUnknown()
    {
        var strip = Render<TimelineStrip>(p => p.Add(x => x.Markers, [new TimelineMarker(5, "Intro")]));

        strip.MarkupMatches("""
            <nav class="timeline" aria-label="Times in this note" data-timeline>
              <ol class="timeline-markers">
                <li class="timeline-marker" data-kind="timestamp">
                  <a href="/notes/multimodal-deep-learning?t=5" data-seconds="5"><time datetime="PT5S">0:05</time> <span class="timeline-label">Intro</span></a>
                </li>
              </ol>
              <p class="timeline-readout" aria-hidden="true"><span class="timeline-passage" data-timeline-passage></span> <span class="timeline-now" data-timeline-now></span></p>
            </nav>
            """);
    }

    [Fact]
    public void MarkersOfALaterRecordingPlayThatRecording()
    {
        var strip = Render<TimelineStrip>(p => p.Add(x => x.Markers, [new TimelineMarker(95, "The guest smiles")]).Add(x => x.Recording, 1));

        Assert.Equal("/notes/multimodal-deep-learning?recording=2&t=95", strip.Find(".timeline-marker a").GetAttribute("href"));
    }

    [Fact]
    public void MarkerPastTheEndStaysOnTheStrip()
    {
        var strip = Render<TimelineStrip>(p => p
            .Add(x => x.Markers, [new TimelineMarker(4000, "Questions")])
            .Add(x => x.Duration, 3600));

        Assert.Equal("--at: 100%", strip.Find(".timeline-marker").GetAttribute("style"));
    }

    [Fact]
    public void NoteWithoutTimesHasNoTimeline()
    {
        var strip = Render<TimelineStrip>(p => p.Add(x => x.Markers, []));

        strip.MarkupMatches(string.Empty);
    }
}
