// A note's embedded images open full size in the page's image viewer (Features/Notes/Components/ImageViewer.razor) on a
// click or tap, or Enter or Space once focused; Escape, its Close button or a tap beside the picture closes it, and
// focus goes back to the image. Images inside links stay links. Without this script an image is only an image.
(() => {
    const openable = ".note-body img:not(a img)";
    let opener = null;

    const imageAt = target => target instanceof Element ? target.closest(openable) : null;

    function open(image) {
        const viewer = document.getElementById("image-viewer");
        if (!viewer || viewer.open) {
            return;
        }
        const picture = viewer.querySelector("img");
        picture.src = image.currentSrc || image.src;
        picture.alt = image.alt;
        viewer.querySelector("figcaption").textContent = image.alt;
        opener = image;
        viewer.showModal();
    }

    // Focusable, so that a keyboard reaches each image as it would a link.
    function offerImages() {
        for (const image of document.querySelectorAll(`${openable}:not([tabindex])`)) {
            image.tabIndex = 0;
            image.setAttribute("aria-haspopup", "dialog");
        }
    }

    document.addEventListener("click", event => {
        const image = imageAt(event.target);
        if (image) {
            open(image);
            return;
        }
        const viewer = document.getElementById("image-viewer");
        // A click on the dialog itself, not on what it holds, landed beside the picture (or on the backdrop).
        if (viewer?.open && (event.target === viewer || event.target.closest?.("[data-image-viewer-close]"))) {
            viewer.close();
        }
    });
    document.addEventListener("keydown", event => {
        const image = imageAt(event.target);
        if (image && (event.key === "Enter" || event.key === " ")) {
            event.preventDefault();
            open(image);
        }
    });
    // "close" does not bubble; it is caught on its way down.
    document.addEventListener("close", event => {
        if (event.target.id === "image-viewer") {
            if (opener?.isConnected) {
                opener.focus();
            }
            opener = null;
        }
    }, true);

    document.addEventListener("DOMContentLoaded", offerImages);
    if (window.Blazor) {
        window.Blazor.addEventListener("enhancedload", offerImages);
    } else {
        document.addEventListener("blazor:ready", offerImages);
    }
    offerImages();
})();
