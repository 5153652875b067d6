using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace StudyHub.Web.Features.Transcripts;

/// One caption of a recording: what was said from Start to End (milliseconds), and by whom when the file says.
public sealed record SpokenCue(int Start, int End, string Text, string? Speaker = null);

/// A transcript file as read: its cues by start time, and what could not be read, each said once.
public sealed record ReadTranscript(IReadOnlyList<SpokenCue> Cues, IReadOnlyList<string> Problems);

/// Reads WebVTT and SRT captions with one tolerant pass, as both are blocks of "start --> end" and text: VTT's header,
/// NOTE, STYLE and REGION blocks are skipped, SRT's cue numbers are identifiers like VTT's.
public static partial class TranscriptReader
{
    /// A three-hour lecture has about 3,000 cues; more than this is not a transcript a reader could use.
    public const int MaxCues = 20_000;

    public const int MaxBytes = 4 * 1024 * 1024;

    public static ReadTranscript Read(byte[] content)
    {
        if (content.Length > MaxBytes)
        {
            return new([], [string.Create(CultureInfo.InvariantCulture,
                $"Not read: the file is {content.Length / (1024.0 * 1024):0.#} MB, over the limit of {MaxBytes / (1024 * 1024)} MB for a transcript.")]);
        }
        return Read(Encoding.UTF8.GetString(content));
    }

    public static ReadTranscript Read(string text)
    {
        var lines = text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n');
        var cues = new List<SpokenCue>();
        var problems = new List<string>();
        var skipped = new List<int>();
        var cut = false;
        for (var i = 0; i < lines.Length;)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                i++;
                continue;
            }
            var blockStart = i;
            var block = new List<string>();
            while (i < lines.Length && !string.IsNullOrWhiteSpace(lines[i]))
            {
                block.Add(lines[i++]);
            }
            if (IsVttMetadata(block[0]))
            {
                continue;
            }
            // The timing is the first line, or the second after an identifier (a VTT cue id, an SRT number).
            var timingAt = block.FindIndex(0, Math.Min(2, block.Count), l => l.Contains("-->", StringComparison.Ordinal));
            var timing = timingAt < 0 ? null : Timing().Match(block[timingAt]);
            if (timing is not { Success: true })
            {
                skipped.Add(blockStart + 1);
                continue;
            }
            var start = Milliseconds(timing.Groups["start"].Value);
            var end = Milliseconds(timing.Groups["end"].Value);
            if (start is null || end is null || end < start)
            {
                skipped.Add(blockStart + 1);
                continue;
            }
            var (spoken, speaker) = Words(block.Skip(timingAt + 1));
            if (spoken.Length == 0)
            {
                continue;
            }
            if (cues.Count == MaxCues)
            {
                cut = true;
                break;
            }
            cues.Add(new SpokenCue(start.Value, end.Value, spoken, speaker));
        }
        if (skipped.Count > 0)
        {
            problems.Add(skipped.Count == 1
                ? $"Line {skipped[0]}: not a cue (no valid \"start --> end\" time); skipped."
                : $"{skipped.Count} blocks were not cues (no valid \"start --> end\" time) and were skipped, the first at line {skipped[0]}.");
        }
        if (cut)
        {
            problems.Add($"Only the first {MaxCues:N0} cues were kept; the rest of the file was not read.");
        }
        // Overlapping and out-of-order cues are kept; a reader follows them by when they start.
        return new([.. cues.OrderBy(c => c.Start)], problems);
    }

    static bool IsVttMetadata(string line) =>
        line.StartsWith("WEBVTT", StringComparison.Ordinal) || Keyword(line, "NOTE") || Keyword(line, "STYLE") || Keyword(line, "REGION");

    static bool Keyword(string line, string keyword) =>
        line.StartsWith(keyword, StringComparison.Ordinal) && (line.Length == keyword.Length || char.IsWhiteSpace(line[keyword.Length]));

    /// "01:02:03.456", "02:03.456", "00:01:02,5", "00:01:02" in milliseconds.
    static int? Milliseconds(string time)
    {
        var match = Time().Match(time);
        if (!match.Success)
        {
            return null;
        }
        var hours = match.Groups["h"].Success ? int.Parse(match.Groups["h"].ValueSpan, CultureInfo.InvariantCulture) : 0;
        var minutes = int.Parse(match.Groups["m"].ValueSpan, CultureInfo.InvariantCulture);
        var seconds = int.Parse(match.Groups["s"].ValueSpan, CultureInfo.InvariantCulture);
        var fraction = match.Groups["f"].Success ? int.Parse(match.Groups["f"].Value.PadRight(3, '0'), CultureInfo.InvariantCulture) : 0;
        return minutes > 59 || seconds > 59 ? null : ((hours * 60 + minutes) * 60 + seconds) * 1000 + fraction;
    }

    /// The cue's words as plain text (tags and entities gone, lines joined), and the speaker of its first voice tag.
    static (string Text, string? Speaker) Words(IEnumerable<string> lines)
    {
        var raw = string.Join(' ', lines.Select(l => l.Trim()));
        var voice = Voice().Match(raw);
        var speaker = voice.Success ? WebUtility.HtmlDecode(voice.Groups["name"].Value).Trim() : null;
        var text = WebUtility.HtmlDecode(Tag().Replace(raw, ""));
        text = Whitespace().Replace(text, " ").Trim();
        return (text, string.IsNullOrEmpty(speaker) ? null : speaker);
    }

    [GeneratedRegex(@"^\s*(?<start>\S+)\s+-->\s+(?<end>\S+)")]
    private static partial Regex Timing();

    [GeneratedRegex(@"^(?:(?<h>[0-9]{1,4}):)?(?<m>[0-9]{1,2}):(?<s>[0-9]{2})(?:[.,](?<f>[0-9]{1,3}))?$")]
    private static partial Regex Time();

    [GeneratedRegex(@"<v(?:\.[^\s>]*)?\s+(?<name>[^>]+)>")]
    private static partial Regex Voice();

    // Markup of both formats: VTT's <c>, <v>, <i>, <00:01.000>, SRT's <font>, and SSA's {\an8} positioning.
    [GeneratedRegex(@"<[^>]*>|\{\\[^}]*\}")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
