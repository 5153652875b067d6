using StudyHub.Web.Features.Notes;

namespace StudyHub.Components.Tests.Notes;

public class CoursePlaceTests
{
    [Fact]
    public void NumbersInPathsCompareByValue()
    {
        string[] paths = ["Week 10/Lecture 1.md", "Week 2/Lecture 12.md", "Week 2/Lecture 3.md", "Week 02/Lecture 4.md", "Intro.md", "week 2/Lecture 5.md"];

        var ordered = paths.OrderBy(path => Place("{}", path), StringComparer.Ordinal);

        Assert.Equal(["Intro.md", "Week 2/Lecture 3.md", "Week 02/Lecture 4.md", "week 2/Lecture 5.md", "Week 2/Lecture 12.md", "Week 10/Lecture 1.md"], ordered);
    }

    [Fact]
    public void TheFrontMattersNumberComesBeforeThePath()
    {
        (string FrontMatter, string Path)[] notes =
        [
            ("""{"lecture": 2}""", "B Attention.md"),
            ("{}", "A Appendix.md"),
            ("""{"order": "1"}""", "Z Welcome.md"),
            ("""{"order": -3.5}""", "Y Before the course.md"),
            ("""{"lecture": 10}""", "C Wrapping up.md"),
        ];

        var ordered = notes.OrderBy(n => Place(n.FrontMatter, n.Path), StringComparer.Ordinal).Select(n => n.Path);

        Assert.Equal(["Y Before the course.md", "Z Welcome.md", "B Attention.md", "C Wrapping up.md", "A Appendix.md"], ordered);
    }

    [Fact]
    public void APathThatStartsAnotherComesFirstAndNoTwoPlacesTie()
    {
        var shorter = Place("{}", "Lecture.md");
        var longer = Place("{}", "Lecture.md.old.md");
        var twin = CoursePlace.Of(NoteMetadata.Parse("{}"), "Lecture.md", Guid.CreateVersion7());

        Assert.True(string.CompareOrdinal(shorter, longer) < 0);
        Assert.NotEqual(shorter, twin);
    }

    static string Place(string frontMatter, string path) => CoursePlace.Of(NoteMetadata.Parse(frontMatter), path, Guid.Empty);
}
