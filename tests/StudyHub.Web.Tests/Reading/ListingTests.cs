using StudyHub.Web.Components.Listing;

namespace StudyHub.Web.Tests.Reading;

public sealed class ListingTests
{
    static readonly List<string> Letters = [.. Enumerable.Range(0, 26).Select(i => ((char)('a' + i)).ToString())];

    [Fact]
    public void PagesForwardFromTheStartAndBackFromTheEndReachEveryItemOnce()
    {
        var forward = new List<string>();
        for (var page = Listing.Of(Letters, l => l, null, null, 10); ; page = Listing.Of(Letters, l => l, page.Next, null, 10))
        {
            forward.AddRange(page.Items);
            if (page.Next is null)
            {
                break;
            }
        }
        var last = Listing.Of(Letters, l => l, "p", null, 10);
        var backward = new List<string>(last.Items);
        for (var page = last; page.Previous is not null;)
        {
            page = Listing.Of(Letters, l => l, null, page.Previous, 10);
            backward.InsertRange(0, page.Items);
        }

        Assert.Equal(Letters, forward);
        Assert.Equal(["q", "r", "s", "t", "u", "v", "w", "x", "y", "z"], last.Items);
        Assert.Null(last.Next);
        Assert.Equal(Letters, backward);
    }

    [Fact]
    public void TheFirstPageSaysSoAndAPageBackToTheStartDoesToo()
    {
        var first = Listing.Of(Letters, l => l, null, null, 10);
        var backToStart = Listing.Of(Letters, l => l, null, "k", 10);

        Assert.True(first.AtStart);
        Assert.Null(first.Previous);
        Assert.Equal("j", first.Next);
        Assert.True(backToStart.AtStart);
        Assert.Equal(first.Items, backToStart.Items);
    }

    [Fact]
    public void AKeyNoLongerInTheListStartsFromTheBeginningAndAShortListHasOnePage()
    {
        var gone = Listing.Of(Letters, l => l, "no such key", null, 10);
        var single = Listing.Of(["a", "b"], l => l, null, null, 10);

        Assert.True(gone.AtStart);
        Assert.Equal(Letters.Take(10), gone.Items);
        Assert.True(single.AtStart);
        Assert.Null(single.Next);
        Assert.Null(single.Previous);
    }
}
