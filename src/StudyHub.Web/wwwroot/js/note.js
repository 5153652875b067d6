// Client-side finishing of a rendered note: math by KaTeX, code by highlight.js. Runs on first load
// and after every enhanced navigation; reading works without it.
(() => {
    function finish() {
        for (const body of document.querySelectorAll(".note-body:not([data-finished])")) {
            body.setAttribute("data-finished", "");
            if (window.renderMathInElement) {
                window.renderMathInElement(body, {
                    delimiters: [
                        { left: "\\[", right: "\\]", display: true },
                        { left: "\\(", right: "\\)", display: false },
                    ],
                    throwOnError: false,
                });
            }
            if (window.hljs) {
                body.querySelectorAll("pre code").forEach(block => window.hljs.highlightElement(block));
            }
        }
    }

    document.addEventListener("DOMContentLoaded", finish);
    if (window.Blazor) {
        window.Blazor.addEventListener("enhancedload", finish);
    } else {
        document.addEventListener("blazor:ready", finish);
    }
    finish();
})();
