using System.Globalization;
using System.Text;

namespace StudyHub.Web.Features.Notes;

/// Readable URL segments: "Multimodal Deep Learning" → "multimodal-deep-learning".
public static class Slug
{
    public static string From(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }
        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "note" : slug[..Math.Min(slug.Length, 200)];
    }
}
