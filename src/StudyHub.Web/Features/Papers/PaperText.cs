using System.Globalization;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace StudyHub.Web.Features.Papers;

/// What a PDF says, page by page; or why it could not be read.
public sealed record PaperText(IReadOnlyList<string> Pages, string? Problem)
{
    /// Half of what an import takes of one file (ImportLimits.MaxFileBytes): a larger PDF is mostly scanned pictures,
    /// whose parsing would hold the import for minutes to find little text. The file itself is still kept and served.
    public const int MostBytes = 32 * 1024 * 1024;
    public const int MostPages = 2_000;
    // A search vector holds at most 1 MB; a page of prose is a few KB.
    const int MostCharactersAPage = 100_000;

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
            return new PaperText(pages, null);
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

    // PostgreSQL's text holds no NUL, which a PDF's strings may.
    static string Trimmed(string text)
    {
        var clean = text.Replace("\0", "", StringComparison.Ordinal);
        return clean.Length > MostCharactersAPage ? clean[..MostCharactersAPage] : clean;
    }

    static PaperText Unread(string problem) => new([], problem);
}
