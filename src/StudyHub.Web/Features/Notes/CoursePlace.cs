using System.Globalization;
using System.Text;

namespace StudyHub.Web.Features.Notes;

/// Where a lecture stands in its course, as a key whose ordinal order is the order the lectures are taught: the number
/// its front matter gives (order: or lecture:), then its path with numbers read as numbers ("Week 2" before "Week 10")
/// and letters without case, then the note's id so that no two keys tie. Kept in the note (Note.CoursePlace) so that
/// PostgreSQL pages a course's lectures from an index; compared in the "C" collation there, ordinally here.
public static class CoursePlace
{
    static readonly string[] NumberFields = ["order", "lecture"];

    /// The start of the path that orders lectures; the rest only breaks ties, and the key stays small enough to index.
    const int OrderedPathLength = 400;

    public static string Of(NoteMetadata metadata, string path, Guid noteId)
    {
        var key = new StringBuilder();
        // A numbered lecture comes before one the vault did not number.
        if (NumberFields.Select(metadata.Number).FirstOrDefault(n => n is not null) is { } number)
        {
            key.Append('0').Append(SortableBits(number).ToString("X16", CultureInfo.InvariantCulture));
        }
        else
        {
            key.Append('1');
        }
        var ordered = path.Length > OrderedPathLength ? path[..OrderedPathLength] : path;
        for (var i = 0; i < ordered.Length;)
        {
            if (char.IsAsciiDigit(ordered[i]))
            {
                // A run of digits is written as its length and then its digits, so a longer number sorts later.
                var start = i;
                while (i < ordered.Length && char.IsAsciiDigit(ordered[i]))
                {
                    i++;
                }
                var digits = ordered[start..i].TrimStart('0');
                key.Append(digits.Length.ToString("D4", CultureInfo.InvariantCulture)).Append(digits);
                continue;
            }
            key.Append(char.ToLowerInvariant(ordered[i]));
            i++;
        }
        // Below every character a path holds, so a path that is the start of another comes first.
        return key.Append('\u0001').Append(noteId.ToString("N")).ToString();
    }

    /// A double's bits, rearranged so that they compare as unsigned numbers in the order the doubles do.
    static ulong SortableBits(double number)
    {
        var bits = (ulong)BitConverter.DoubleToInt64Bits(number == 0 ? 0 : number);
        return (bits & (1UL << 63)) != 0 ? ~bits : bits | (1UL << 63);
    }
}
