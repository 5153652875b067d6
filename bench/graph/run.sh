#!/usr/bin/env bash
# Time to the first frame of /graph on a generated vault, the real app end to end: the page, /api/graph, graph.js
# and Cytoscape in headless Chromium. Generates the vault once, publishes the app, imports into a private cluster.
# Needs: PostgreSQL server binaries, Chromium (/usr/bin/chromium or STUDYHUB_CHROMIUM), Node 20 or later.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${WORK:-/tmp/studyhub-graph-bench}
notes=${NOTES:-10000}
runs=${RUNS:-5}
port=5312

[ -d "$work/vault" ] || dotnet run -c Release --project "$repo/bench/StudyHub.Benchmarks" -- generate-vault "$work/vault" --notes "$notes" --seed 1
rm -rf "$work/app" "$work/pg"
dotnet publish "$repo/src/StudyHub.Web" -c Release -o "$work/app" --nologo -v quiet
cd "$work/app"
export ASPNETCORE_ENVIRONMENT=Production Email__LogLinks=true LocalDatabase__Enabled=true LocalDatabase__Directory="$work/pg" Serilog__MinimumLevel__Default=Warning
dotnet StudyHub.Web.dll import "$work/vault" --vault bench > "$work/import.log"

ASPNETCORE_URLS=http://127.0.0.1:$port dotnet StudyHub.Web.dll > "$work/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done
# The first view builds the graph and compiles the page; the runs measure a warm server.
curl -sf -o /dev/null "http://127.0.0.1:$port/graph"
curl -sf -o /dev/null "http://127.0.0.1:$port/api/graph?maxEdges=4000"
node --experimental-websocket "$repo/bench/graph/first-frame.mjs" "http://127.0.0.1:$port/graph" "$runs"
