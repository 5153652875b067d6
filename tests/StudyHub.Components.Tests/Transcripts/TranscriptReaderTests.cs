using System.Text;
using StudyHub.Web.Features.Transcripts;

namespace StudyHub.Components.Tests.Transcripts;

/// Caption files in, cues out: each cue reads "start-end text" (milliseconds), with "speaker: " when the file names one.
public class TranscriptReaderTests
{
    [Theory]
    [InlineData("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHello there", "1000-4000 Hello there")]
    [InlineData("\uFEFFWEBVTT\n\n00:01.500 --> 00:03.250\nNo hours", "1500-3250 No hours")]
    [InlineData("1\r\n00:00:01,000 --> 00:00:02,500\r\nSRT with commas\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nSecond\r\n",
        "1000-2500 SRT with commas|3000-4000 Second")]
    [InlineData("\uFEFF1\n00:00:01,000 --> 00:00:02,000\nSRT with a BOM", "1000-2000 SRT with a BOM")]
    [InlineData("WEBVTT - a title\nKind: captions\n\nNOTE written by hand\nacross lines\n\nSTYLE\n::cue { color: red }\n\nREGION\nid:left\n\n"
        + "intro\n00:00:01.000 --> 00:00:02.000 align:start position:10%\nAfter the header", "1000-2000 After the header")]
    [InlineData("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Dr. Lee>Attention is <i>all</i> you <c.yellow>need</c>",
        "1000-2000 Dr. Lee: Attention is all you need")]
    [InlineData("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v.loud Ana>Louder</v>", "1000-2000 Ana: Louder")]
    [InlineData("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nTwo\nlines <00:00:02.000>timed", "1000-3000 Two lines timed")]
    [InlineData("1\n00:00:01,000 --> 00:00:02,000\n<font color=\"red\">{\\an8}Q &amp; A &lt;script&gt;</font>", "1000-2000 Q & A <script>")]
    [InlineData("WEBVTT\n\n00:00:05.000 --> 00:00:09.000\nLater but first in the file\n\n00:00:01.000 --> 00:00:06.000\nOverlaps it",
        "1000-6000 Overlaps it|5000-9000 Later but first in the file")]
    [InlineData("WEBVTT\n\n01:02:03.4 --> 01:02:04.45\nShort fractions", "3723400-3724450 Short fractions")]
    [InlineData("1\n00:00:01 --> 00:00:02\nNo millis", "1000-2000 No millis")]
    [InlineData("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\n00:00:03.000 --> 00:00:04.000\nThe empty cue goes", "3000-4000 The empty cue goes")]
    [InlineData("", "")]
    public void ReadsCues(string file, string expected)
    {
        var read = TranscriptReader.Read(file);

        Assert.Equal(expected, string.Join('|', read.Cues.Select(Shown)));
        Assert.Empty(read.Problems);
    }

    [Theory]
    [InlineData("WEBVTT\n\njust some words\n\n00:00:01.000 --> 00:00:02.000\nKept", "1000-2000 Kept", "Line 3: not a cue")]
    [InlineData("WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nEnds before it starts\n\n00:00:06.000 --> 00:00:07.000\nKept", "6000-7000 Kept", "Line 3: not a cue")]
    [InlineData("WEBVTT\n\n00:00:01.000 --> 00:99:02.000\nNo such minute\n\nx\ny\n\n00:00:06.000 --> 00:00:07.000\nKept", "6000-7000 Kept",
        "2 blocks were not cues (no valid \"start --> end\" time) and were skipped, the first at line 3.")]
    [InlineData("\u0000\u0001garbage\u00FF --> ???\n", "", "Line 1: not a cue")]
    public void SkipsWhatIsNotACueAndSaysWhere(string file, string expected, string problem)
    {
        var read = TranscriptReader.Read(file);

        Assert.Equal(expected, string.Join('|', read.Cues.Select(Shown)));
        Assert.StartsWith(problem, Assert.Single(read.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void KeepsTheFirstCuesOfAHugeFileAndSaysSo()
    {
        var file = new StringBuilder("WEBVTT\n\n");
        for (var i = 0; i < TranscriptReader.MaxCues + 5; i++)
        {
            file.Append(Clock(i)).Append(" --> ").Append(Clock(i + 1)).Append("\nword ").Append(i).Append("\n\n");
        }

        var read = TranscriptReader.Read(file.ToString());

        Assert.Equal(TranscriptReader.MaxCues, read.Cues.Count);
        Assert.Equal($"word {TranscriptReader.MaxCues - 1}", read.Cues[^1].Text);
        Assert.Equal($"Only the first {TranscriptReader.MaxCues:N0} cues were kept; the rest of the file was not read.", Assert.Single(read.Problems));
    }

    [Fact]
    public void RefusesAFileOverTheSizeLimitWithoutReadingIt()
    {
        var read = TranscriptReader.Read(new byte[TranscriptReader.MaxBytes + 1]);

        Assert.Empty(read.Cues);
        Assert.Equal("Not read: the file is 4 MB, over the limit of 4 MB for a transcript.", Assert.Single(read.Problems));
    }

    static string Clock(int seconds) => TimeSpan.FromSeconds(seconds).ToString(@"hh\:mm\:ss\.fff", System.Globalization.CultureInfo.InvariantCulture);

    static string Shown(SpokenCue cue) => $"{cue.Start}-{cue.End} {(cue.Speaker is null ? "" : cue.Speaker + ": ")}{cue.Text}";
}
