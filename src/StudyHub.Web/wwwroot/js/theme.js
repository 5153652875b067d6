// Loaded in <head> before the page paints, so a chosen theme never flashes the other one.
(() => {
    const key = "studyhub-theme";
    const apply = theme => {
        if (theme === "light" || theme === "dark") {
            document.documentElement.dataset.theme = theme;
        } else {
            delete document.documentElement.dataset.theme;
        }
    };
    apply(localStorage.getItem(key));
    // The toggle needs this script, so it only shows where the script runs.
    document.documentElement.dataset.js = "";

    document.addEventListener("click", event => {
        if (!event.target.closest?.("[data-theme-toggle]")) {
            return;
        }
        const dark = document.documentElement.dataset.theme
            ? document.documentElement.dataset.theme === "dark"
            : matchMedia("(prefers-color-scheme: dark)").matches;
        const next = dark ? "light" : "dark";
        localStorage.setItem(key, next);
        apply(next);
    });
})();
