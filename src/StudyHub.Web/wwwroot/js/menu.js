// The header's menu on a phone is a popover, and a page change does not close it: Blazor's enhanced navigation keeps
// the header's elements, so the menu would stay open over the page the reader chose from it.
(() => {
    window.Blazor?.addEventListener("enhancedload", () => {
        const menu = document.getElementById("site-menu");
        if (menu?.matches(":popover-open")) {
            menu.hidePopover();
        }
    });
})();
