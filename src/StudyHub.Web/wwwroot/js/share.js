// Share links: a copy-link button on every heading of a note, and "copy link to this passage" for
// selected text (a text fragment URL that browsers scroll to and highlight).
(() => {
    const status = () => document.getElementById("share-status");

    async function copy(text, message) {
        try {
            await navigator.clipboard.writeText(text);
        } catch {
            window.prompt("Copy this link:", text);
        }
        const region = status();
        if (region) {
            region.textContent = message;
        }
    }

    function addHeadingLinks() {
        for (const heading of document.querySelectorAll(".note-body :is(h1, h2, h3, h4, h5, h6)[id]:not([data-share])")) {
            heading.setAttribute("data-share", "");
            const button = document.createElement("button");
            button.type = "button";
            button.className = "heading-link";
            button.textContent = "#";
            button.setAttribute("aria-label", `Copy link to section ${heading.textContent.trim()}`);
            button.addEventListener("click", () =>
                copy(`${location.origin}${location.pathname}#${encodeURIComponent(heading.id)}`, "Link to section copied."));
            heading.append(button);
        }
    }

    // The text fragment syntax reserves these characters inside its terms.
    const term = text => encodeURIComponent(text).replace(/-/g, "%2D").replace(/,/g, "%2C").replace(/&/g, "%26");

    function passageLink(text) {
        const words = text.trim().split(/\s+/);
        const fragment = words.length <= 8
            ? term(words.join(" "))
            : `${term(words.slice(0, 4).join(" "))},${term(words.slice(-4).join(" "))}`;
        return `${location.origin}${location.pathname}${location.search}#:~:text=${fragment}`;
    }

    let button = null;

    function hidePassageButton() {
        button?.remove();
        button = null;
    }

    function offerPassageLink() {
        const selection = document.getSelection();
        const text = selection?.toString() ?? "";
        const body = document.querySelector(".note-body");
        if (!body || !selection || selection.isCollapsed || text.trim().length < 3
            || !body.contains(selection.anchorNode) || !body.contains(selection.focusNode)) {
            hidePassageButton();
            return;
        }
        const box = selection.getRangeAt(0).getBoundingClientRect();
        button ??= document.createElement("button");
        button.type = "button";
        button.className = "passage-link button-primary";
        button.textContent = "Copy link to passage";
        button.onclick = () => {
            copy(passageLink(text), "Link to passage copied.");
            hidePassageButton();
        };
        button.style.left = `${window.scrollX + box.left}px`;
        button.style.top = `${window.scrollY + box.bottom + 6}px`;
        document.body.append(button);
    }

    document.addEventListener("mouseup", () => setTimeout(offerPassageLink, 0));
    document.addEventListener("keyup", event => event.shiftKey && offerPassageLink());
    document.addEventListener("DOMContentLoaded", addHeadingLinks);
    window.Blazor?.addEventListener("enhancedload", () => {
        hidePassageButton();
        addHeadingLinks();
    });
    addHeadingLinks();
    window.StudyHubShare = { passageLink };
})();
