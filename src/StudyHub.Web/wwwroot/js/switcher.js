// Quick switcher: Ctrl+K / ⌘K, or the header button, opens a dialog that finds notes and not-yet-written
// concepts by name as you type (from /api/switcher, typos forgiven). Without script the header search box
// still works, so the button stays hidden until this runs.
(() => {
    const debounceMs = 120;
    let dialog, input, list, status;
    let options = [];
    let active = -1;
    let timer = 0;
    let latest = 0;
    let shownQuery = "";

    function ensureDialog() {
        // Enhanced navigation re-syncs the body with the server's markup, which drops a dialog added here.
        if (dialog && dialog.isConnected) {
            return;
        }
        dialog = document.createElement("dialog");
        dialog.className = "switcher";
        dialog.setAttribute("aria-modal", "true");
        dialog.setAttribute("aria-labelledby", "switcher-label");
        dialog.innerHTML = `
            <label id="switcher-label" for="switcher-input">Go to a note or concept</label>
            <input id="switcher-input" type="text" role="combobox" aria-autocomplete="list" aria-expanded="false"
                   aria-controls="switcher-options" autocomplete="off" spellcheck="false" placeholder="Type a name, e.g. Flamingo" />
            <ul id="switcher-options" role="listbox" aria-label="Matching notes and concepts"></ul>
            <p class="switcher-status" role="status" aria-live="polite"></p>
            <p class="switcher-keys"><kbd>↑</kbd><kbd>↓</kbd> to move, <kbd>Enter</kbd> to open, <kbd>Esc</kbd> to close</p>`;
        document.body.append(dialog);
        input = dialog.querySelector("input");
        list = dialog.querySelector("ul");
        status = dialog.querySelector(".switcher-status");

        input.addEventListener("input", () => {
            clearTimeout(timer);
            const query = input.value.trim();
            timer = setTimeout(() => find(query), debounceMs);
        });
        input.addEventListener("keydown", onKey);
        list.addEventListener("mousemove", event => {
            const option = event.target.closest("[role=option]");
            if (option) {
                setActive(Number(option.dataset.index));
            }
        });
        list.addEventListener("click", event => {
            const option = event.target.closest("[role=option]");
            if (option) {
                go(options[Number(option.dataset.index)]);
            }
        });
        dialog.addEventListener("click", event => {
            if (event.target === dialog) {
                dialog.close();
            }
        });
    }

    function open() {
        ensureDialog();
        if (!dialog.open) {
            dialog.showModal();
        }
        input.focus();
        input.select();
    }

    async function find(query) {
        const request = ++latest;
        if (query.length === 0) {
            show([], "");
            return;
        }
        try {
            const response = await fetch(`/api/switcher?q=${encodeURIComponent(query)}`, { headers: { Accept: "application/json" } });
            const found = response.ok ? await response.json() : [];
            if (request === latest) {
                show(found, query);
            }
        } catch {
            if (request === latest) {
                status.textContent = "Could not search just now.";
            }
        }
    }

    function show(found, query) {
        shownQuery = query;
        options = query.length === 0 ? [] : [
            ...found.map(o => ({ title: o.title, url: o.url, detail: o.detail, concept: o.isConcept })),
            { title: `Search all notes for “${query}”`, url: `/search?q=${encodeURIComponent(query)}`, detail: "Full-text search", search: true },
        ];
        list.replaceChildren(...options.map((option, index) => {
            const item = document.createElement("li");
            item.id = `switcher-option-${index}`;
            item.setAttribute("role", "option");
            item.dataset.index = index;
            item.className = option.search ? "switcher-search" : option.concept ? "switcher-concept" : "";
            const title = document.createElement("span");
            title.className = "switcher-title";
            title.textContent = option.title;
            const detail = document.createElement("span");
            detail.className = "switcher-detail";
            detail.textContent = option.detail;
            item.append(title, detail);
            return item;
        }));
        input.setAttribute("aria-expanded", String(options.length > 0));
        status.textContent = query.length === 0 ? "" :
            found.length === 0 ? "No note or concept has a name like that." :
            `${found.length} ${found.length === 1 ? "match" : "matches"}.`;
        setActive(options.length > 0 ? 0 : -1);
    }

    function setActive(index) {
        active = index;
        for (const item of list.children) {
            item.setAttribute("aria-selected", String(Number(item.dataset.index) === index));
        }
        if (index >= 0) {
            input.setAttribute("aria-activedescendant", `switcher-option-${index}`);
            list.children[index].scrollIntoView({ block: "nearest" });
        } else {
            input.removeAttribute("aria-activedescendant");
        }
    }

    async function onKey(event) {
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            if (options.length > 0) {
                const step = event.key === "ArrowDown" ? 1 : -1;
                setActive((active + step + options.length) % options.length);
            }
        } else if (event.key === "Enter") {
            event.preventDefault();
            // Enter straight after typing opens the best match for what was typed, not for what came before.
            clearTimeout(timer);
            if (input.value.trim() !== shownQuery) {
                await find(input.value.trim());
            }
            if (active >= 0) {
                go(options[active]);
            }
        }
    }

    function go(option) {
        dialog.close();
        if (window.Blazor && window.Blazor.navigateTo) {
            window.Blazor.navigateTo(option.url);
        } else {
            location.assign(option.url);
        }
    }

    function showButton() {
        for (const button of document.querySelectorAll(".switcher-open")) {
            button.hidden = false;
            button.querySelector("kbd").textContent = /Mac|iPhone|iPad/.test(navigator.platform) ? "⌘K" : "Ctrl K";
        }
    }

    document.addEventListener("keydown", event => {
        if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "k") {
            event.preventDefault();
            open();
        }
    });
    document.addEventListener("click", event => {
        if (event.target.closest(".switcher-open")) {
            open();
        }
    });
    document.addEventListener("DOMContentLoaded", showButton);
    if (window.Blazor) {
        window.Blazor.addEventListener("enhancedload", showButton);
    } else {
        document.addEventListener("blazor:ready", showButton);
    }
    showButton();
})();
