namespace StudyHub.Markdown;

/// <summary>Turns heading text into the element id used both on the heading and in <c>[[Note#Heading]]</c> link fragments.</summary>
public static class HeadingSlug
{
    /// <summary>Lower-cases letters and digits, joins words with '-', drops other punctuation: "Why does MultiModality matter?" becomes "why-does-multimodality-matter".</summary>
    public static string Create(string headingText)
    {
        ArgumentNullException.ThrowIfNull(headingText);
        // Every character of the slug stands for at least one of the heading's, so it is never longer.
        var slug = headingText.Length <= 256 ? stackalloc char[headingText.Length] : new char[headingText.Length];
        var length = 0;
        var pendingDash = false;
        foreach (var c in headingText)
        {
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                if (pendingDash && length > 0)
                {
                    slug[length++] = '-';
                }

                pendingDash = false;
                slug[length++] = char.ToLowerInvariant(c);
            }
            else if (char.IsWhiteSpace(c) || c == '-')
            {
                pendingDash = true;
            }
        }

        return length == 0 ? "section" : slug[..length].ToString();
    }
}
