using StudyHub.Web.Features.Video;

namespace StudyHub.Components.Tests.Video;

public class LecturePartsTests
{
    static readonly FoundMedia NoteRecording = new("https://www.youtube.com/watch?v=5vfIT5LOkR0", Line: null);

    [Fact]
    public void BreaksAroundTheOpeningLinesDoNotSplitTheLecture()
    {
        // The seed: rules on lines 6 and 10 frame the intro, the first heading is on 17, the interview starts after line 190.
        var seeks = LectureParts.Bind([NoteRecording], breakLines: [6, 10, 190], firstHeadingLine: 17, timeLines: [8, 45, 200]);

        Assert.Equal([0, 0, null], seeks);
    }

    [Fact]
    public void APartWithItsOwnRecordingSeeksThatOne()
    {
        var interview = new FoundMedia("/attachments/abc/interview.mp3", Line: 120);

        var seeks = LectureParts.Bind([NoteRecording, interview], breakLines: [100], firstHeadingLine: 3, timeLines: [50, 130]);

        Assert.Equal([0, 1], seeks);
    }

    [Fact]
    public void ANoteWithoutHeadingsIsOnePart()
    {
        var seeks = LectureParts.Bind([NoteRecording], breakLines: [5, 40], firstHeadingLine: null, timeLines: [2, 20, 60]);

        Assert.Equal([0, 0, 0], seeks);
    }

    [Fact]
    public void WithoutRecordingsTimesSeekNothing()
    {
        var seeks = LectureParts.Bind([], breakLines: [], firstHeadingLine: 1, timeLines: [4, 9]);

        Assert.Equal([null, null], seeks);
    }

    [Fact]
    public void AnEmbeddedRecordingInTheFirstPartServesTheNoteWhenNothingElseDoes()
    {
        var embedded = new FoundMedia("/attachments/abc/lecture.webm", Line: 1);

        var seeks = LectureParts.Bind([embedded], breakLines: [], firstHeadingLine: null, timeLines: [3]);

        Assert.Equal([0], seeks);
    }
}
