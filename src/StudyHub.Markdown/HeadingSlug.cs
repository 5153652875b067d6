using System.Text;

namespace StudyHub.Markdown;

/// <summary>Turns heading text into the element id used both on the heading and in <c>[[Note#Heading]]</c> link fragments.</summary>
public static class HeadingSlug
{
    /// <summary>Lower-cases letters and digits, joins words with '-', drops other punctuation: "Why does MultiModality matter?" becomes "why-does-multimodality-matter".</summary>
    public static string Create(string headingText)
    {
        ArgumentNullException.ThrowIfNull(headingText);
        var slug = new StringBuilder(headingText.Length);
        var pendingDash = false;
        foreach (var c in headingText)
        {
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                if (pendingDash && slug.Length > 0)
                {
                    slug.Append('-');
                }

                pendingDash = false;
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsWhiteSpace(c) || c == '-')
            {
                pendingDash = true;
            }
        }

        return slug.Length == 0 ? "section" : slug.ToString();
    }
}
