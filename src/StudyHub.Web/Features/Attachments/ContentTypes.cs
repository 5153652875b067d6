using Microsoft.AspNetCore.StaticFiles;

namespace StudyHub.Web.Features.Attachments;

/// The content type an attachment is served with, known from its file name when it is imported.
public static class ContentTypes
{
    static readonly FileExtensionContentTypeProvider Known = new();

    public static string Of(string fileName) =>
        Known.TryGetContentType(fileName, out var type) ? type : "application/octet-stream";
}
