using StudyHub.Web.Features.Notes;

namespace StudyHub.Components.Tests.Notes;

public class CoursePlaceTests
{
    static readonly DateTimeOffset Imported = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NumbersInPathsCompareByValue()
    {
        string[] paths = ["Week 10/Lecture 1.md", "Week 2/Lecture 12.md", "Week 2/Lecture 3.md", "Week 02/Lecture 4.md", "Intro.md"];

        var ordered = paths.Order(Comparer<string>.Create(CoursePlace.ComparePaths));

        Assert.Equal(["Intro.md", "Week 2/Lecture 3.md", "Week 02/Lecture 4.md", "Week 2/Lecture 12.md", "Week 10/Lecture 1.md"], ordered);
    }

    [Fact]
    public void TheFrontMattersNumberComesBeforeThePath()
    {
        var places = new[]
        {
            Place("""{"lecture": 2}""", "B Attention.md"),
            Place("{}", "A Appendix.md"),
            Place("""{"order": "1"}""", "Z Welcome.md"),
        };

        Assert.Equal(["Z Welcome.md", "B Attention.md", "A Appendix.md"], places.Order(CoursePlace.Order).Select(p => p.Path));
    }

    [Fact]
    public void TheDateOnlySeparatesWhatNothingElseDoes()
    {
        var later = new CoursePlace(null, "Lecture.md", Imported.AddDays(1));
        var earlier = new CoursePlace(null, "Lecture.md", Imported);

        Assert.Equal([earlier, later], new[] { later, earlier }.Order(CoursePlace.Order));
        Assert.True(CoursePlace.Order.Compare(new CoursePlace(null, "Lecture 1.md", Imported.AddDays(1)), new CoursePlace(null, "Lecture 2.md", Imported)) < 0);
    }

    static CoursePlace Place(string frontMatter, string path) => CoursePlace.Of(NoteMetadata.Parse(frontMatter), path, Imported);
}
