// Opens a graph page in a fresh headless Chromium (the browser tests' flags) several times and prints when graph.js
// drew its first frame and its complete picture, in ms after navigation start. Talks to Chromium over the DevTools
// protocol with Node's own WebSocket (Node 22, or Node 20 with --experimental-websocket).
// Usage: node first-frame.mjs http://127.0.0.1:5310/graph [runs]
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [url, runs = "5"] = process.argv.slice(2);
const chromium = process.env.STUDYHUB_CHROMIUM ?? "/usr/bin/chromium";
const port = 9400 + Math.floor(Math.random() * 500);
const drawn = `(() => {
    const e = document.querySelector("[data-graph][data-state=ready][data-complete-frame-since-page-start-ms]");
    return e && JSON.stringify({ firstFrame: +e.dataset.firstFrameSincePageStartMs, complete: +e.dataset.completeFrameSincePageStartMs,
        nodes: +e.dataset.visibleNodes, status: document.querySelector("#graph-status")?.textContent ?? "" });
})()`;

for (let run = 1; run <= Number(runs); run++) {
    const profile = mkdtempSync(join(tmpdir(), "studyhub-first-frame-"));
    const browser = spawn(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--window-size=1280,720",
        `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, "about:blank"], { stdio: "ignore" });
    try {
        const page = await pageTarget();
        const socket = new WebSocket(page.webSocketDebuggerUrl);
        await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
        const replies = new Map();
        let id = 0;
        socket.onmessage = message => { const reply = JSON.parse(message.data); replies.get(reply.id)?.(reply.result); };
        const send = (method, params = {}) => new Promise(resolve => { replies.set(++id, resolve); socket.send(JSON.stringify({ id, method, params })); });
        await send("Page.navigate", { url });
        let result = null;
        for (let waited = 0; !result && waited < 120_000; waited += 100) {
            await new Promise(resolve => setTimeout(resolve, 100));
            result = (await send("Runtime.evaluate", { expression: drawn, returnByValue: true })).result?.value;
        }
        const timing = result ? JSON.parse(result) : null;
        console.log(timing
            ? `run ${run}: first frame ${timing.firstFrame} ms, complete ${timing.complete} ms after navigation start (${timing.nodes} nodes) ${timing.status}`
            : `run ${run}: nothing drawn within 120 s`);
        socket.close();
    } finally {
        browser.kill();
        await new Promise(resolve => browser.once("exit", resolve));
        rmSync(profile, { recursive: true, force: true });
    }
}

async function pageTarget() {
    for (let attempt = 0; attempt < 100; attempt++) {
        try {
            const targets = await (await fetch(`http://127.0.0.1:${port}/json`)).json();
            const page = targets.find(target => target.type === "page");
            if (page) {
                return page;
            }
        } catch {
            // Chromium is still starting.
        }
        await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error(`Chromium did not open its DevTools port ${port}.`);
}
