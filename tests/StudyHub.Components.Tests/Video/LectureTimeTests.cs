using StudyHub.Web.Features.Video;

namespace StudyHub.Components.Tests.Video;

public class LectureTimeTests
{
    [Theory]
    [InlineData("1680", 1680)]
    [InlineData("0", 0)]
    [InlineData(" 1680 ", 1680)]
    [InlineData("1680s", 1680)]
    [InlineData("28:00", 1680)]
    [InlineData("0:05", 5)]
    [InlineData("90:00", 5400)]
    [InlineData("1:02:03", 3723)]
    [InlineData("28m00s", 1680)]
    [InlineData("28m", 1680)]
    [InlineData("28M0S", 1680)]
    [InlineData("1h2m3s", 3723)]
    [InlineData("1h", 3600)]
    [InlineData("2h5s", 7205)]
    public void ReadsTimesAsWrittenInLinks(string text, int seconds)
    {
        Assert.Equal(seconds, LectureTime.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("-5")]
    [InlineData("28:0")]
    [InlineData("28:60")]
    [InlineData("1:60:00")]
    [InlineData("1:2:3")]
    [InlineData("::")]
    [InlineData("28.5")]
    [InlineData("h")]
    [InlineData("s")]
    [InlineData("3s2m")]
    [InlineData("28 minutes")]
    [InlineData("١٢")]
    [InlineData("99999999999")]
    [InlineData("100000h")]
    [InlineData("<script>")]
    public void RefusesWhatIsNotATime(string? text)
    {
        Assert.Null(LectureTime.Parse(text));
    }

    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(5, "0:05")]
    [InlineData(1680, "28:00")]
    [InlineData(3723, "1:02:03")]
    public void FormatsTimesAsANoteWritesThem(int seconds, string text)
    {
        Assert.Equal(text, LectureTime.Format(seconds));
    }
}
