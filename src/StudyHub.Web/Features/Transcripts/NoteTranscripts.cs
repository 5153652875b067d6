using StudyHub.Markdown;
using StudyHub.Web.Features.Attachments;
using StudyHub.Web.Features.Import;

namespace StudyHub.Web.Features.Transcripts;

/// Which transcript belongs to which of a note's recordings, decided at import: one named in front matter
/// (transcript: lecture.vtt) or embedded (![[lecture.vtt]]) is the lecture's, the note's first recording, whatever it
/// plays from (YouTube too); a .vtt or .srt beside a video file of the vault, with its name, is that video's.
public sealed class NoteTranscripts(IReadOnlyDictionary<string, SourceAttachment> files, VaultFiles vault, ImportReport report)
{
    public static bool IsTranscript(string path) =>
        path.EndsWith(".vtt", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".srt", StringComparison.OrdinalIgnoreCase);

    readonly bool _hasTranscripts = files.Keys.Any(IsTranscript);
    readonly VaultLinkIndex _index = new(files.Keys.Where(IsTranscript));
    // A video's address names its bytes, not its place, so every file with those bytes and name may have a transcript beside it.
    readonly ILookup<string, string> _videoFiles = files.Values.ToLookup(f => AttachmentEndpoints.UrlOf(f.Hash, Path.GetFileName(f.Path)), f => f.Path, StringComparer.Ordinal);
    readonly Dictionary<string, ReadTranscript> _read = new(StringComparer.Ordinal);

    /// The cues of every note of the import that has a transcript, once Find has seen them all. The report says which
    /// file went to which note, and what of a file could not be read.
    public List<TranscriptCue> Cues { get; } = [];

    /// Finds the transcripts of some notes of the import; a file several notes name is read once.
    public void Find(IEnumerable<(PlannedNote Note, SourceNote Source)> notes)
    {
        if (!_hasTranscripts)
        {
            return;
        }
        foreach (var ((note, _, _, _), source) in notes)
        {
            var chosen = new Dictionary<int, string>();
            foreach (var named in Named(source).Select(_index.ResolveAttachment).OfType<string>())
            {
                if (note.Media.Count == 0)
                {
                    report.Warnings.Add(new ImportWarning(named, null, $"Not attached to {source.Path}: the note has no recording for it to belong to."));
                }
                else
                {
                    chosen.TryAdd(0, named);
                }
            }
            for (var media = 0; media < note.Media.Count; media++)
            {
                var beside = _videoFiles[note.Media[media]].SelectMany(video => new[] { Path.ChangeExtension(video, ".vtt"), Path.ChangeExtension(video, ".srt") })
                    .FirstOrDefault(files.ContainsKey);
                if (beside is not null)
                {
                    chosen.TryAdd(media, beside);
                }
            }
            foreach (var (media, path) in chosen)
            {
                if (!_read.TryGetValue(path, out var transcript))
                {
                    _read[path] = transcript = TranscriptReader.Read(vault.Read(path));
                    report.Warnings.AddRange(transcript.Problems.Select(problem => new ImportWarning(path, null, problem)));
                }
                if (transcript.Cues.Count > 0)
                {
                    report.Transcripts.Add(new AttachedTranscript(path, source.Path, transcript.Cues.Count));
                    Cues.AddRange(transcript.Cues.Select(c => new TranscriptCue
                    {
                        NoteId = note.Id, MediaIndex = media, Start = c.Start, End = c.End, Text = c.Text, Speaker = c.Speaker,
                    }));
                }
            }
        }
    }

    static IEnumerable<string> Named(SourceNote source)
    {
        // Obsidian writes a file in front matter as a link too: transcript: "[[lecture.vtt]]".
        if (source.Metadata.TryGetValue("transcript", out var value) && value is string written
            && written.Trim().TrimStart('[').TrimEnd(']').Split('|')[0].Trim() is var name && IsTranscript(name))
        {
            yield return name;
        }
        foreach (var link in source.Parsed.Links.Where(l => l.IsEmbed && IsTranscript(l.Target)))
        {
            yield return link.Target;
        }
    }
}
