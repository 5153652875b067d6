using System.IO.Compression;

namespace StudyHub.Web.Features.Import;

/// One file of a vault: its vault-relative, '/'-separated path, its size in bytes, and when it was last saved as the
/// folder or zip says (null where nothing says).
public sealed record VaultEntry(string Path, long Length, DateTimeOffset? SavedAt = null);

/// A vault folder or zip as an import reads it: its files, checked against the limits, the warnings about what was
/// left out and why, and each file's bytes read when asked, as often as asked. An import goes through the files more
/// than once rather than hold the vault in memory (docs/architecture.md, "How an import flows").
public sealed class VaultFiles(IReadOnlyList<VaultEntry> entries, IReadOnlyList<ImportWarning> warnings, Func<VaultEntry, byte[]> read,
    IDisposable? archive = null) : IDisposable
{
    readonly Dictionary<string, VaultEntry> _byPath = entries.ToDictionary(e => e.Path, StringComparer.Ordinal);

    public IReadOnlyList<VaultEntry> Entries => entries;
    public IReadOnlyList<ImportWarning> Warnings => warnings;

    public bool Contains(string path) => _byPath.ContainsKey(path);

    public byte[] Read(string path) => read(_byPath[path]);

    public DateTimeOffset? SavedAt(string path) => _byPath[path].SavedAt;

    public void Dispose() => archive?.Dispose();
}

public sealed class ImportLimits
{
    public int MaxEntries { get; set; } = 50_000;
    public long MaxFileBytes { get; set; } = 64L * 1024 * 1024;
    /// The largest note (.md file) imported. A note's text is rendered, stored several times over (markdown, HTML,
    /// text, revisions) and sent whole with its page, where attachments are only stored and streamed; a longer note
    /// is left out with a warning saying so (docs/architecture.md, "Import").
    public long MaxNoteBytes { get; set; } = 4L * 1024 * 1024;
    public long MaxTotalBytes { get; set; } = 2L * 1024 * 1024 * 1024;
    /// The largest zip the web import accepts, checked while it streams in.
    public long MaxUploadBytes { get; set; } = 512L * 1024 * 1024;
    /// Uncompressed size over compressed size above which a zip entry counts as a bomb.
    public int MaxCompressionRatio { get; set; } = 200;
    /// Web imports running at once; each holds its zip on disk and a few batches of its notes in memory.
    public int MaxConcurrentImports { get; set; } = 2;
    /// The notes an import reads, renders and writes at a time: what it holds in memory beside every note's name,
    /// address and backlinks, whatever the vault's size. Small enough that a batch's texts are let go of before the
    /// collector promotes them to its oldest generation: at 500 an import of 100,000 notes peaked at 1.15 GB, at 100
    /// at 0.79 GB, as fast (docs/benchmarks.md, "Smaller batches").
    public int NotesPerBatch { get; set; } = 100;
}

/// Raised when a vault cannot be imported at all; the message says why, for the command line and the report.
public sealed class VaultRejectedException(string message) : Exception(message);

public static class VaultSource
{
    public static VaultFiles Open(string path, ImportLimits limits) =>
        Directory.Exists(path) ? OpenFolder(path, limits)
        : File.Exists(path) && path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? OpenZip(path, limits)
        : throw new VaultRejectedException($"No vault folder or .zip at {System.IO.Path.GetFullPath(path)}");

    /// A folder's files, each with its last write time: what an import reads, and what a sync compares with its manifest.
    public static VaultFiles OpenFolder(string folder, ImportLimits limits)
    {
        var root = new DirectoryInfo(System.IO.Path.GetFullPath(folder));
        var files = new List<VaultEntry>();
        var warnings = new List<ImportWarning>();
        long total = 0;
        var pending = new Stack<DirectoryInfo>([root]);
        while (pending.TryPop(out var directory))
        {
            foreach (var entry in directory.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                var relative = System.IO.Path.GetRelativePath(root.FullName, entry.FullName).Replace('\\', '/');
                if (entry.Name.StartsWith('.'))
                {
                    continue; // .obsidian, .git, .trash: app state, not notes
                }
                // A link's target is asked for only where the attributes, read with the size anyway, say it is a link:
                // asking every file costs a system call each, a quarter of a second at 100,000 files.
                if (entry.Attributes.HasFlag(FileAttributes.ReparsePoint) && entry.LinkTarget is not null)
                {
                    var target = entry.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
                    if (target is null || !IsInside(root.FullName, target))
                    {
                        warnings.Add(new ImportWarning(relative, null, "Skipped a symbolic link that leads outside the vault."));
                        continue;
                    }
                    if (entry is DirectoryInfo)
                    {
                        warnings.Add(new ImportWarning(relative, null, "Skipped a symbolic link to a folder inside the vault (its files are imported from their real place)."));
                        continue;
                    }
                }
                if (entry is DirectoryInfo subdirectory)
                {
                    pending.Push(subdirectory);
                    continue;
                }
                var file = (FileInfo)entry;
                if (files.Count >= limits.MaxEntries)
                {
                    throw new VaultRejectedException($"The vault has more than {limits.MaxEntries} files (Import:Limits:MaxEntries).");
                }
                if (TooLongNote(relative, file.Length, limits) is { } tooLong)
                {
                    warnings.Add(tooLong);
                    continue;
                }
                if (file.Length > limits.MaxFileBytes)
                {
                    warnings.Add(new ImportWarning(relative, null, $"Skipped: {file.Length:N0} bytes is over the {limits.MaxFileBytes:N0}-byte limit for one file."));
                    continue;
                }
                total += file.Length;
                if (total > limits.MaxTotalBytes)
                {
                    throw new VaultRejectedException($"The vault is larger than {limits.MaxTotalBytes:N0} bytes (Import:Limits:MaxTotalBytes).");
                }
                files.Add(new VaultEntry(relative, file.Length, file.LastWriteTimeUtc));
            }
        }
        return new VaultFiles(files, warnings, entry => ReadFile(System.IO.Path.Combine(root.FullName, entry.Path), entry, limits));
    }

    /// A file that grew past its limit since it was listed is refused rather than read whole; one that changed otherwise
    /// is caught by its hash (SourceNotes.Read).
    static byte[] ReadFile(string path, VaultEntry entry, ImportLimits limits)
    {
        using var stream = File.OpenRead(path);
        return ReadCapped(stream, SourceNotes.IsNote(entry.Path) ? limits.MaxNoteBytes : limits.MaxFileBytes, entry.Path);
    }

    static VaultFiles OpenZip(string zipPath, ImportLimits limits)
    {
        try
        {
            return OpenZipEntries(zipPath, limits);
        }
        catch (InvalidDataException)
        {
            throw new VaultRejectedException("The file is not a zip archive, or it is damaged; nothing was imported. Compress the vault's folder into a .zip and upload that.");
        }
    }

    /// Checks the list of entries against the limits before ZipArchive reads it, then every entry before reading any
    /// of them; each is read with a hard cap at the size it declares, since a zip's declared sizes can lie, and the
    /// declared sizes are what the limits were checked against.
    static VaultFiles OpenZipEntries(string zipPath, ImportLimits limits)
    {
        CheckDirectory(zipPath, limits);
        var archive = ZipFile.OpenRead(zipPath);
        try
        {
            return ListZipEntries(archive, limits);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    static VaultFiles ListZipEntries(ZipArchive archive, ImportLimits limits)
    {
        var entries = archive.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
        long declared = 0;
        foreach (var entry in entries)
        {
            var name = entry.FullName.Replace('\\', '/');
            if (name.StartsWith('/') || (name.Length > 1 && name[1] == ':') || name.Split('/').Any(part => part == ".."))
            {
                throw new VaultRejectedException($"The archive entry \"{entry.FullName}\" points outside the vault; the archive was not imported.");
            }
            if (entry.CompressedLength > 0 && entry.Length > 1024 * 1024 && entry.Length / entry.CompressedLength > limits.MaxCompressionRatio)
            {
                throw new VaultRejectedException($"The archive entry \"{entry.FullName}\" compresses {entry.Length / entry.CompressedLength}:1, which looks like a zip bomb; the archive was not imported.");
            }
            if (SourceNotes.IsNote(name) && entry.Length > limits.MaxNoteBytes)
            {
                continue; // left out below, unread
            }
            if (entry.Length > limits.MaxFileBytes)
            {
                throw new VaultRejectedException($"The archive entry \"{entry.FullName}\" expands to {entry.Length:N0} bytes, over the {limits.MaxFileBytes:N0}-byte limit.");
            }
            declared += entry.Length;
        }
        if (declared > limits.MaxTotalBytes)
        {
            throw new VaultRejectedException($"The archive expands to {declared:N0} bytes, over the {limits.MaxTotalBytes:N0}-byte limit.");
        }

        var prefix = CommonTopFolder(entries.Select(e => e.FullName.Replace('\\', '/')).ToList());
        var files = new List<VaultEntry>(entries.Count);
        var byPath = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        var warnings = new List<ImportWarning>();
        foreach (var entry in entries)
        {
            var name = entry.FullName.Replace('\\', '/')[prefix.Length..];
            if (name.Split('/').Any(part => part.StartsWith('.')))
            {
                continue;
            }
            if (TooLongNote(name, entry.Length, limits) is { } tooLong)
            {
                warnings.Add(tooLong);
                continue;
            }
            if (!byPath.TryAdd(name, entry))
            {
                throw new VaultRejectedException($"The archive holds \"{entry.FullName}\" twice; the archive was not imported.");
            }
            files.Add(new VaultEntry(name, entry.Length, entry.LastWriteTime));
        }
        // Importing an archive without notes would mark every note of the vault deleted: surely the wrong file.
        if (!files.Any(f => SourceNotes.IsNote(f.Path)))
        {
            throw new VaultRejectedException(warnings.Count == 0
                ? "The archive holds no notes (.md files); nothing was imported."
                : $"The archive holds no notes within the limit for one note (Import:Limits:MaxNoteBytes), such as {warnings[0].Path}; nothing was imported.");
        }
        return new VaultFiles(files, warnings, file =>
        {
            var entry = byPath[file.Path];
            // ZipArchive reads one entry at a time.
            lock (archive)
            {
                using var stream = entry.Open();
                return ReadCapped(stream, entry.Length, entry.FullName);
            }
        }, archive);
    }

    /// A note over the limit is left out by its size alone, unread, however large it is; a zip entry that turns out
    /// larger than it said is refused as it is read.
    static ImportWarning? TooLongNote(string path, long bytes, ImportLimits limits) =>
        SourceNotes.IsNote(path) && bytes > limits.MaxNoteBytes
            ? new ImportWarning(path, null, SourceNotes.TooLongNote(bytes, limits.MaxNoteBytes))
            : null;

    /// Room in the list of entries for one: its fixed header and a long path with the usual extra fields.
    const int DirectoryBytesPerEntry = 1024;

    /// ZipArchive keeps every entry of the list (names, extra fields, comments) in memory as it opens the zip, so the
    /// list is judged first from the zip's end records, and its entries counted without keeping them, since an end
    /// record can understate them. Folders count as entries here.
    static void CheckDirectory(string zipPath, ImportLimits limits)
    {
        using var zip = new FileStream(zipPath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        var directory = ZipDirectory.Read(zip);
        if (directory.DeclaredEntries > limits.MaxEntries)
        {
            throw TooManyEntries($"{directory.DeclaredEntries:N0}");
        }
        var maxDirectoryBytes = (long)limits.MaxEntries * DirectoryBytesPerEntry;
        if (directory.Length > maxDirectoryBytes)
        {
            throw new VaultRejectedException($"The archive's list of entries takes {directory.Length:N0} bytes, over the {maxDirectoryBytes:N0} bytes "
                + $"that {limits.MaxEntries:N0} entries may take (Import:Limits:MaxEntries); nothing was imported.");
        }
        if (directory.CountEntries(zip, enough: limits.MaxEntries) > limits.MaxEntries)
        {
            throw TooManyEntries($"more than {limits.MaxEntries:N0}");
        }

        VaultRejectedException TooManyEntries(string count) =>
            new($"The archive lists {count} entries, over the limit of {limits.MaxEntries:N0} (Import:Limits:MaxEntries); nothing was imported.");
    }

    static byte[] ReadCapped(Stream stream, long limit, string name)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                throw new VaultRejectedException($"The file \"{name}\" holds more than {limit:N0} bytes, more than it declared or than the limit; the vault was not imported.");
            }
        }
        return buffer.ToArray();
    }

    /// Zips made by "compress folder" wrap everything in one top folder, which is not part of the vault's paths.
    static string CommonTopFolder(List<string> names)
    {
        if (names.Count == 0 || names[0].IndexOf('/', StringComparison.Ordinal) is var slash && slash < 0)
        {
            return "";
        }
        var top = names[0][..(slash + 1)];
        return names.All(n => n.StartsWith(top, StringComparison.Ordinal)) ? top : "";
    }

    static bool IsInside(string root, string path) =>
        path.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal);
}
