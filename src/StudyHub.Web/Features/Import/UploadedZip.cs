using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

using Microsoft.Extensions.Options;

namespace StudyHub.Web.Features.Import;

public sealed class UploadOptions
{
    /// Where uploads wait for their import: room for Import:Limits:MaxUploadBytes times MaxConcurrentImports.
    public string Folder { get; set; } = System.IO.Path.GetTempPath();
}

/// A vault zip sent as multipart/form-data, streamed section by section to a temporary file so that a large
/// vault never sits in memory; the file is deleted on dispose. The text fields beside it are kept, capped.
public sealed class UploadedZip : IDisposable
{
    const int MaxFieldChars = 1_000;
    const string Prefix = "studyhub-upload-";

    // Held open, and so locked against RemoveLeftovers, for as long as the upload lives.
    readonly FileStream _file;

    UploadedZip(string path)
    {
        Path = path;
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 81_920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
    }

    /// The temporary copy; it ends in .zip because that is how VaultSource tells a zip from a folder.
    public string Path { get; }

    /// The name the browser gave the file, without any folder; "" when the request held no file.
    public string FileName { get; private set; } = "";

    public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);

    /// Reads the request body; a zip over <paramref name="maxBytes"/> throws BadHttpRequestException with status 413,
    /// as Kestrel itself does when the whole body runs over its limit.
    public static async Task<UploadedZip> ReceiveAsync(HttpRequest request, string fileField, long maxBytes, string folder, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
        {
            throw new BadHttpRequestException("Send the vault as multipart/form-data.");
        }
        var upload = new UploadedZip(System.IO.Path.Combine(folder, $"{Prefix}{Guid.NewGuid():N}.zip"));
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition() && name == fileField && upload.FileName.Length == 0)
                {
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    upload.FileName = System.IO.Path.GetFileName(fileName?.Replace('\\', '/') ?? "") is { Length: > 0 } given ? given : "upload.zip";
                    await SaveAsync(section.Body, upload._file, maxBytes, cancellationToken);
                }
                else if (disposition.IsFormDisposition())
                {
                    upload.Fields[name] = await ReadFieldAsync(section.Body, name, cancellationToken);
                }
            }
            return upload;
        }
        catch
        {
            upload.Dispose();
            throw;
        }
    }

    static async Task SaveAsync(Stream zip, FileStream file, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[81_920];
        long total = 0;
        int read;
        while ((read = await zip.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                throw new BadHttpRequestException("The zip is over the upload limit.", StatusCodes.Status413PayloadTooLarge);
            }
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        await file.FlushAsync(cancellationToken);
    }

    static async Task<string> ReadFieldAsync(Stream field, string name, CancellationToken cancellationToken)
    {
        using var text = new StreamReader(field, Encoding.UTF8);
        var buffer = new char[MaxFieldChars + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await text.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }
        return length <= MaxFieldChars ? new string(buffer, 0, length) : throw new BadHttpRequestException($"The field \"{name}\" is too long.");
    }

    public void Dispose() => _file.Dispose();

    /// ENOSPC on Linux and macOS, ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL on Windows.
    public static bool IsDiskFull(IOException exception) => exception.HResult is 28 or unchecked((int)0x80070070) or unchecked((int)0x80070027);

    /// Deletes the uploads that a process killed mid-import left in <paramref name="folder"/>; those of live processes,
    /// this one's or another instance's on the same machine, are locked and stay. Returns how many went.
    public static int RemoveLeftovers(string folder)
    {
        var removed = 0;
        foreach (var path in Directory.EnumerateFiles(folder, $"{Prefix}*.zip"))
        {
            try
            {
                using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                    File.Delete(path);
                }
                removed++;
            }
            catch (IOException)
            {
                // In use, or gone meanwhile.
            }
        }
        return removed;
    }
}

/// At start, the uploads of an earlier run that was killed mid-import (its transaction rolled back with it).
sealed class LeftoverUploads(IOptions<UploadOptions> options, ILogger<LeftoverUploads> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (UploadedZip.RemoveLeftovers(options.Value.Folder) is > 0 and var removed)
        {
            logger.LogInformation("Removed {Count} uploads left by an earlier run", removed);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
