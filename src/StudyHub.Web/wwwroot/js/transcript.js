// The transcript beside the lecture player: the cue being said is highlighted and kept in view while the reader lets
// it follow, a search narrows the cues, times written in the note show what was said then, and a signed-in reader may
// annotate a cue. Clicking a cue seeks through player.js; without either script the cues are links that open the note
// cued there.
(() => {
    if (window.StudyHubTranscript) {
        return;
    }

    // A seek lands a fraction before its target (player.js); that cue has still been reached.
    const reached = 0.25;
    const setUps = new WeakMap();

    function cuesOf(panel) {
        return [...panel.querySelectorAll("a.transcript-cue")].map(link => ({
            link,
            start: Number(link.dataset.start) / 1000,
            end: Number(link.dataset.end) / 1000,
            words: link.querySelector(".transcript-words")?.textContent ?? "",
        }));
    }

    // The cue that started last among those still being said at that moment.
    function cueAt(cues, seconds) {
        let found = null;
        for (const cue of cues) {
            if (cue.start > seconds + reached) {
                break;
            }
            if (cue.end > seconds) {
                found = cue;
            }
        }
        return found;
    }

    function setUp(panel) {
        // Enhanced navigation may keep the panel's element for another note's cues: set up anew for them.
        const key = panel.dataset.transcript;
        const existing = setUps.get(panel);
        if (existing?.key === key) {
            // The page's markup, patched back by an enhanced navigation, hides the tools again.
            panel.querySelector("[data-transcript-tools]")?.removeAttribute("hidden");
            return;
        }
        existing?.listening.abort();
        const root = panel.closest("[data-lecture-player]");
        const list = panel.querySelector("[data-transcript-cues]");
        const tools = panel.querySelector("[data-transcript-tools]");
        const search = panel.querySelector("[data-transcript-search]");
        const followButton = panel.querySelector("[data-transcript-follow]");
        const status = panel.querySelector("[data-transcript-status]");
        if (!root || !list || !tools || !search || !followButton || !status) {
            return;
        }
        const cues = cuesOf(panel);
        const listening = new AbortController();
        const signal = listening.signal;
        setUps.set(panel, { key, cues, listening });
        let current = null;
        let following = true;
        tools.hidden = false;

        const keepInView = () => {
            if (current && following && !current.link.closest("li").hidden) {
                list.scrollTop = current.link.offsetTop - list.clientHeight / 3;
            }
        };

        root.addEventListener("lecture-time", event => {
            const cue = cueAt(cues, event.detail.seconds);
            if (cue === current) {
                return;
            }
            current?.link.classList.remove("is-current");
            current?.link.removeAttribute("aria-current");
            current = cue;
            current?.link.classList.add("is-current");
            current?.link.setAttribute("aria-current", "time");
            keepInView();
        }, { signal });

        // Only the reader's own scrolling frees the list; ours (keepInView) comes from no input.
        const free = () => {
            if (following) {
                following = false;
                followButton.hidden = false;
            }
        };
        list.addEventListener("wheel", free, { passive: true, signal });
        list.addEventListener("touchmove", free, { passive: true, signal });
        list.addEventListener("keydown", event => {
            if (["ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End", " "].includes(event.key)) {
                free();
            }
        }, { signal });
        list.addEventListener("pointerdown", event => {
            if (event.target === list) {
                free();
            }
        }, { signal });
        followButton.addEventListener("click", () => {
            following = true;
            followButton.hidden = true;
            keepInView();
        }, { signal });

        search.addEventListener("input", () => {
            const words = search.value.trim().toLocaleLowerCase();
            let shown = 0;
            for (const cue of cues) {
                const hide = words !== "" && !cue.words.toLocaleLowerCase().includes(words);
                cue.link.closest("li").hidden = hide;
                shown += hide ? 0 : 1;
            }
            status.textContent = words === "" ? "" : shown === 0 ? `Nothing said matches “${search.value.trim()}”.`
                : `${shown} of ${cues.length} cues`;
            keepInView();
        }, { signal });
    }

    // What was said in a cue, without the speaker's name: the words the server quotes.
    function wordsOf(link) {
        const words = link.querySelector(".transcript-words");
        return [...(words?.childNodes ?? [])].filter(node => !node.matches?.(".transcript-speaker")).map(node => node.textContent).join("").trim();
    }

    // A signed-in reader's discussion panel (DiscussionPanel) offers to annotate what was said: a button beside each
    // cue hands the panel the cue's words and which cue it is. Returns what takes the buttons away.
    function offerAnnotation(panel) {
        const buttons = [];
        for (const transcript of document.querySelectorAll("[data-transcript]")) {
            for (const link of transcript.querySelectorAll("a.transcript-cue")) {
                const button = Object.assign(document.createElement("button"), { type: "button", className: "transcript-annotate", textContent: "Annotate" });
                button.setAttribute("aria-label", `Annotate what was said at ${link.querySelector("time")?.textContent ?? ""}`);
                button.addEventListener("click", () => panel.invokeMethodAsync("Compose", {
                    quote: wordsOf(link), prefix: "", suffix: "", heading: null, seconds: null,
                    cue: { recording: Number(transcript.dataset.recording ?? 0), start: Number(link.dataset.start) },
                }));
                link.after(button);
                buttons.push(button);
            }
        }
        return { dispose: () => buttons.forEach(button => button.remove()) };
    }

    // A time written in the note shows, on pointing or focus, what was said then, in the look of link previews
    // (preview.js). The server answers from the transcript (NotePage writes where to ask), so it reads the words of
    // whichever recording the time seeks, and only of notes the reader may read.
    const saidAt = new Map();
    let saying = null;

    function unsay() {
        saying?.time.removeAttribute("aria-describedby");
        saying?.popover.remove();
        saying = null;
    }

    async function say(event) {
        const time = event.target.closest?.(".note-body[data-said] a.timestamp[data-seconds]");
        if (!time || time === saying?.time) {
            return;
        }
        const url = `${time.closest("[data-said]").dataset.said}?at=${encodeURIComponent(time.dataset.seconds)}`;
        if (!saidAt.has(url)) {
            saidAt.set(url, fetch(url).then(response => response.ok ? response.json() : null).catch(() => null));
        }
        const words = await saidAt.get(url);
        if (!words || !time.matches(":hover, :focus")) {
            return;
        }
        unsay();
        const popover = Object.assign(document.createElement("div"), { id: "said-at", className: "link-preview said-at" });
        popover.setAttribute("role", "tooltip");
        const title = Object.assign(document.createElement("strong"), { textContent: `Said at ${words.time}${words.speaker ? ` by ${words.speaker}` : ""}` });
        popover.append(title, Object.assign(document.createElement("p"), { textContent: words.words }));
        document.body.append(popover);
        const box = time.getBoundingClientRect();
        popover.style.left = `${Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + window.innerWidth - popover.offsetWidth - 8))}px`;
        popover.style.top = `${window.scrollY + box.bottom + 6}px`;
        time.setAttribute("aria-describedby", popover.id);
        saying = { time, popover };
    }

    const leave = event => saying && !saying.time.contains(event.relatedTarget) && unsay();
    document.addEventListener("mouseover", say);
    document.addEventListener("focusin", say);
    document.addEventListener("mouseout", leave);
    document.addEventListener("focusout", leave);
    document.addEventListener("keydown", event => event.key === "Escape" && unsay());

    function init() {
        unsay();
        document.querySelectorAll("[data-transcript]").forEach(setUp);
    }

    let blazorHooked = false;

    function start() {
        if (!blazorHooked && window.Blazor?.addEventListener) {
            window.Blazor.addEventListener("enhancedload", init);
            blazorHooked = true;
        }
        init();
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
    window.StudyHubTranscript = { init: start, offerAnnotation };
})();
