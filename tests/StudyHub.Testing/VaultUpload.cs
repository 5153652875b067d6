using System.Net.Http.Headers;

namespace StudyHub.Testing;

/// Posts a vault zip to /api/imports as the upload page does: into the vault named by <c>vault</c>, or a new one.
public static class VaultUpload
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, HttpContent zip, string? vault = null, string? newVault = null,
        string fileName = "vault.zip")
    {
        using var form = new MultipartFormDataContent();
        if (vault is not null)
        {
            form.Add(new StringContent(vault), "vault");
        }
        if (newVault is not null)
        {
            form.Add(new StringContent(newVault), "newVault");
        }
        zip.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(zip, "zip", fileName);
        return await client.PostAsync(new Uri("/api/imports", UriKind.Relative), form);
    }
}
