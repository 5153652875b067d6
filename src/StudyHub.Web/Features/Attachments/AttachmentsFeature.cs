namespace StudyHub.Web.Features.Attachments;

public static class AttachmentsFeature
{
    public static void AddAttachments(this WebApplicationBuilder builder)
    {
        var folder = builder.Configuration["Attachments:Folder"];
        if (string.IsNullOrWhiteSpace(folder))
        {
            builder.Services.AddSingleton<IAttachmentStore, DatabaseAttachmentStore>();
        }
        else
        {
            builder.Services.AddSingleton<IAttachmentStore>(new FolderAttachmentStore(Path.GetFullPath(folder, builder.Environment.ContentRootPath)));
        }
    }

    public static void MapAttachments(this WebApplication app) => app.MapGet("/attachments/{hash}/{name}", AttachmentEndpoints.GetAsync);
}
