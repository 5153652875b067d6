using StudyHub.Markdown;
using StudyHub.Web.Features.Attachments;
using StudyHub.Web.Features.Import;

namespace StudyHub.Web.Features.Transcripts;

/// Which transcript belongs to which of a note's recordings, decided at import: one named in front matter
/// (transcript: lecture.vtt) or embedded (![[lecture.vtt]]) is the lecture's, the note's first recording, whatever it
/// plays from (YouTube too); a .vtt or .srt beside a video file of the vault, with its name, is that video's.
public static class NoteTranscripts
{
    public static bool IsTranscript(string path) =>
        path.EndsWith(".vtt", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".srt", StringComparison.OrdinalIgnoreCase);

    /// The cues of every note of the import that has a transcript. The report says which file went to which note,
    /// and what of a file could not be read.
    public static List<TranscriptCue> Find(IReadOnlyList<PlannedNote> notes, IReadOnlyDictionary<string, SourceAttachment> files, ImportReport report)
    {
        var transcripts = files.Keys.Where(IsTranscript).ToList();
        if (transcripts.Count == 0)
        {
            return [];
        }
        var index = new VaultLinkIndex(transcripts);
        // A video's address names its bytes, not its place, so every file with those bytes and name may have a transcript beside it.
        var videoFiles = files.Values.ToLookup(f => AttachmentEndpoints.UrlOf(f.Hash, Path.GetFileName(f.Path)), f => f.Path, StringComparer.Ordinal);
        var read = new Dictionary<string, ReadTranscript>(StringComparer.Ordinal);
        var cues = new List<TranscriptCue>();
        foreach (var (note, source, _) in notes)
        {
            var chosen = new Dictionary<int, string>();
            foreach (var named in Named(source).Select(index.ResolveAttachment).OfType<string>())
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
                var beside = videoFiles[note.Media[media]].SelectMany(video => new[] { Path.ChangeExtension(video, ".vtt"), Path.ChangeExtension(video, ".srt") })
                    .FirstOrDefault(files.ContainsKey);
                if (beside is not null)
                {
                    chosen.TryAdd(media, beside);
                }
            }
            foreach (var (media, path) in chosen)
            {
                if (!read.TryGetValue(path, out var transcript))
                {
                    read[path] = transcript = TranscriptReader.Read(files[path].Content);
                    report.Warnings.AddRange(transcript.Problems.Select(problem => new ImportWarning(path, null, problem)));
                }
                if (transcript.Cues.Count > 0)
                {
                    report.Transcripts.Add(new AttachedTranscript(path, source.Path, transcript.Cues.Count));
                    cues.AddRange(transcript.Cues.Select(c => new TranscriptCue
                    {
                        NoteId = note.Id, MediaIndex = media, Start = c.Start, End = c.End, Text = c.Text, Speaker = c.Speaker,
                    }));
                }
            }
        }
        return cues;
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
