using System.Globalization;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace StudyHub.Web.Features.Papers;

/// What a PDF says, page by page, and what it calls itself; or why it could not be read.
public sealed record PaperText(IReadOnlyList<string> Pages, string? Title, string? Problem)
{
    /// Half of what an import takes of one file (ImportLimits.MaxFileBytes): a larger PDF is mostly scanned pictures,
    /// whose parsing would hold the import for minutes to find little text. The file itself is still kept and served.
    public const int MostBytes = 32 * 1024 * 1024;
    public const int MostPages = 2_000;
    // A search vector holds at most 1 MB; a page of prose is a few KB.
    const int MostCharactersAPage = 100_000;
    const int MostCharactersATitle = 300;

    public static PaperText Read(byte[] file)
    {
        if (file.Length > MostBytes)
        {
            return Unread(string.Create(CultureInfo.InvariantCulture,
                $"its text was not read: the file ({file.Length:N0} bytes) is larger than the {MostBytes / (1024 * 1024)} MB a paper may have"));
        }
        try
        {
            using var document = PdfDocument.Open(file);
            if (document.NumberOfPages > MostPages)
            {
                return Unread(string.Create(CultureInfo.InvariantCulture,
                    $"its text was not read: its {document.NumberOfPages:N0} pages are more than the {MostPages:N0} a paper may have"));
            }
            var pages = document.GetPages().Select(page => Trimmed(string.Join(' ', page.GetWords().Select(word => word.Text)))).ToList();
            return new PaperText(pages, TitleOf(document), null);
        }
        catch (PdfDocumentEncryptedException)
        {
            return Unread("its text could not be read: the file is encrypted");
        }
        // PdfPig reports a damaged file with exceptions of many kinds; none of them may stop the rest of the import.
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return Unread($"its text could not be read: the file is damaged or not a PDF ({exception.Message})");
        }
    }

    /// The title its metadata gives, else the largest words on its first page, where a paper prints its title.
    static string? TitleOf(PdfDocument document)
    {
        if (Clean(document.Information.Title) is { } given && !LooksLikeAFileName(given))
        {
            return given;
        }
        if (document.NumberOfPages == 0)
        {
            return null;
        }
        var words = document.GetPage(1).GetWords().Where(w => w.Letters.Count > 0).Select(w => (w.Text, Size: w.Letters.Max(l => l.PointSize))).ToList();
        if (words.Count == 0)
        {
            return null;
        }
        var largest = words.Max(w => w.Size);
        // The title's words, in the order the page gives them: those set within half a point of the largest.
        return Clean(string.Join(' ', words.SkipWhile(w => w.Size < largest - 0.5).TakeWhile(w => w.Size >= largest - 0.5).Select(w => w.Text)));
    }

    // Word processors fill the title in with the file's name ("Microsoft Word - draft3.docx"), which names no paper.
    static bool LooksLikeAFileName(string title) =>
        Array.Exists(FileExtensions, extension => title.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

    static readonly string[] FileExtensions = [".pdf", ".doc", ".docx", ".tex", ".dvi"];

    static string? Clean(string? title)
    {
        var clean = string.Join(' ', (title ?? "").Replace("\0", "", StringComparison.Ordinal).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return clean.Length == 0 ? null : clean.Length > MostCharactersATitle ? clean[..MostCharactersATitle] : clean;
    }

    // PostgreSQL's text holds no NUL, which a PDF's strings may.
    static string Trimmed(string text)
    {
        var clean = text.Replace("\0", "", StringComparison.Ordinal);
        return clean.Length > MostCharactersAPage ? clean[..MostCharactersAPage] : clean;
    }

    static PaperText Unread(string problem) => new([], null, problem);
}
