using StudyHub.Web.Features.Search;

namespace StudyHub.Web.Tests.Search;

public sealed class SnippetTests
{
    [Theory]
    [InlineData("plain words", "plain words")]
    [InlineData("a \uE000match\uE001 here", "a <mark>match</mark> here")]
    [InlineData("<script>x</script> \uE000y\uE001", "&lt;script&gt;x&lt;/script&gt; <mark>y</mark>")]
    [InlineData("\uE000<b>\uE001 & \"q\"", "<mark>&lt;b&gt;</mark> &amp; &quot;q&quot;")]
    public void HeadlineBecomesSafeHtmlWithOnlyItsOwnMarks(string headline, string html) =>
        Assert.Equal(html, Snippet.ToHtml(headline));
}
