namespace StudyHub.Web.Features.Notes;

/// Where a lecture stands in its course, for listing a course's lectures in the order they are taught: the number its
/// front matter gives (order: or lecture:), then its path with numbers read as numbers ("Week 2" before "Week 10"),
/// then its date. An import gives every note the same date, so the date only separates what nothing else does.
public sealed record CoursePlace(double? Number, string Path, DateTimeOffset UpdatedAt)
{
    static readonly string[] NumberFields = ["order", "lecture"];

    public static CoursePlace Of(NoteMetadata metadata, string path, DateTimeOffset updatedAt) =>
        new(NumberFields.Select(metadata.Number).FirstOrDefault(n => n is not null), path, updatedAt);

    public static readonly IComparer<CoursePlace> Order = Comparer<CoursePlace>.Create(Compare);

    static int Compare(CoursePlace? one, CoursePlace? other)
    {
        if (one is null || other is null)
        {
            return one is null ? (other is null ? 0 : -1) : 1;
        }
        // A numbered lecture comes before one the vault did not number.
        var byNumber = (one.Number, other.Number) switch
        {
            ({ } mine, { } theirs) => mine.CompareTo(theirs),
            (not null, null) => -1,
            (null, not null) => 1,
            _ => 0,
        };
        if (byNumber != 0)
        {
            return byNumber;
        }
        var byPath = ComparePaths(one.Path, other.Path);
        return byPath != 0 ? byPath : one.UpdatedAt.CompareTo(other.UpdatedAt);
    }

    /// Runs of digits compare by value, the rest without case, then ordinally so that no two paths tie.
    public static int ComparePaths(string left, string right)
    {
        int i = 0, j = 0;
        while (i < left.Length && j < right.Length)
        {
            if (char.IsAsciiDigit(left[i]) && char.IsAsciiDigit(right[j]))
            {
                var leftRun = DigitRun(left, ref i);
                var rightRun = DigitRun(right, ref j);
                var byValue = leftRun.Length != rightRun.Length ? leftRun.Length.CompareTo(rightRun.Length) : string.CompareOrdinal(leftRun, rightRun);
                if (byValue != 0)
                {
                    return byValue;
                }
                continue;
            }
            var byChar = char.ToLowerInvariant(left[i]).CompareTo(char.ToLowerInvariant(right[j]));
            if (byChar != 0)
            {
                return byChar;
            }
            i++;
            j++;
        }
        var byRest = (left.Length - i).CompareTo(right.Length - j);
        return byRest != 0 ? byRest : string.CompareOrdinal(left, right);
    }

    static string DigitRun(string text, ref int index)
    {
        var start = index;
        while (index < text.Length && char.IsAsciiDigit(text[index]))
        {
            index++;
        }
        return text[start..index].TrimStart('0');
    }
}
