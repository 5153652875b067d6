using Microsoft.AspNetCore.Components;

namespace StudyHub.Web.Components;

public static class PageAddress
{
    /// A link to an element of the page being shown. The app sets <base href="/">, so a bare "#main" would lead to the
    /// home page (and reloading it would open the home page).
    public static string LinkTo(this NavigationManager navigation, string id) => $"{new Uri(navigation.Uri).PathAndQuery}#{id}";
}
