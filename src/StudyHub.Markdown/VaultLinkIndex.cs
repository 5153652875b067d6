namespace StudyHub.Markdown;

/// <summary>
/// Resolves wikilink targets to vault paths the way Obsidian does: notes by file name (case-insensitive) or by
/// path when the target has folders, then by front matter alias; attachments by file name anywhere in the vault.
/// Ties go to the shortest path, then ordinal order.
/// </summary>
public sealed class VaultLinkIndex
{
    private static readonly IComparer<string> ShortestFirst = Comparer<string>.Create((a, b) =>
        a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b));

    private readonly Dictionary<string, List<string>> notesByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> notesByAlias = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> attachmentsByName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Indexes a vault.</summary>
    /// <param name="filePaths">Every file in the vault, vault-relative and '/'-separated, e.g. <c>People/Douwe Kiela.md</c>.</param>
    /// <param name="aliases">Front matter aliases by note path, if known.</param>
    public VaultLinkIndex(IEnumerable<string> filePaths, IReadOnlyDictionary<string, IReadOnlyList<string>>? aliases = null)
    {
        ArgumentNullException.ThrowIfNull(filePaths);
        foreach (var raw in filePaths)
        {
            var path = Normalize(raw);
            var name = path[(path.LastIndexOf('/') + 1)..];
            if (name.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                AddTo(notesByName, name[..^3], path);
            }
            else
            {
                AddTo(attachmentsByName, name, path);
            }
        }

        foreach (var (path, names) in aliases ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            foreach (var alias in names)
            {
                AddTo(notesByAlias, alias.Trim(), Normalize(path));
            }
        }

        foreach (var paths in notesByName.Values.Concat(notesByAlias.Values).Concat(attachmentsByName.Values))
        {
            paths.Sort(ShortestFirst);
        }
    }

    /// <summary>The vault path of the note a target such as <c>Note</c>, <c>Note.md</c> or <c>folder/Note</c> names; <see langword="null"/> when unresolved.</summary>
    public string? ResolveNote(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var path = Normalize(target);
        if (path.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^3];
        }

        if (path.Length == 0)
        {
            return null;
        }

        var name = path[(path.LastIndexOf('/') + 1)..];
        if (path.Contains('/'))
        {
            return FindByPath(notesByName, name, path + ".md");
        }

        return notesByName.TryGetValue(name, out var notes) ? notes[0]
            : notesByAlias.TryGetValue(name, out var aliased) ? aliased[0]
            : null;
    }

    /// <summary>The vault path of the attachment a target such as <c>image.png</c> or <c>assets/image.png</c> names; <see langword="null"/> when missing.</summary>
    public string? ResolveAttachment(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var path = Normalize(target);
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (name.Length == 0 || !attachmentsByName.TryGetValue(name, out var candidates))
        {
            return null;
        }

        return path.Contains('/') ? FindByPath(attachmentsByName, name, path) ?? candidates[0] : candidates[0];
    }

    /// <summary>Whether a target names a file of the vault rather than a note (see <see cref="Attachments.IsAttachment(string, Func{string, bool})"/>).</summary>
    public bool IsAttachment(string target) => Attachments.IsAttachment(target, name => ResolveAttachment(name) is not null);

    /// <summary>Resolves a target as an attachment when it names one (see <see cref="IsAttachment"/>), else as a note.</summary>
    public string? Resolve(string target) => IsAttachment(target) ? ResolveAttachment(target) : ResolveNote(target);

    /// <summary>An exact vault path wins; otherwise the shortest path that ends with the target's folders.</summary>
    private static string? FindByPath(Dictionary<string, List<string>> byName, string name, string path)
    {
        if (!byName.TryGetValue(name, out var candidates))
        {
            return null;
        }

        return candidates.Find(c => c.Equals(path, StringComparison.OrdinalIgnoreCase))
            ?? candidates.Find(c => c.EndsWith("/" + path, StringComparison.OrdinalIgnoreCase));
    }

    private static void AddTo(Dictionary<string, List<string>> index, string key, string path)
    {
        if (!index.TryGetValue(key, out var paths))
        {
            index[key] = paths = [];
        }

        if (!paths.Contains(path))
        {
            paths.Add(path);
        }
    }

    private static string Normalize(string path)
    {
        var normalized = path.Trim().Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized[2..];
        }

        return normalized.TrimStart('/');
    }
}
