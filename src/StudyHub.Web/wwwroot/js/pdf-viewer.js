// A vault's PDFs shown in the page with PDF.js, served from this site (wwwroot/lib/pdfjs): an embed
// (![[paper.pdf#page=3]]) shows its page in place, a link ([[paper.pdf#page=3]]) opens the page's viewer
// (Features/Papers/PdfViewer.razor). Without this script an embed is a download link and a link opens the file.
// Only our own attachments are shown: a note's raw HTML cannot point the viewer anywhere else.
const ours = /^\/attachments\/[0-9a-f]{64}\//;
let library = null;

function pdfjs() {
    const viewer = document.getElementById("pdf-viewer");
    // The asset paths are relative to the page's <base>, which a bare module specifier is not.
    library ??= import(new URL(viewer.dataset.library, document.baseURI).href).then(lib => {
        lib.GlobalWorkerOptions.workerSrc = new URL(viewer.dataset.worker, document.baseURI).href;
        return lib;
    });
    return library;
}

function paperAt(link) {
    const address = new URL(link.getAttribute("href"), location.href);
    if (address.origin !== location.origin || !ours.test(address.pathname)) {
        return null;
    }
    const page = Number(/(?:^#|&)page=(\d+)/.exec(address.hash)?.[1] ?? 1);
    return { url: address.pathname, name: link.textContent, page: Math.max(1, page) };
}

// One paper shown at one page, with buttons to turn pages; the page's text is the canvas's fallback content, which
// screen readers read and which search in the page finds.
function show(host, paper) {
    const view = document.createElement("div");
    view.className = "pdf-view";
    const controls = document.createElement("div");
    controls.className = "pdf-controls";
    const previous = button("Previous page", "‹");
    const label = document.createElement("span");
    label.setAttribute("aria-live", "polite");
    const next = button("Next page", "›");
    const download = document.createElement("a");
    download.href = paper.url;
    download.download = "";
    download.textContent = "Download";
    controls.append(previous, label, next, download);
    const canvas = document.createElement("canvas");
    view.append(controls, canvas);
    host.replaceChildren(view);
    if (host.dataset.height) {
        view.style.maxHeight = `${host.dataset.height}px`;
    }

    let pdf = null;
    let number = paper.page;
    async function turnTo(wanted) {
        number = Math.min(Math.max(1, wanted), pdf.numPages);
        const page = await pdf.getPage(number);
        const natural = page.getViewport({ scale: 1 });
        const scale = Math.min(2, (view.clientWidth || natural.width) / natural.width);
        const ratio = window.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: scale * ratio });
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
        await page.render({ canvasContext: canvas.getContext("2d"), viewport }).promise;
        const text = await page.getTextContent();
        canvas.textContent = text.items.map(item => item.str).join(" ");
        canvas.setAttribute("aria-label", `Page ${number} of ${paper.name}`);
        label.textContent = `Page ${number} of ${pdf.numPages}`;
        previous.disabled = number === 1;
        next.disabled = number === pdf.numPages;
        view.dataset.page = number;
    }
    previous.addEventListener("click", () => turnTo(number - 1));
    next.addEventListener("click", () => turnTo(number + 1));

    label.textContent = "Loading…";
    pdfjs()
        // No script a PDF carries is run: the viewer's scripting sandbox is not loaded, and eval is not asked for (our
        // policy refuses it anyway).
        .then(lib => lib.getDocument({ url: paper.url, isEvalSupported: false, enableXfa: false }).promise)
        .then(loaded => { pdf = loaded; return turnTo(number); })
        .catch(error => {
            console.warn("The PDF viewer could not show", paper.url, error);
            label.textContent = "This PDF could not be shown; download it instead.";
            view.dataset.failed = "";
        });
}

function button(name, text) {
    const control = document.createElement("button");
    control.type = "button";
    control.textContent = text;
    control.setAttribute("aria-label", name);
    return control;
}

// Embeds are shown as they come near the screen: a note with many papers loads only those read.
const nearby = new IntersectionObserver(entries => {
    for (const entry of entries.filter(e => e.isIntersecting)) {
        nearby.unobserve(entry.target);
        const paper = paperAt(entry.target.querySelector("a"));
        if (paper) {
            show(entry.target, paper);
        }
    }
}, { rootMargin: "200px" });

function findEmbeds() {
    if (!document.getElementById("pdf-viewer")) {
        return;
    }
    for (const embed of document.querySelectorAll(":is(.note-body, .paper) .embed-pdf:not([data-watched])")) {
        embed.dataset.watched = "";
        nearby.observe(embed);
    }
}

let opener = null;
document.addEventListener("click", event => {
    const viewer = document.getElementById("pdf-viewer");
    const link = event.target instanceof Element ? event.target.closest(":is(.note-body, .note-papers) a.pdf") : null;
    if (link && viewer && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
        const paper = paperAt(link);
        if (paper) {
            event.preventDefault();
            opener = link;
            viewer.setAttribute("aria-label", paper.name);
            viewer.showModal();
            show(viewer.querySelector(".pdf-viewer-paper"), paper);
        }
        return;
    }
    if (viewer?.open && (event.target === viewer || event.target.closest?.("[data-pdf-viewer-close]"))) {
        viewer.close();
    }
});
// "close" does not bubble; it is caught on its way down.
document.addEventListener("close", event => {
    if (event.target.id === "pdf-viewer") {
        if (opener?.isConnected) {
            opener.focus();
        }
        opener = null;
    }
}, true);

if (window.Blazor) {
    window.Blazor.addEventListener("enhancedload", findEmbeds);
} else {
    document.addEventListener("blazor:ready", findEmbeds);
}
findEmbeds();
