namespace StudyHub.Web.Features.Annotations;

/// What the discussion accepts, written once: the API and the panel refuse anything past these (Problems).
public static class DiscussionLimits
{
    public const int Body = 10_000;
    public const int Quote = 2_000;

    /// The text kept on either side of a selection, to tell repeated passages apart.
    public const int Context = 64;
    public const int Heading = 300;

    /// A day: longer than any lecture, and far from where arithmetic on seconds overflows.
    public const int MediaSeconds = 24 * 60 * 60;
}

/// The fields of a request that break the limits, each with a sentence saying what is accepted; empty when none do.
public sealed class Problems : Dictionary<string, string[]>
{
    public Problems Check(string field, bool broken, string message)
    {
        if (broken)
        {
            this[field] = [.. this.GetValueOrDefault(field, []), message];
        }
        return this;
    }

    public Problems Body(string? body) =>
        Check("body", string.IsNullOrWhiteSpace(body) || body.Length > DiscussionLimits.Body, $"Write 1 to {DiscussionLimits.Body} characters.");

    public Problems Visibility(string? name, out AnnotationVisibility visibility) =>
        Check("visibility", !AnnotationsFeature.TryVisibility(name, out visibility), VisibilityChoices);

    /// The client's id for a new post (DiscussionChanges.PostOnceAsync): the empty one is what a client that forgot to
    /// make one sends, and taking it would make that client's every later post a repeat of its first.
    public Problems PostId(Guid? id) =>
        Check("id", id == Guid.Empty, "Send a new random UUID for each post, or no id.");

    /// A time in the recording as a reader types it ("28:00", "1:02:03", "95"); empty is none.
    public Problems Time(string text, out int? seconds)
    {
        seconds = string.IsNullOrWhiteSpace(text) ? null : Video.LectureTime.Parse(text);
        return Check("mediaSeconds", seconds is null && !string.IsNullOrWhiteSpace(text), "Write the time as mm:ss, h:mm:ss or seconds.")
            .MediaSeconds(seconds);
    }

    public Problems MediaSeconds(int? seconds) =>
        Check("mediaSeconds", seconds is < 0 or > DiscussionLimits.MediaSeconds, $"A time in the recording is 0 to {DiscussionLimits.MediaSeconds} seconds.");

    /// "Choose OnlyMe, Members or Public.", from the names TryVisibility accepts.
    static readonly string VisibilityChoices = Enum.GetNames<AnnotationVisibility>() is [.. var first, var last]
        ? $"Choose {string.Join(", ", first)} or {last}."
        : throw new InvalidOperationException("An annotation has more than one visibility to choose from.");
}
