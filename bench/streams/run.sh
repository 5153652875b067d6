#!/usr/bin/env bash
# Many idle live discussion streams on one instance (docs/reliability.md, "Many idle live streams"): the app's memory
# before and with STREAMS (5000) streams open from one client, and whether any failed. Bounded: about two minutes.
# Usage: STREAMS=5000 HOLD=20 BATCH=250 bash bench/streams/run.sh [work folder]  (BATCH: streams opened at once)   (needs the app built and Node.js 20+)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-/tmp/studyhub-streams}
streams=${STREAMS:-5000}
hold=${HOLD:-20}
port=${PORT:-5398}
app="$repo/src/StudyHub.Web/bin/Debug/net10.0/StudyHub.Web.dll"
[ -f "$app" ] || { echo "Build the app first: dotnet build $repo/src/StudyHub.Web" >&2; exit 2; }
command -v node > /dev/null || { echo "Needs Node.js 20+: apt-get install nodejs" >&2; exit 2; }
# A stream is a connection and a file descriptor at each end.
ulimit -n $(( streams * 2 + 1000 )) || { echo "Raise the open-files limit to $(( streams * 2 + 1000 )) (ulimit -Hn, or LimitNOFILE)" >&2; exit 2; }
mkdir -p "$work"

# From the build folder, for its appsettings. Every stream comes from 127.0.0.1, so the per-client cap is lifted along with the total.
ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$port" LocalDatabase__Directory="$work/pg" \
  Database__MigrateOnStartup=true Import__SampleVaultWhenEmpty=true Import__SampleVault="$repo/samples/cs224n" Discussion__Streams=$(( streams + 100 )) Discussion__StreamsPerClient=$(( streams + 100 )) \
  Serilog__MinimumLevel__Default=Warning bash -c 'cd "$(dirname "$0")" && exec dotnet "$0"' "$app" > "$work/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 180); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 1; done
url="http://127.0.0.1:$port/api/notes/multimodal-deep-learning/discussion/events"
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
fds() { ls "/proc/$pid/fd" | wc -l; }

# Warm: a few streams and pages, so that what is measured is the streams' own cost.
timeout 60 node "$repo/bench/streams/client.mjs" "$url" 20 1 > /dev/null
curl -s -o /dev/null "http://127.0.0.1:$port/"
sleep 5
before=$(rss); fds_before=$(fds)
echo "before: RSS $before KB, $fds_before file descriptors"

timeout $(( hold + 240 )) node "$repo/bench/streams/client.mjs" "$url" "$streams" "$hold" > "$work/client.log" 2>&1 &
client=$!
until grep -q holding "$work/client.log" 2>/dev/null || ! kill -0 $client 2>/dev/null; do sleep 1; done
sleep $(( hold / 2 ))
with=$(rss); fds_with=$(fds)
page=$(curl -s -o /dev/null -w "%{http_code} in %{time_total} s" "http://127.0.0.1:$port/")
wait $client || true
cat "$work/client.log"
echo "with the streams: RSS $with KB, $fds_with file descriptors; a note page meanwhile: $page"
echo "per stream: $(( (with - before) / streams )) KB"
sleep 5
echo "after they closed: RSS $(rss) KB, $(fds) file descriptors"
echo "errors in the app's log: $(grep -cE ' (ERR|FTL)\]' "$work/app.log" || true)"
grep -E ' (ERR|FTL)\]' "$work/app.log" | cut -c 11- | sort | uniq -c | head -5
