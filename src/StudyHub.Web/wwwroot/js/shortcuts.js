// "?" pressed anywhere but in a text field opens the list of the site's keyboard shortcuts
// (Components/Layout/ShortcutHelp.razor); Escape or its Close button closes it, and focus goes back where it was.
(() => {
    let returnTo = null;
    const typing = target => target instanceof Element
        && target.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])") !== null;

    document.addEventListener("keydown", event => {
        if (event.key !== "?" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || typing(event.target)) {
            return;
        }
        const help = document.getElementById("shortcut-help");
        // Over another dialog, such as the note finder, "?" is left alone.
        if (!help || document.querySelector("dialog[open]")) {
            return;
        }
        event.preventDefault();
        returnTo = document.activeElement;
        help.showModal();
    });
    document.addEventListener("click", event => {
        if (event.target instanceof Element && event.target.closest("[data-shortcut-help-close]")) {
            document.getElementById("shortcut-help")?.close();
        }
    });
    // "close" does not bubble; it is caught on its way down.
    document.addEventListener("close", event => {
        if (event.target.id === "shortcut-help") {
            if (returnTo instanceof HTMLElement && returnTo.isConnected) {
                returnTo.focus();
            }
            returnTo = null;
        }
    }, true);
})();
