namespace StudyHub.Markdown;

/// <summary>Tells attachment names from note names the way Obsidian does: by file extension.</summary>
public static class Attachments
{
    private static readonly Dictionary<string, MediaKind> KindsByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        ["png"] = MediaKind.Image, ["jpg"] = MediaKind.Image, ["jpeg"] = MediaKind.Image, ["gif"] = MediaKind.Image,
        ["bmp"] = MediaKind.Image, ["svg"] = MediaKind.Image, ["webp"] = MediaKind.Image, ["avif"] = MediaKind.Image,
        ["mp3"] = MediaKind.Audio, ["wav"] = MediaKind.Audio, ["m4a"] = MediaKind.Audio, ["ogg"] = MediaKind.Audio,
        ["3gp"] = MediaKind.Audio, ["flac"] = MediaKind.Audio,
        ["mp4"] = MediaKind.Video, ["m4v"] = MediaKind.Video, ["webm"] = MediaKind.Video, ["ogv"] = MediaKind.Video,
        ["mov"] = MediaKind.Video, ["mkv"] = MediaKind.Video,
        ["pdf"] = MediaKind.Pdf,
    };

    // The formats Obsidian opens besides notes ("Accepted file formats" in its help, and .m4v, an .mp4 by another
    // name): a link to one names a file. The web's lecture player reads the same table.
    private static readonly HashSet<string> ObsidianFormats = new([.. KindsByExtension.Keys, "canvas", "base"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a link target names a file of a format Obsidian opens (an image, audio, video, PDF, canvas or base), which needs no vault to tell.</summary>
    public static bool IsAttachment(string target) => ObsidianFormats.Contains(ExtensionOf(target).ToString());

    /// <summary>
    /// Whether a link target names a file rather than a note: a file of a format Obsidian opens, or a file of another
    /// extension that the vault holds (<c>data.zip</c>). Any other name with a dot names a note, as in Obsidian:
    /// <c>[[01.AI]]</c>, <c>[[Node.js]]</c>.
    /// </summary>
    /// <param name="target">The link target, without heading or alias.</param>
    /// <param name="vaultHasFile">Whether the vault holds a file (not a note) by that name.</param>
    public static bool IsAttachment(string target, Func<string, bool> vaultHasFile)
    {
        ArgumentNullException.ThrowIfNull(vaultHasFile);
        return IsAttachment(target) || (HasFileExtension(target) && vaultHasFile(target));
    }

    /// <summary>Whether a name ends in a file extension other than <c>.md</c>.</summary>
    internal static bool HasFileExtension(string name)
    {
        var extension = ExtensionOf(name);
        return extension.Length > 0 && !extension.Equals("md", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The media kind of a file name, from its extension.</summary>
    public static MediaKind KindOf(string fileName) =>
        KindsByExtension.TryGetValue(ExtensionOf(fileName).ToString(), out var kind) ? kind : MediaKind.Other;

    private static ReadOnlySpan<char> ExtensionOf(string name)
    {
        var span = name.AsSpan().TrimEnd();
        var dot = span.LastIndexOf('.');
        if (dot < 0 || span.Length - dot - 1 is < 1 or > 8 || span[(dot + 1)..].Contains('/'))
        {
            return [];
        }

        // "GPT-3.5" and "Dr. Who" are note names: an extension is ASCII letters and digits with at least one letter.
        var extension = span[(dot + 1)..];
        var hasLetter = false;
        foreach (var c in extension)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return [];
            }

            hasLetter |= char.IsAsciiLetter(c);
        }

        return hasLetter ? extension : [];
    }
}
