using System.Text;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace StudyHub.Testing;

/// Small PDFs made by the tests themselves: each given text on a page of its own.
public static class TestPapers
{
    public static byte[] Pdf(params string[] pages)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        foreach (var text in pages)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            page.AddText(text, 24, new PdfPoint(60, 700), font);
        }
        return builder.Build();
    }

    /// A one-page paper as papers print it: its title large above its text; <paramref name="metadataTitle"/> is what its
    /// document information says, if anything.
    public static byte[] Titled(string heading, string text, string? metadataTitle = null)
    {
        using var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = metadataTitle;
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        page.AddText(heading, 20, new PdfPoint(60, 750), font);
        page.AddText(text, 10, new PdfPoint(60, 700), font);
        return builder.Build();
    }

    /// A PDF whose trailer says it is encrypted with a password nobody knows, as a protected paper's does.
    public static byte[] Encrypted(string text)
    {
        var pdf = Encoding.Latin1.GetString(Pdf(text));
        var trailer = pdf.LastIndexOf("trailer", StringComparison.Ordinal);
        var open = pdf.IndexOf("<<", trailer, StringComparison.Ordinal) + 2;
        var key = new string('A', 64);
        var encrypt = $"/Encrypt << /Filter /Standard /V 1 /R 2 /O <{key}> /U <{key}> /P -4 >> /ID [<{key[..32]}> <{key[..32]}>] ";
        return Encoding.Latin1.GetBytes(pdf.Insert(open, encrypt));
    }
}
