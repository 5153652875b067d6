// The reconnect dialog (ReconnectModal.razor): open while the circuit is away, try again or resume when asked or when
// the tab is looked at again, and reload once the server no longer has the circuit (the drafts come back from the tab).
const dialog = document.getElementById("components-reconnect-modal");

async function rejoin(attempt) {
    try {
        if (!await attempt()) {
            location.reload();
        }
    } catch {
        document.addEventListener("visibilitychange", rejoinWhenSeen, { once: true });
    }
}

const reconnect = () => rejoin(async () => await Blazor.reconnect() || await Blazor.resumeCircuit());

function rejoinWhenSeen() {
    if (document.visibilityState === "visible") {
        reconnect();
    } else {
        document.addEventListener("visibilitychange", rejoinWhenSeen, { once: true });
    }
}

dialog.addEventListener("components-reconnect-state-changed", ({ detail }) => {
    if (detail.state === "show") {
        dialog.showModal();
    } else if (detail.state === "hide") {
        dialog.close();
    } else if (detail.state === "failed") {
        document.addEventListener("visibilitychange", rejoinWhenSeen, { once: true });
    } else if (detail.state === "rejected") {
        location.reload();
    }
});
document.getElementById("components-reconnect-button").addEventListener("click", reconnect);
document.getElementById("components-resume-button").addEventListener("click", () => rejoin(() => Blazor.resumeCircuit()));
dialog.querySelector("[data-reload]").addEventListener("click", () => location.reload());
