// Opens STREAMS live discussion streams, BATCH (default 250) at a time, waits until each has said "watching", holds
// them for HOLD seconds, then prints how many opened, how many failed and why, and closes them all.
import http from "node:http";

const [url, count, holdSeconds] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const batch = Number(process.env.BATCH ?? 250);
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const failures = new Map();
const open = [];
let watching = 0;

function fail(reason) {
  failures.set(reason, (failures.get(reason) ?? 0) + 1);
}

function openOne() {
  return new Promise((resolve) => {
    const request = http.get(url, { agent }, (response) => {
      if (response.statusCode !== 200) {
        fail(`HTTP ${response.statusCode}`);
        response.resume();
        resolve();
        return;
      }
      open.push(request);
      let seen = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => {
        seen += chunk;
        if (seen.includes("data: watching")) {
          watching++;
          seen = "";
          resolve();
        }
      });
      response.on("end", () => { fail("ended early"); resolve(); });
    });
    request.on("error", (error) => { fail(error.code ?? error.message); resolve(); });
    request.setTimeout(60_000, () => { fail("timeout"); request.destroy(); resolve(); });
  });
}

const started = Date.now();
for (let i = 0; i < count; i += batch) {
  await Promise.all(Array.from({ length: Math.min(batch, count - i) }, openOne));
}
console.log(`opened ${watching} of ${count} streams in ${((Date.now() - started) / 1000).toFixed(1)} s; failed: ${JSON.stringify(Object.fromEntries(failures))}`);
console.log("holding");
await new Promise((resolve) => setTimeout(resolve, holdSeconds * 1000));
for (const request of open) request.destroy();
console.log(`closed; streams that ended while held: ${failures.get("ended early") ?? 0}`);
process.exit(0);
