using System.Globalization;
using System.Text.RegularExpressions;
using StudyHub.Web.Features.Notes;

namespace StudyHub.Web.Features.Video;

/// A moment in a lecture recording, as written in links: "1680", "1680s", "28:00", "1:02:03", "28m00s", "1h2m3s".
public static partial class LectureTime
{
    public static int? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 32)
        {
            return null;
        }
        text = text.Trim();
        var clock = Clock().Match(text);
        if (clock.Success)
        {
            return Seconds(clock.Groups["h"], clock.Groups["m"], clock.Groups["s"]);
        }
        var units = Units().Match(text);
        // Every group of the units pattern is optional, so an empty match ("", "h") must not count as zero.
        if (units.Success && (units.Groups["h"].Success || units.Groups["m"].Success || units.Groups["s"].Success))
        {
            return Seconds(units.Groups["h"], units.Groups["m"], units.Groups["s"]);
        }
        return null;
    }

    /// A recording's length as its note's front matter gives it ("duration: 1:18:00"), in seconds.
    public static int? DurationOf(NoteMetadata metadata) =>
        metadata.Number("duration") is double seconds and > 0 ? (int)seconds : Parse(metadata.Text("duration"));

    /// "28:00", "1:02:03": how a time reads in a note.
    public static string Format(int seconds)
    {
        var time = TimeSpan.FromSeconds(seconds);
        return time.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours}:{time.Minutes:00}:{time.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{time.Minutes}:{time.Seconds:00}");
    }

    // The patterns allow at most 5 digits of hours and minutes and 9 of seconds, which keeps the sum within an int.
    static int Seconds(Group hours, Group minutes, Group seconds) => Value(hours) * 3600 + Value(minutes) * 60 + Value(seconds);

    static int Value(Group group) =>
        group.Success ? int.Parse(group.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(?<s>[0-9]{1,9})$|^(?<m>[0-9]{1,5}):(?<s>[0-5][0-9])$|^(?<h>[0-9]{1,5}):(?<m>[0-5][0-9]):(?<s>[0-5][0-9])$")]
    private static partial Regex Clock();

    [GeneratedRegex(@"^(?:(?<h>[0-9]{1,5})h)?(?:(?<m>[0-9]{1,5})m)?(?:(?<s>[0-9]{1,9})s)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Units();
}
