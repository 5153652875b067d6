namespace StudyHub.Markdown.Tests;

public class TimestampRecognizerTests
{
    [Theory]
    [InlineData("28:00", 1680)]
    [InlineData("0:05", 5)]
    [InlineData("9:59", 599)]
    [InlineData("59:59", 3599)]
    [InlineData("1:02:03", 3723)]
    [InlineData("12:00:00", 43200)]
    [InlineData("(Pick back up at 28:00)", 1680)]
    [InlineData("[12:34]", 754)]
    [InlineData("@12:34", 754)]
    [InlineData("at 12:34, he says", 754)]
    [InlineData("12:34.", 754)]
    [InlineData("from 1:00 to", 60)]
    public void TimeInProseIsRecognised(string text, int seconds)
    {
        var match = Assert.Single(TimestampRecognizer.FindAll(text));

        Assert.Equal(seconds, match.Seconds);
    }

    [Theory]
    [InlineData("3:2")]
    [InlineData("16:9")]
    [InlineData("a 2:1 win")]
    [InlineData("a 2:10 win")]
    [InlineData("10:30 am")]
    [InlineData("10:30pm")]
    [InlineData("at 10:30 AM")]
    [InlineData("10:30 p.m.")]
    [InlineData("1:2:3:4")]
    [InlineData("01:02:03:04")]
    [InlineData("60:00")]
    [InlineData("1:60")]
    [InlineData("1:02:60")]
    [InlineData("123:45")]
    [InlineData("12:345")]
    [InlineData("Pasted image 20240417002242.png")]
    [InlineData("localhost:8080")]
    [InlineData("v1:30")]
    [InlineData("file_12:30")]
    [InlineData("/path/12:30")]
    [InlineData("1:30.5")]
    [InlineData("12:30/45")]
    public void LookAlikeIsNotATime(string text) => Assert.Empty(TimestampRecognizer.FindAll(text));

    [Fact]
    public void MatchReportsPosition()
    {
        var matches = TimestampRecognizer.FindAll("at 1:00 and 2:00:00");

        Assert.Equal([new TimestampMatch(3, 4, 60), new TimestampMatch(12, 7, 7200)], matches);
    }
}
