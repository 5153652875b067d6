// The web import (/admin/imports): sends the chosen zip with XMLHttpRequest, whose upload events drive the
// progress bar (fetch reports no upload progress), then opens the import's report.
(() => {
    const megabytes = bytes => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

    function attach() {
        const form = document.querySelector("form[data-import-upload]:not([data-ready])");
        if (!form) {
            return;
        }
        form.setAttribute("data-ready", "");
        const vault = form.elements.vault;
        const newVault = form.elements.newVault;
        // A disabled field is not sent, so re-importing an existing vault never carries a stray new name.
        const matchName = () => { newVault.disabled = vault.value !== ""; };
        vault.addEventListener("change", matchName);
        matchName();
        form.addEventListener("submit", event => {
            event.preventDefault();
            upload(form);
        });
    }

    function upload(form) {
        const progress = form.querySelector(".import-progress");
        const status = form.querySelector("[role=status]");
        const problem = form.querySelector("[role=alert]");
        const button = form.querySelector("button[type=submit]");
        const file = form.elements.zip.files[0];
        const maxBytes = Number(form.dataset.maxBytes);
        problem.textContent = "";
        if (!file) {
            problem.textContent = "Choose a .zip file of the vault first.";
            return;
        }
        if (file.size > maxBytes) {
            problem.textContent = `The zip is ${megabytes(file.size)}, over the upload limit of ${megabytes(maxBytes)}.`;
            return;
        }

        const request = new XMLHttpRequest();
        request.open("POST", form.action);
        request.responseType = "json";
        request.setRequestHeader("Accept", "application/json");
        request.setRequestHeader(form.dataset.tokenHeader, form.elements.__RequestVerificationToken.value);
        request.upload.addEventListener("progress", event => {
            if (event.lengthComputable) {
                progress.value = Math.round(100 * event.loaded / event.total);
                status.textContent = `Uploading… ${progress.value}% of ${megabytes(event.total)}`;
            }
        });
        request.upload.addEventListener("load", () => {
            progress.value = 100;
            status.textContent = "Uploaded. Importing the vault…";
        });
        request.addEventListener("load", () => {
            if (request.status === 201 && request.response?.report) {
                status.textContent = "Imported. Opening the report…";
                location.assign(request.response.report);
                return;
            }
            // A refused or failed import has a report, which says what to do next (fix the file, or retry).
            const report = request.response?.report;
            fail(request.response?.detail ?? {
                401: "Your session has ended. Sign in again, then upload.",
                403: "Only editors and admins may import vaults.",
                413: `The zip is over the upload limit of ${megabytes(maxBytes)}.`,
            }[request.status] ?? `The import failed (HTTP ${request.status}). Nothing was changed.`, report);
        });
        request.addEventListener("error", () => fail("The upload was interrupted. Check the connection and try again."));

        function fail(message, report) {
            problem.textContent = message;
            if (report) {
                const link = document.createElement("a");
                link.href = report;
                link.textContent = "Open its report";
                problem.append(" ", link);
            }
            status.textContent = "";
            progress.hidden = true;
            button.disabled = false;
        }

        button.disabled = true;
        progress.value = 0;
        progress.hidden = false;
        status.textContent = "Uploading…";
        request.send(new FormData(form));
    }

    document.addEventListener("DOMContentLoaded", attach);
    window.Blazor?.addEventListener("enhancedload", attach);
    attach();
})();
