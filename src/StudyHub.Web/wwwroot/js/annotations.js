// A note's discussion on the page: highlights painted on the passages readers annotated, the panel listing
// them in reading order (linked both ways), replies, the note's comment thread, and live updates from the
// server's event stream. Everything a reader wrote arrives as text or as HTML the server rendered safely.
(() => {
    // Only our own object says the script already ran: a note's <a id="StudyHubDiscussion"> makes the name an element.
    if (typeof window.StudyHubDiscussion?.refresh === "function") {
        return;
    }

    // Whitespace as .NET's char.IsWhiteSpace has it, since the server counts the note's text that way.
    const space = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
    const squeeze = text => [...(text ?? "")].filter(c => !space.test(c)).join("");

    // The page's text as the server counts the note's (without whitespace), and for each character the text node and
    // offset it came from. A formula KaTeX drew counts as the source the note holds, \(…\) or \[…\], and is not painted.
    function textIndex(body) {
        const nodes = [];
        const offsets = [];
        let text = "";
        const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
            acceptNode: node => node.nodeType === Node.ELEMENT_NODE
                ? (node.matches(".katex") ? NodeFilter.FILTER_ACCEPT : node.matches("button, .embed-missing, script, style") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP)
                : node.parentElement?.closest(".katex") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
        });
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.nodeType === Node.ELEMENT_NODE) {
                const source = node.querySelector("annotation[encoding='application/x-tex']")?.textContent ?? "";
                const formula = squeeze(node.parentElement?.closest(".katex-display") ? `\\[${source}\\]` : `\\(${source}\\)`);
                text += formula;
                nodes.push(...Array(formula.length).fill(null));
                offsets.push(...Array(formula.length).fill(0));
                continue;
            }
            const value = node.nodeValue;
            for (let i = 0; i < value.length; i++) {
                if (!space.test(value[i])) {
                    text += value[i];
                    nodes.push(node);
                    offsets.push(i);
                }
            }
        }
        return { text, nodes, offsets };
    }

    // Wraps each text node's share of the passage in a mark; whitespace between blocks is left alone.
    function paint(index, found, id) {
        const pieces = new Map();
        for (let i = found.from; i < found.to; i++) {
            const node = index.nodes[i];
            if (!node) {
                continue;
            }
            const piece = pieces.get(node) ?? { from: index.offsets[i], to: index.offsets[i] + 1 };
            piece.to = index.offsets[i] + 1;
            pieces.set(node, piece);
        }
        const marks = [];
        for (const [node, piece] of pieces) {
            if (node.parentElement?.closest("mark.annotation-highlight")) {
                // Overlapping passages: the first one painted keeps the text, the panel still lists both.
                continue;
            }
            const middle = piece.from > 0 ? node.splitText(piece.from) : node;
            if (piece.to - piece.from < middle.nodeValue.length) {
                middle.splitText(piece.to - piece.from);
            }
            const mark = document.createElement("mark");
            mark.className = "annotation-highlight";
            mark.dataset.annotation = id;
            mark.tabIndex = 0;
            middle.replaceWith(mark);
            mark.append(middle);
            marks.push(mark);
        }
        return marks;
    }

    function unpaint(body) {
        for (const mark of body.querySelectorAll("mark.annotation-highlight")) {
            const parent = mark.parentNode;
            mark.replaceWith(...mark.childNodes);
            parent.normalize();
        }
    }

    // A random (version 4) UUID; crypto.randomUUID exists only on HTTPS and localhost pages.
    function newId() {
        if (crypto.randomUUID) {
            return crypto.randomUUID();
        }
        const bytes = crypto.getRandomValues(new Uint8Array(16));
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        const hex = Array.from(bytes, b => b.toString(16).padStart(2, "0")).join("");
        return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }

    function formatTime(seconds) {
        const s = Math.max(0, Math.floor(seconds));
        const two = n => String(n).padStart(2, "0");
        return s >= 3600 ? `${Math.floor(s / 3600)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}` : `${Math.floor(s / 60)}:${two(s % 60)}`;
    }

    function element(tag, properties = {}, ...children) {
        const node = document.createElement(tag);
        for (const [name, value] of Object.entries(properties)) {
            if (name === "dataset") {
                Object.assign(node.dataset, value);
            } else if (name in node) {
                node[name] = value;
            } else {
                node.setAttribute(name, value);
            }
        }
        node.append(...children.filter(child => child !== null && child !== undefined));
        return node;
    }

    // The page has <base href="/">, so a bare "#fragment" would point at the home page.
    const here = id => `${location.pathname}${location.search}#annotation-${id}`;

    // Who may see a post, in the order the server's comment form lists them (the panel's data-visibilities).
    let visibilityNames = {};

    function visibilitySelect(selected, label) {
        const select = element("select", { name: "visibility", "aria-label": label });
        for (const [value, text] of Object.entries(visibilityNames)) {
            select.append(element("option", { value, textContent: text, selected: value === selected }));
        }
        return select;
    }

    function start(root) {
        const slug = root.dataset.discussion;
        const signedIn = root.dataset.signedIn === "true";
        // What the API accepts, as the server wrote it on the panel.
        const limits = JSON.parse(root.dataset.limits);
        visibilityNames = JSON.parse(root.dataset.visibilities);
        const body = document.querySelector(".note-body");
        const api = `/api/notes/${encodeURIComponent(slug)}`;
        const listening = new AbortController();
        const openForms = new Map();
        let token = null;
        let annotations = [];
        let loading = null;
        let again = false;
        let focusedOnce = false;
        let activeId = null;
        const unanswered = new Map();

        const say = message => {
            root.querySelector("[data-discussion-status]").textContent = message;
        };

        async function antiforgery() {
            if (!token) {
                const response = await fetch("/api/antiforgery", { credentials: "same-origin" });
                token = await response.json();
            }
            return token;
        }

        async function send(method, url, data) {
            const { headerName, token: value } = await antiforgery();
            // A post keeps its id until it is answered, so that sending it again, by the retries below or by the reader
            // pressing the button once more, cannot post it twice: the server answers with the post already made.
            const key = method === "POST" ? `${url}\n${JSON.stringify(data)}` : null;
            if (key !== null && !unanswered.has(key)) {
                unanswered.set(key, newId());
            }
            const response = await fetchPatiently(url, {
                method,
                credentials: "same-origin",
                headers: { "Content-Type": "application/json", [headerName]: value },
                body: data === undefined ? undefined : JSON.stringify(key === null ? data : { ...data, id: unanswered.get(key) }),
            });
            if (key !== null && response.status < 500) {
                unanswered.delete(key);
            }
            if (response.status === 429) {
                throw new Error("You are posting too fast; wait a minute and try again.");
            }
            if (!response.ok) {
                const text = await response.text();
                // A refused request is a validation problem: one sentence per field that broke a limit.
                const problem = response.headers.get("Content-Type")?.includes("problem+json") ? JSON.parse(text) : null;
                const message = problem?.errors ? Object.values(problem.errors).flat().join(" ") : text.replace(/^"|"$/g, "");
                throw new Error(message || `The server answered ${response.status}.`);
            }
            return response.status === 204 ? null : response.json();
        }

        // Asks again after a second, then two, when no answer came or the server said to try later.
        async function fetchPatiently(url, options) {
            for (const wait of [1000, 2000, null]) {
                try {
                    const response = await fetch(url, options);
                    if (wait === null || ![502, 503, 504].includes(response.status)) {
                        return response;
                    }
                } catch {
                    if (wait === null) {
                        throw new Error("The server did not answer. Check your connection and try again.");
                    }
                }
                await new Promise(resolve => setTimeout(resolve, wait));
            }
        }

        // Loads the discussion; changes that arrive while loading load it once more afterwards.
        async function refresh() {
            if (loading) {
                again = true;
                return loading;
            }
            loading = (async () => {
                try {
                    const [annotationsResponse, commentsResponse] = await Promise.all([
                        fetch(`${api}/annotations`, { credentials: "same-origin" }),
                        fetch(`${api}/comments`, { credentials: "same-origin" }),
                    ]);
                    if (annotationsResponse.ok && commentsResponse.ok) {
                        render(await annotationsResponse.json(), await commentsResponse.json());
                    } else {
                        say("The discussion could not be loaded.");
                    }
                } catch {
                    say("The discussion could not be loaded; it will be tried again.");
                }
            })();
            await loading;
            loading = null;
            if (again) {
                again = false;
                await refresh();
            }
        }

        function render(list, comments) {
            annotations = list;
            if (body) {
                unpaint(body);
                const index = textIndex(body);
                const before = Number(body.dataset.textBefore ?? 0);
                for (const annotation of list) {
                    // The server placed the annotation; the page paints it there if its own text holds those words.
                    const highlight = annotation.highlight;
                    const found = highlight && { from: highlight.from - before, to: highlight.to - before };
                    const paintable = found && found.from >= 0 && index.text.slice(found.from, found.to) === squeeze(highlight.text);
                    annotation.marks = paintable ? paint(index, found, annotation.id) : [];
                    if (paintable) {
                        // Painting split text nodes: the index must describe the page as it is now.
                        Object.assign(index, textIndex(body));
                    }
                }
            }
            const placed = list.filter(a => a.status !== "Orphaned");
            const orphans = list.filter(a => a.status === "Orphaned");
            root.querySelector("[data-annotations]").replaceChildren(...placed.map(annotationItem));
            root.querySelector("[data-orphans]").replaceChildren(...orphans.map(annotationItem));
            root.querySelector("[data-orphans-section]").hidden = orphans.length === 0;
            root.querySelector("[data-no-annotations]").hidden = list.length > 0;
            root.querySelector("[data-comments]").replaceChildren(...comments.map(comment => commentItem(comment, null)));
            root.querySelector("[data-no-comments]").hidden = comments.length > 0;
            for (const [key, form] of openForms) {
                const [kind, id] = key.split(":");
                const host = root.querySelector(`[data-item="${CSS.escape(id)}"]`);
                if (host) {
                    host.querySelector(kind === "edit" ? ".discussion-text" : ".replies").after(form);
                } else {
                    openForms.delete(key);
                }
            }
            markTimeline(placed);
            if (!focusedOnce && location.hash.startsWith("#annotation-")) {
                focusedOnce = true;
                activate(location.hash.slice("#annotation-".length), { scrollPassage: true });
            } else if (activeId) {
                activate(activeId);
            }
        }

        // Annotations made at a moment of the lecture join the times of the note on the player's timeline.
        function markTimeline(list) {
            const markers = document.querySelector("[data-timeline] .timeline-markers");
            if (!markers) {
                return;
            }
            markers.querySelectorAll("[data-discussion-marker]").forEach(marker => marker.remove());
            const duration = Number(markers.closest("[data-timeline]").dataset.duration);
            for (const annotation of list.filter(a => a.mediaSeconds !== null && a.mediaSeconds !== undefined)) {
                const seconds = annotation.mediaSeconds;
                const link = element("a", { href: `${location.pathname}?t=${seconds}#annotation-${annotation.id}`, dataset: { seconds: String(seconds) } },
                    element("time", { dateTime: `PT${seconds}S`, textContent: formatTime(seconds) }), " ",
                    element("span", { className: "timeline-label", textContent: `${annotation.author}: ${annotation.quote.slice(0, 60)}` }));
                link.addEventListener("click", () => activate(annotation.id, { scrollPassage: true, scrollPanel: true }));
                const marker = element("li", { className: "timeline-marker", dataset: { kind: "annotation", discussionMarker: "" } }, link);
                if (duration > 0) {
                    marker.style.setProperty("--at", `${Math.min(100, 100 * seconds / duration).toFixed(3)}%`);
                }
                const later = [...markers.children].find(other => Number(other.querySelector("a[data-seconds]")?.dataset.seconds) > seconds);
                markers.insertBefore(marker, later ?? null);
            }
        }

        function activate(id, { scrollPassage = false, scrollPanel = false } = {}) {
            for (const active of document.querySelectorAll(".annotation.is-active, mark.annotation-highlight.is-active")) {
                active.classList.remove("is-active");
            }
            activeId = id;
            const annotation = annotations.find(a => a.id === id);
            const item = document.getElementById(`annotation-${id}`);
            item?.classList.add("is-active");
            annotation?.marks?.forEach(mark => mark.classList.add("is-active"));
            if (scrollPassage && annotation?.marks?.length) {
                annotation.marks[0].scrollIntoView({ block: "center" });
            }
            if (scrollPanel) {
                item?.scrollIntoView({ block: "nearest" });
                item?.focus({ preventScroll: true });
            }
        }

        function meta(entry, extra = []) {
            return element("p", { className: "discussion-meta" },
                element("span", { className: "discussion-author", textContent: entry.author }),
                window.StudyHubWhen.element(entry.createdAt),
                entry.updatedAt !== entry.createdAt ? element("span", { textContent: "edited" }) : null,
                element("span", { className: "discussion-badge", textContent: visibilityNames[entry.visibility] ?? entry.visibility }),
                entry.hidden ? element("span", { className: "discussion-badge", textContent: "hidden" }) : null,
                ...extra);
        }

        // The server renders what readers write with raw HTML disabled and unsafe links removed.
        const text = html => element("div", { className: "discussion-text", innerHTML: html });

        function annotationItem(annotation) {
            const extra = [];
            if (annotation.mediaSeconds !== null && annotation.mediaSeconds !== undefined) {
                extra.push(element("a", {
                    className: "timestamp", href: `${location.pathname}?t=${annotation.mediaSeconds}`, textContent: formatTime(annotation.mediaSeconds),
                    dataset: { seconds: String(annotation.mediaSeconds) }, "aria-label": `Play the lecture at ${formatTime(annotation.mediaSeconds)}`,
                }));
            }
            if (annotation.status === "Moved") {
                extra.push(element("span", { className: "discussion-badge", textContent: "moved", title: "The passage was edited since; this is where its words are now." }));
            }
            if (annotation.resolved) {
                extra.push(element("span", { className: "discussion-badge", textContent: "resolved" }));
            }
            const quote = element("a", { href: here(annotation.id), textContent: annotation.quote });
            quote.addEventListener("click", event => {
                event.preventDefault();
                history.replaceState(history.state, "", here(annotation.id));
                activate(annotation.id, { scrollPassage: true });
            });
            const actions = element("div", { className: "discussion-actions" });
            if (signedIn) {
                actions.append(button("Reply", () => openReply(annotation)));
            }
            actions.append(button("Copy link", () => copyLink(annotation)));
            if (annotation.mine) {
                actions.append(button("Edit", () => openEdit(annotation, true)));
            }
            if (annotation.mayResolve) {
                actions.append(button(annotation.resolved ? "Reopen" : "Resolve",
                    () => change(`/api/annotations/${annotation.id}`, { resolved: !annotation.resolved })));
            }
            if (root.dataset.moderates === "true") {
                actions.append(button(annotation.hidden ? "Unhide" : "Hide",
                    () => change(`/api/annotations/${annotation.id}`, { hidden: !annotation.hidden })));
            }
            if (annotation.mayDelete) {
                actions.append(button("Delete", () => remove(`/api/annotations/${annotation.id}`, "Delete this annotation and its replies?")));
            }
            const classes = ["annotation", annotation.resolved ? "is-resolved" : "", annotation.hidden ? "is-hidden" : ""].filter(Boolean).join(" ");
            return element("li", { className: classes, id: `annotation-${annotation.id}`, tabIndex: -1, dataset: { item: annotation.id } },
                element("blockquote", { className: "annotation-quote" }, quote),
                meta(annotation, extra),
                text(annotation.bodyHtml),
                element("ol", { className: "replies", "aria-label": "Replies" }, ...annotation.replies.map(reply => commentItem(reply, annotation))),
                actions);
        }

        function commentItem(comment, annotation) {
            const actions = element("div", { className: "discussion-actions" });
            if (comment.mine) {
                actions.append(button("Edit", () => openEdit(comment, false)));
            }
            if (root.dataset.moderates === "true") {
                actions.append(button(comment.hidden ? "Unhide" : "Hide", () => change(`/api/comments/${comment.id}`, { hidden: !comment.hidden })));
            }
            if (comment.mayDelete) {
                actions.append(button("Delete", () => remove(`/api/comments/${comment.id}`, annotation ? "Delete this reply?" : "Delete this comment?")));
            }
            return element("li", { className: `comment${comment.hidden ? " is-hidden" : ""}`, id: `comment-${comment.id}`, dataset: { item: comment.id } },
                meta(comment), text(comment.bodyHtml), actions);
        }

        function button(label, action) {
            const control = element("button", { type: "button", textContent: label });
            control.addEventListener("click", action);
            return control;
        }

        async function change(url, data) {
            try {
                await send("PATCH", url, data);
                await refresh();
            } catch (error) {
                say(error.message);
            }
        }

        async function remove(url, question) {
            if (!window.confirm(question)) {
                return;
            }
            try {
                await send("DELETE", url);
                await refresh();
            } catch (error) {
                say(error.message);
            }
        }

        async function copyLink(annotation) {
            const link = `${location.origin}/annotations/${annotation.id}`;
            try {
                await navigator.clipboard.writeText(link);
                say("Link to the annotation copied.");
            } catch {
                window.prompt("Copy this link:", link);
            }
        }

        // A small form with a text box; submit posts it, cancel or success closes it.
        function form(key, { label, value = "", submitLabel, extra = [], onSubmit, onClose = () => { } }) {
            openForms.get(key)?.remove();
            const box = element("textarea", { name: "body", rows: 3, maxLength: limits.body, required: true, value, "aria-label": label });
            const error = element("p", { className: "form-error", role: "alert" });
            const cancel = button("Cancel", () => close());
            const shape = element("form", { className: "discussion-form", dataset: { form: key } },
                box, ...extra, element("div", { className: "form-row" }, element("button", { type: "submit", textContent: submitLabel }), cancel), error);
            const close = () => {
                shape.remove();
                openForms.delete(key);
                onClose();
            };
            shape.addEventListener("submit", async event => {
                event.preventDefault();
                error.textContent = "";
                try {
                    await onSubmit(box.value, shape);
                    close();
                    await refresh();
                } catch (failure) {
                    error.textContent = failure.message;
                }
            });
            openForms.set(key, shape);
            return { shape, box };
        }

        function openReply(annotation) {
            const { shape, box } = form(`reply:${annotation.id}`, {
                label: "Your reply", submitLabel: "Reply",
                onSubmit: value => send("POST", `/api/annotations/${annotation.id}/replies`, { body: value }),
            });
            document.getElementById(`annotation-${annotation.id}`)?.querySelector(".replies").after(shape);
            box.focus();
        }

        function openEdit(entry, isAnnotation) {
            const extra = [];
            const visibility = visibilitySelect(entry.visibility, "Visible to");
            const time = element("input", {
                type: "text", name: "time", inputMode: "numeric", placeholder: "mm:ss", "aria-label": "Time in the lecture",
                value: entry.mediaSeconds === null || entry.mediaSeconds === undefined ? "" : formatTime(entry.mediaSeconds),
            });
            if (isAnnotation) {
                extra.push(element("div", { className: "form-row" }, visibility, playerAvailable() ? time : null));
            }
            const { shape, box } = form(`edit:${entry.id}`, {
                label: "Edit", value: entry.body, submitLabel: "Save", extra,
                onSubmit: value => isAnnotation
                    ? send("PATCH", `/api/annotations/${entry.id}`, {
                        body: value, visibility: visibility.value, ...(time.value.trim() ? timeField(time.value) : { removeMediaSeconds: true }),
                    })
                    : send("PATCH", `/api/comments/${entry.id}`, { body: value }),
            });
            document.querySelector(`[data-item="${CSS.escape(entry.id)}"] .discussion-text`)?.after(shape);
            box.focus();
        }

        function timeField(value) {
            if (!value.trim()) {
                return {};
            }
            const seconds = window.StudyHubPlayer?.parseTime(value);
            if (seconds === null || seconds === undefined) {
                throw new Error("Write the time as mm:ss, h:mm:ss or seconds.");
            }
            return { mediaSeconds: seconds };
        }

        const lectureMoment = () => {
            const host = document.querySelector("[data-lecture-player]");
            return host ? window.StudyHubPlayer?.momentIn(host) ?? null : null;
        };
        const playerAvailable = () => document.querySelector("[data-lecture-player]") !== null;

        // Annotating a selection: the quote with the page's text on either side, and the player's time.
        function openComposer(selection) {
            const range = selection.getRangeAt(0);
            const before = document.createRange();
            before.setStart(body, 0);
            before.setEnd(range.startContainer, range.startOffset);
            const after = document.createRange();
            after.setStart(range.endContainer, range.endOffset);
            after.setEnd(body, body.childNodes.length);
            const quote = selection.toString().trim();
            const headings = [...body.querySelectorAll("h1, h2, h3, h4, h5, h6")]
                .filter(heading => heading.compareDocumentPosition(range.startContainer) & Node.DOCUMENT_POSITION_FOLLOWING);
            const heading = headings.at(-1)?.textContent.replace(/#$/, "").trim().slice(0, 300) ?? null;
            const current = lectureMoment();
            const visibility = visibilitySelect("Members", "Visible to");
            const time = element("input", {
                type: "text", name: "time", inputMode: "numeric", placeholder: "mm:ss", "aria-label": "Time in the lecture",
                value: current === null || current === undefined ? "" : formatTime(current),
            });
            const composer = root.querySelector("[data-composer]");
            const { shape, box } = form("compose:new", {
                label: "Your annotation", submitLabel: "Annotate", onClose: () => composer.replaceChildren(),
                extra: [element("div", { className: "form-row" }, visibility, playerAvailable() ? time : null)],
                onSubmit: async value => {
                    const created = await send("POST", `${api}/annotations`, {
                        quote, prefix: before.toString().slice(-limits.context), suffix: after.toString().slice(0, limits.context),
                        body: value, visibility: visibility.value, heading, ...timeField(time.value),
                    });
                    history.replaceState(history.state, "", here(created.id));
                    focusedOnce = false;
                },
            });
            // The composer stays where it is while the lists below it are drawn again.
            openForms.delete("compose:new");
            composer.replaceChildren(element("blockquote", { className: "annotation-quote", textContent: quote }), shape);
            box.focus();
        }

        let annotateButton = null;

        function offerAnnotation() {
            const selection = document.getSelection();
            const usable = signedIn && body && selection && !selection.isCollapsed && selection.toString().trim().length >= 2
                && body.contains(selection.anchorNode) && body.contains(selection.focusNode);
            if (!usable) {
                annotateButton?.remove();
                return;
            }
            const box = selection.getRangeAt(0).getBoundingClientRect();
            annotateButton ??= element("button", { type: "button", className: "annotate-button button-primary", textContent: "Annotate" });
            annotateButton.onclick = () => {
                openComposer(selection);
                annotateButton.remove();
            };
            document.body.append(annotateButton);
            // Within the window, so that a phone never scrolls sideways to it; below the passage on a touch screen,
            // where the browser's own menu for the selection sits above it.
            const room = document.documentElement.clientWidth - annotateButton.offsetWidth - 8;
            annotateButton.style.left = `${window.scrollX + Math.max(8, Math.min(box.left, room))}px`;
            annotateButton.style.top = `${window.scrollY + (touching ? box.bottom + 8 : box.top - 36)}px`;
        }

        // A phone selects by a long press and handles, with no mouseup: the button is offered once the selection rests.
        let touching = false;
        let resting = 0;
        document.addEventListener("pointerdown", event => touching = event.pointerType === "touch", { signal: listening.signal });
        document.addEventListener("selectionchange", () => {
            if (touching) {
                clearTimeout(resting);
                resting = setTimeout(offerAnnotation, 300);
            }
        }, { signal: listening.signal });
        document.addEventListener("mouseup", () => setTimeout(offerAnnotation, 0), { signal: listening.signal });
        document.addEventListener("keyup", event => event.shiftKey && offerAnnotation(), { signal: listening.signal });
        body?.addEventListener("click", event => {
            const mark = event.target instanceof Element ? event.target.closest("mark.annotation-highlight") : null;
            if (mark) {
                activate(mark.dataset.annotation, { scrollPanel: true });
            }
        }, { signal: listening.signal });
        body?.addEventListener("keydown", event => {
            if (event.key === "Enter" && event.target instanceof Element && event.target.matches("mark.annotation-highlight")) {
                activate(event.target.dataset.annotation, { scrollPanel: true });
            }
        }, { signal: listening.signal });

        const commentForm = root.querySelector("[data-comment-form]");
        commentForm?.addEventListener("submit", async event => {
            event.preventDefault();
            const data = new FormData(commentForm);
            try {
                await send("POST", `${api}/comments`, { body: data.get("body"), visibility: data.get("visibility") });
                commentForm.reset();
                say("Comment posted.");
                await refresh();
            } catch (error) {
                say(error.message);
            }
        }, { signal: listening.signal });

        refresh();
        // The stream's first event arrives on every (re)connection, so whatever was missed meanwhile is loaded too.
        const events = new EventSource(`${api}/discussion/events`);
        events.addEventListener("changed", () => refresh());

        return {
            root,
            refresh,
            dispose() {
                events.close();
                listening.abort();
                annotateButton?.remove();
            },
        };
    }

    let current = null;

    // After an enhanced navigation the page may hold another note, or none.
    function init() {
        const root = document.querySelector("[data-discussion]");
        if (current?.root === root) {
            return;
        }
        current?.dispose();
        current = root ? start(root) : null;
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
    window.Blazor?.addEventListener("enhancedload", init);
    window.StudyHubDiscussion = { refresh: () => current?.refresh() };
})();
