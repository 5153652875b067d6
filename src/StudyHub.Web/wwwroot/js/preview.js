// Hover previews of internal links: the start of the target note in a popover, fetched once on demand.
(() => {
    const cache = new Map();
    let popover = null;
    let timer = 0;
    let current = null;

    // A note's address, as its link writes it (already escaped): /notes/cs224n/lectures/transformers.
    function addressOf(link) {
        const url = new URL(link.href, location.href);
        const match = url.origin === location.origin && url.pathname.match(/^\/notes\/(.+)$/);
        return match ? match[1] : null;
    }

    function load(address) {
        if (!cache.has(address)) {
            cache.set(address, fetch(`/api/previews/${address}`)
                .then(response => response.ok ? response.json() : null)
                .catch(() => null));
        }
        return cache.get(address);
    }

    function hide() {
        clearTimeout(timer);
        current?.removeAttribute("aria-describedby");
        current = null;
        popover?.remove();
        popover = null;
    }

    function show(link, preview) {
        hide();
        current = link;
        popover = document.createElement("div");
        popover.id = "link-preview";
        popover.className = "link-preview";
        popover.setAttribute("role", "tooltip");
        const title = document.createElement("strong");
        title.textContent = preview.title;
        const excerpt = document.createElement("p");
        excerpt.textContent = preview.excerpt || "No text yet.";
        popover.append(title, excerpt);
        document.body.append(popover);
        const box = link.getBoundingClientRect();
        const width = Math.min(360, window.innerWidth - 16);
        popover.style.width = `${width}px`;
        popover.style.left = `${Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + window.innerWidth - width - 8))}px`;
        popover.style.top = `${window.scrollY + box.bottom + 6}px`;
        link.setAttribute("aria-describedby", popover.id);
    }

    function schedule(event) {
        const link = event.target.closest?.("a.wikilink:not(.unresolved), .backlinks a, .link-cloud a");
        if (!link || link === current) {
            return;
        }
        const address = addressOf(link);
        if (!address) {
            return;
        }
        clearTimeout(timer);
        timer = setTimeout(async () => {
            const preview = await load(address);
            if (preview && link.matches(":hover, :focus")) {
                show(link, preview);
            }
        }, 250);
    }

    function leave(event) {
        if (current && !current.contains(event.relatedTarget)) {
            hide();
        }
    }

    document.addEventListener("mouseover", schedule);
    document.addEventListener("focusin", schedule);
    document.addEventListener("mouseout", leave);
    document.addEventListener("focusout", leave);
    document.addEventListener("keydown", event => event.key === "Escape" && hide());
    window.Blazor?.addEventListener("enhancedload", hide);
})();
