using System.Globalization;
using System.Text;

namespace StudyHub.Benchmarks;

/// Writes a synthetic but lecture-like vault: the same seed gives the same files, byte for byte.
/// Notes link to each other (and to a few notes not yet written), carry tags, front matter, times,
/// highlights, callouts, code and embeds of images that are missing, as real vaults do.
public static class VaultGenerator
{
    static readonly string[] Topics =
    [
        "attention", "contrastive learning", "retrieval", "fusion", "tokenization", "scaling laws", "alignment",
        "distillation", "evaluation", "datasets", "vision transformers", "speech", "diffusion", "agents",
    ];

    static readonly string[] Words =
    [
        "model", "data", "training", "loss", "encoder", "decoder", "image", "text", "audio", "benchmark", "paper",
        "layer", "token", "embedding", "gradient", "batch", "objective", "representation", "pretraining", "fine-tuning",
        "LLaMA", "BLIP-2", "CLIP", "Flamingo", "transformer", "modality", "caption", "retrieval", "contrastive", "zero-shot",
    ];

    /// The one note of <paramref name="largeNoteBytes"/> (when above 0), a transcript whose every paragraph says
    /// "verbatim": the only note with that word, for timing a search that finds the largest note against one that does not.
    public const string LargeNoteAddress = "bench/transcripts/lecture-transcript";

    public static void Write(string folder, int notes, int seed, long largeNoteBytes = 0)
    {
        var random = new Random(seed);
        Directory.CreateDirectory(folder);
        var titles = Enumerable.Range(0, notes).Select(i => $"Note {i:D5} {Topics[i % Topics.Length]}").ToArray();
        for (var i = 0; i < notes; i++)
        {
            var subfolder = Path.Combine(folder, $"Course {i % 20:D2}", $"Week {i / 20 % 10:D2}");
            Directory.CreateDirectory(subfolder);
            File.WriteAllText(Path.Combine(subfolder, titles[i] + ".md"), Note(i, titles, random), new UTF8Encoding(false));
        }
        if (largeNoteBytes > 0)
        {
            Directory.CreateDirectory(Path.Combine(folder, "Transcripts"));
            File.WriteAllText(Path.Combine(folder, "Transcripts", "Lecture transcript.md"), LargeNote(largeNoteBytes, titles, random), new UTF8Encoding(false));
        }
    }

    /// Paragraphs of the other notes' words, with links and times, up to the size asked for (in UTF-8 bytes; all ASCII).
    static string LargeNote(long bytes, string[] titles, Random random)
    {
        var text = new StringBuilder("# Lecture transcript\n\n");
        for (var minute = 0; text.Length < bytes; minute++)
        {
            text.Append(CultureInfo.InvariantCulture, $"At {minute / 60}:{minute % 60:D2}:00, verbatim: ").Append(Sentence(random)).Append(' ')
                .Append(Sentence(random)).Append(CultureInfo.InvariantCulture, $" See [[{titles[random.Next(titles.Length)]}]].\n\n");
        }
        return text.ToString(0, (int)bytes);
    }

    static string Note(int index, string[] titles, Random random)
    {
        var text = new StringBuilder();
        var topic = Topics[index % Topics.Length];
        text.Append("---\n")
            .Append(CultureInfo.InvariantCulture, $"type: {(index % 10 == 0 ? "lecture" : "technique")}\n")
            .Append(CultureInfo.InvariantCulture, $"aliases: [\"N{index}\"]\n")
            .Append(CultureInfo.InvariantCulture, $"tags: [generated, {topic.Replace(' ', '-')}]\n")
            .Append("---\n");
        if (index % 10 == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"Link:https://www.youtube.com/watch?v=gen{index:D8}\n\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"Subject: {titles[index]}\n\n");
        for (var section = 0; section < 3; section++)
        {
            text.Append(CultureInfo.InvariantCulture, $"## Part {section + 1} on {topic}\n\n");
            for (var paragraph = 0; paragraph < 2; paragraph++)
            {
                text.Append(Sentence(random)).Append(' ')
                    .Append(CultureInfo.InvariantCulture, $"See [[{titles[random.Next(titles.Length)]}]] and [[{titles[random.Next(titles.Length)]}|this one]]. ")
                    .Append(Sentence(random)).Append(CultureInfo.InvariantCulture, $" ==Key point {paragraph}== at {random.Next(0, 90)}:{random.Next(0, 60):D2}. #{topic.Replace(' ', '-')}\n\n");
            }
            text.Append("- ").Append(Sentence(random)).Append('\n')
                .Append("- ").Append(Sentence(random)).Append(CultureInfo.InvariantCulture, $" [[Unwritten idea {random.Next(50)}]]\n\n");
        }
        if (index % 3 == 0)
        {
            text.Append("> [!note] Remember\n> ").Append(Sentence(random)).Append("\n\n");
        }
        if (index % 5 == 0)
        {
            text.Append("```python\nloss = criterion(model(x), y)\nloss.backward()\n```\n\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"![[Pasted image {20240101000000 + index}.png]]\n");
        return text.ToString();
    }

    static string Sentence(Random random)
    {
        var count = random.Next(8, 20);
        var words = Enumerable.Range(0, count).Select(_ => Words[random.Next(Words.Length)]);
        var sentence = string.Join(' ', words);
        return char.ToUpperInvariant(sentence[0]) + sentence[1..] + ".";
    }
}
