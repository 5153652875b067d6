#!/usr/bin/env bash
# Memory per open Blazor Server circuit (issue 19; docs/benchmarks.md, "Circuits"): the Blazor template's counter page
# and StudyHub's note page with a signed-in reader's discussion panel, measured the same way one after the other:
# CIRCUITS (50) Chromium tabs, each holding a circuit, against one tab; live heap after a full collection and resident
# memory. Both apps are Release builds in Development. Bounded: each app runs only for its measurement.
# Usage: CIRCUITS=50 bash bench/circuits/run.sh [work folder]   (needs Chromium, dotnet-gcdump: dotnet tool install -g dotnet-gcdump)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-/tmp/studyhub-circuits}
circuits=${CIRCUITS:-50}
port=${PORT:-5397}
export PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-gcdump > /dev/null || { echo "Needs dotnet-gcdump: dotnet tool install -g dotnet-gcdump" >&2; exit 2; }
mkdir -p "$work"

dotnet build -c Release "$repo/bench/StudyHub.Benchmarks" -v q --nologo > "$work/build.log"
[ -d "$work/counter" ] || dotnet new blazor --interactivity Server -o "$work/counter" > "$work/new.log"
dotnet build -c Release "$work/counter" -v q --nologo >> "$work/build.log"
measure() { dotnet "$repo/bench/StudyHub.Benchmarks/bin/Release/net10.0/StudyHub.Benchmarks.dll" circuit-memory "$@" --circuits "$circuits"; }

pid=
stop() { [ -z "$pid" ] || { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; }; pid=; }
trap stop EXIT
start() {  # <dll> <log>
  (cd "$(dirname "$1")" && ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$port" exec dotnet "$1") > "$2" 2>&1 &
  pid=$!
  for _ in $(seq 180); do curl -sf -o /dev/null "http://127.0.0.1:$port/" && return 0; sleep 1; done
  echo "the app did not answer within 180 s; see $2" >&2; exit 1
}

echo "== the template's counter page"
start "$work/counter/bin/Release/net10.0/counter.dll" "$work/counter.log"
measure "http://127.0.0.1:$port/counter" --pid "$pid" \
  --ready "(document.querySelector('button.btn-primary')?.click(), !/: 0\$/.test(document.querySelector('[role=status]')?.textContent ?? ': 0'))"
stop

echo "== StudyHub: a lecture with a signed-in reader's discussion panel"
app="$repo/src/StudyHub.Web/bin/Release/net10.0/StudyHub.Web.dll"
export ASPNETCORE_ENVIRONMENT=Development LocalDatabase__Directory="$work/pg" Serilog__MinimumLevel__Default=Warning Import__SampleVault="$repo/samples/cs224n" \
  Accounts__SignInPermitsPerMinute=1000
start "$app" "$work/studyhub.log"
(cd "$(dirname "$app")" && dotnet "$app" create-admin circuits@example.org --password "circuit-memory-1") > "$work/admin.log" 2>&1
measure "http://127.0.0.1:$port/notes/cs224n/lectures/multimodal-deep-learning" --pid "$pid" \
  --email circuits@example.org --password "circuit-memory-1" --ready "document.querySelector('[data-discussion][data-annotating]') !== null"
stop
