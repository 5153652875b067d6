using StudyHub.Web.Features.Vaults;

namespace StudyHub.Web.Tests.Vaults;

public sealed class EditLinksTests
{
    [Theory]
    [InlineData("https://github.com/us/notes/edit/main/{path}", "Lecture 1.md", "https://github.com/us/notes/edit/main/Lecture%201.md")]
    [InlineData("https://gitlab.example.org/us/notes/-/edit/main/cs224n/{path}", "Week 2/Q&A #3?.md", "https://gitlab.example.org/us/notes/-/edit/main/cs224n/Week%202/Q%26A%20%233%3F.md")]
    [InlineData("https://codeberg.org/us/notes/_edit/main/{path}?ref=site", "Ünïcode/Ω.md", "https://codeberg.org/us/notes/_edit/main/%C3%9Cn%C3%AFcode/%CE%A9.md?ref=site")]
    public void ANotesPathGoesInPieceByPiece(string template, string path, string link) =>
        Assert.Equal(link, EditLinks.For(template, path));

    [Theory]
    [InlineData("https://github.com/us/notes/edit/main/{path}")]
    [InlineData("http://git.internal/notes/{path}")]
    public void AWebAddressWithThePathOnceIsTaken(string template) => Assert.Null(EditLinks.Problem(template));

    [Theory]
    [InlineData("javascript:alert(1)//{path}", "not a web address")]
    [InlineData("data:text/html,<script>alert(1)</script>{path}", "not a web address")]
    [InlineData("//evil.example/{path}", "not a web address")]
    [InlineData("https://github.com/us/notes/edit/main/ {path}", "not a web address")]
    [InlineData("https://github.com/us/notes/edit/main/", "{path} once")]
    [InlineData("https://github.com/{path}/{path}", "{path} once")]
    public void AnythingElseIsRefusedWithTheReason(string template, string reason) =>
        Assert.Contains(reason, EditLinks.Problem(template), StringComparison.Ordinal);

    [Fact]
    public void AnEmptyTemplateTakesTheLinkAwayAndARefusedOneKeepsTheOldOne()
    {
        var vault = new Vault { Name = "v", Slug = "v", EditLinks = "https://github.com/us/notes/edit/main/{path}" };

        Assert.NotNull(EditLinks.Set(vault, "ftp://example.org/{path}"));
        Assert.Equal("https://github.com/us/notes/edit/main/{path}", vault.EditLinks);
        Assert.Null(EditLinks.Set(vault, "  "));
        Assert.Null(vault.EditLinks);
    }
}
