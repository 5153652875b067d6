// The discussion's share of the page that only the browser can do: paint highlights where the server placed each
// annotation (DiscussionPanel writes the places on its items), turn a selection into the passage to annotate, link
// highlights and the panel both ways, and keep a visitor's panel current. Everything else is DiscussionPanel's.

// Whitespace as .NET's char.IsWhiteSpace has it, since the server counts the note's text that way (Anchoring.OnPage).
const space = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const squeeze = text => [...(text ?? "")].filter(c => !space.test(c)).join("");
const noteBody = () => document.querySelector(".note-body");

// The page's text as the server counts the note's, and for each character the text node and offset it came from. A
// formula KaTeX drew counts as the source the note holds, \(…\) or \[…\], comes from the formula's element, and is not
// painted.
function textIndex(body) {
    const index = { text: "", nodes: [], offsets: [] };
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
        acceptNode: node => node.nodeType === Node.ELEMENT_NODE
            ? (node.matches(".katex") ? NodeFilter.FILTER_ACCEPT : node.matches("button, .embed-missing, script, style") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP)
            : node.parentElement?.closest(".katex") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const isFormula = node.nodeType === Node.ELEMENT_NODE;
        const source = isFormula ? node.querySelector("annotation[encoding='application/x-tex']")?.textContent ?? "" : null;
        const value = isFormula ? squeeze(node.parentElement?.closest(".katex-display") ? `\\[${source}\\]` : `\\(${source}\\)`) : node.nodeValue;
        for (let i = 0; i < value.length; i++) {
            if (!space.test(value[i])) {
                index.text += value[i];
                index.nodes.push(node);
                index.offsets.push(isFormula ? 0 : i);
            }
        }
    }
    return index;
}

// Wraps each text node's share of the passage in a mark. Overlapping passages: the first painted keeps the text.
function paint(body, from, to, id) {
    const index = textIndex(body);
    const pieces = new Map();
    for (let i = from; i < to; i++) {
        const node = index.nodes[i];
        if (node.nodeType === Node.TEXT_NODE && !node.parentElement?.closest("mark.annotation-highlight")) {
            const piece = pieces.get(node) ?? { from: index.offsets[i] };
            piece.to = index.offsets[i] + 1;
            pieces.set(node, piece);
        }
    }
    for (const [node, piece] of pieces) {
        const middle = piece.from > 0 ? node.splitText(piece.from) : node;
        if (piece.to - piece.from < middle.nodeValue.length) {
            middle.splitText(piece.to - piece.from);
        }
        const mark = Object.assign(document.createElement("mark"), { className: "annotation-highlight", tabIndex: 0 });
        mark.dataset.annotation = id;
        middle.replaceWith(mark);
        mark.append(middle);
    }
}

// How many of the page's counted characters stand before a point in it.
function positionOf(index, node, offset) {
    const point = document.createRange();
    point.setStart(node, offset);
    let [low, high] = [0, index.text.length];
    while (low < high) {
        const middle = (low + high) >> 1;
        const character = index.nodes[middle];
        point.comparePoint(character, character.nodeType === Node.TEXT_NODE ? index.offsets[middle] : 0) < 0 ? low = middle + 1 : high = middle;
    }
    return low;
}

// Painting moves the text a reader may be selecting into marks and out of them, which would collapse the selection;
// it is kept as positions in the page's text and put back on the same characters. Returns what puts it back.
function keepSelection(body) {
    const selection = document.getSelection();
    if (!selection || selection.isCollapsed || !body.contains(selection.anchorNode) || !body.contains(selection.focusNode)) {
        return () => {};
    }
    const index = textIndex(body);
    const [anchor, focus] = [positionOf(index, selection.anchorNode, selection.anchorOffset), positionOf(index, selection.focusNode, selection.focusOffset)];
    return () => {
        const painted = textIndex(body);
        const [from, to] = [Math.min(anchor, focus), Math.max(anchor, focus)];
        if (from < to) {
            const [first, last] = [painted.nodes[from], painted.nodes[to - 1]];
            const start = first.nodeType === Node.TEXT_NODE ? [first, painted.offsets[from]] : [first.parentNode, [...first.parentNode.childNodes].indexOf(first)];
            const end = last.nodeType === Node.TEXT_NODE ? [last, painted.offsets[to - 1] + 1] : [last.parentNode, [...last.parentNode.childNodes].indexOf(last) + 1];
            anchor < focus ? selection.setBaseAndExtent(...start, ...end) : selection.setBaseAndExtent(...end, ...start);
        }
    };
}

function activate(id, { scrollPassage = false, scrollPanel = false } = {}) {
    document.querySelectorAll(".annotation.is-active, mark.annotation-highlight.is-active").forEach(active => active.classList.remove("is-active"));
    const item = document.getElementById(`annotation-${id}`);
    const marks = [...document.querySelectorAll(`mark.annotation-highlight[data-annotation="${CSS.escape(id)}"]`)];
    item?.classList.add("is-active");
    marks.forEach(mark => mark.classList.add("is-active"));
    if (scrollPassage) {
        marks[0]?.scrollIntoView({ block: "center" });
    }
    if (scrollPanel) {
        item?.scrollIntoView({ block: "nearest" });
        item?.focus({ preventScroll: true });
    }
}

// Paints the panel's annotations on the note and its times in the reader's zone, and has the player show its moments.
export function show(root) {
    const body = noteBody();
    if (body) {
        const restoreSelection = keepSelection(body);
        body.querySelectorAll("mark.annotation-highlight").forEach(mark => {
            const parent = mark.parentNode;
            mark.replaceWith(...mark.childNodes);
            parent.normalize();
        });
        const before = Number(body.dataset.textBefore ?? 0);
        for (const item of root.querySelectorAll("[data-highlight-from]")) {
            const [from, to] = [Number(item.dataset.highlightFrom) - before, Number(item.dataset.highlightTo) - before];
            // The page paints only where its own text holds the words the server placed there.
            if (from >= 0 && textIndex(body).text.slice(from, to) === squeeze(item.dataset.highlightText)) {
                paint(body, from, to, item.dataset.item);
            }
        }
        restoreSelection();
    }
    root.querySelectorAll("time[data-when]").forEach(time => {
        time.textContent = window.StudyHubWhen?.text(new Date(time.dateTime)) ?? time.textContent;
        time.title = window.StudyHubWhen?.exact(new Date(time.dateTime)) ?? time.title;
    });
    window.StudyHubPlayer?.showMoments(root.querySelector("[data-timeline-markers]"));
    if (!root.dataset.shown && location.hash.startsWith("#annotation-")) {
        activate(location.hash.slice("#annotation-".length), { scrollPassage: true });
    }
    root.dataset.shown = "true";
}

// Offers to annotate a passage selected in the note; the panel gets the quote, the page's text on either side, the
// heading it stands under and the player's time. Returns what stops listening.
export function offerAnnotation(root, panel) {
    const listening = new AbortController();
    const button = Object.assign(document.createElement("button"), { type: "button", className: "annotate-button button-primary", textContent: "Annotate" });
    let touching = false;
    let resting = 0;
    const offer = () => {
        const body = noteBody();
        const selection = document.getSelection();
        if (!body || !selection || selection.isCollapsed || selection.toString().trim().length < 2
            || !body.contains(selection.anchorNode) || !body.contains(selection.focusNode)) {
            button.remove();
            return;
        }
        const range = selection.getRangeAt(0);
        const before = document.createRange();
        before.setStart(body, 0);
        before.setEnd(range.startContainer, range.startOffset);
        const after = document.createRange();
        after.setStart(range.endContainer, range.endOffset);
        after.setEnd(body, body.childNodes.length);
        const heading = [...body.querySelectorAll("h1, h2, h3, h4, h5, h6")]
            .filter(h => h.compareDocumentPosition(range.startContainer) & Node.DOCUMENT_POSITION_FOLLOWING).at(-1);
        const player = document.querySelector("[data-lecture-player]");
        // Within the server's limits (and one over, for the quote, so it can say so): a circuit's message is bounded.
        const [quoteLimit, context] = [Number(root.dataset.quoteLimit), Number(root.dataset.contextLimit)];
        const passage = {
            quote: selection.toString().trim().slice(0, quoteLimit + 1), prefix: before.toString().slice(-context), suffix: after.toString().slice(0, context),
            heading: heading?.textContent.replace(/#$/, "").trim() ?? null,
            seconds: player ? window.StudyHubPlayer?.momentIn(player) ?? null : null,
            recording: Number(player?.dataset.recording ?? 0),
        };
        button.onclick = () => {
            button.remove();
            panel.invokeMethodAsync("Compose", passage);
        };
        document.body.append(button);
        // Within the window, so that a phone never scrolls sideways to it; below the passage on a touch screen, where
        // the browser's own menu for the selection sits above it.
        const box = range.getBoundingClientRect();
        const room = document.documentElement.clientWidth - button.offsetWidth - 8;
        button.style.left = `${window.scrollX + Math.max(8, Math.min(box.left, room))}px`;
        button.style.top = `${window.scrollY + (touching ? box.bottom + 8 : box.top - 36)}px`;
    };
    const options = { signal: listening.signal };
    // A phone selects by a long press and handles, with no mouseup: the button is offered once the selection rests.
    document.addEventListener("pointerdown", event => touching = event.pointerType === "touch", options);
    document.addEventListener("selectionchange", () => {
        if (touching) {
            clearTimeout(resting);
            resting = setTimeout(offer, 300);
        }
    }, options);
    document.addEventListener("mouseup", () => setTimeout(offer, 0), options);
    document.addEventListener("keyup", event => event.shiftKey && offer(), options);
    root.dataset.annotating = "true";
    return {
        dispose() {
            listening.abort();
            button.remove();
            delete root.dataset.annotating;
        },
    };
}

export const copy = text => navigator.clipboard.writeText(text).catch(() => window.prompt("Copy this link:", text));

export const confirm = question => window.confirm(question);

// Highlights and the quotes in the panel lead to each other, whoever drew the panel.
document.addEventListener("click", event => {
    const target = event.target instanceof Element ? event.target : null;
    const mark = target?.closest(".note-body mark.annotation-highlight");
    const quote = target?.closest(".annotation-quote a[href*='#annotation-']");
    const marker = target?.closest("[data-discussion-marker]");
    if (marker) {
        activate(marker.dataset.annotation, { scrollPassage: true, scrollPanel: true });
    } else if (mark) {
        activate(mark.dataset.annotation, { scrollPanel: true });
    } else if (quote) {
        event.preventDefault();
        history.replaceState(history.state, "", quote.getAttribute("href"));
        activate(quote.closest(".annotation").dataset.item, { scrollPassage: true });
    }
});
document.addEventListener("keydown", event => {
    if (event.key === "Enter" && event.target instanceof Element && event.target.matches(".note-body mark.annotation-highlight")) {
        activate(event.target.dataset.annotation, { scrollPanel: true });
    }
});

// A visitor's panel (and a signed-in reader's when the server holds no more circuits) is drawn on the server without a
// circuit: painted here once the page is shown, and shown anew when the discussion changes, from the server's event
// stream and the panel drawn again (DiscussionPanel, /discussion).
let visiting = null;

function visit() {
    const root = document.querySelector("[data-discussion][data-static]");
    if (visiting?.root === root) {
        return;
    }
    visiting?.events.close();
    visiting = null;
    document.querySelectorAll("[data-discussion]:not([data-live])").forEach(show);
    if (root) {
        const events = new EventSource(`/api/notes/${encodeURIComponent(root.dataset.discussion)}/discussion/events`);
        visiting = { root, events };
        // The first event comes as the stream opens: a page from the reading cache catches up at once.
        events.addEventListener("changed", async () => {
            const response = await fetch(`/api/notes/${encodeURIComponent(root.dataset.discussion)}/discussion`, { credentials: "same-origin" });
            if (response.ok && visiting?.root === root) {
                const fresh = new DOMParser().parseFromString(await response.text(), "text/html").querySelector("[data-discussion]");
                root.replaceChildren(...fresh.childNodes);
                show(root);
            }
        });
    }
}

visit();
window.Blazor?.addEventListener("enhancedload", visit);
