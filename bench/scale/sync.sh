#!/usr/bin/env bash
# What a sync costs beside a full import of the same vault (issue 23, item 3): a generated vault, copied, is set as a
# folder source (its first sync is a full import), then synced with nothing changed, then with one note edited, three
# times each, and last imported whole with one note edited. Each line: the command's wall time (process and
# PostgreSQL start included), and for a sync the time it says it took inside the process.
# Usage: bench/scale/sync.sh <generated vault> [work folder]   (the release build is published into the work folder once)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
original=$1 work=${2:-/tmp/studyhub-sync-bench}
vault=$work/$(basename "$original")
mkdir -p "$work"
[ -f "$work/app/StudyHub.Web.dll" ] || dotnet publish "$repo/src/StudyHub.Web" -c Release -o "$work/app" --nologo -v quiet
rm -rf "$vault" "$work/pg"
cp -a "$original" "$vault"
export ASPNETCORE_ENVIRONMENT=Production Email__LogLinks=true Serilog__MinimumLevel__Default=Warning \
  Import__Limits__MaxEntries=200000 LocalDatabase__Enabled=true LocalDatabase__Directory=$work/pg

# Runs the app with the arguments; prints "<label>: <wall s> s wall[, <what the sync said>]".
run() {
  local label=$1; shift
  local start; start=$(date +%s.%N)
  dotnet "$work/app/StudyHub.Web.dll" "$@" > "$work/last.log" 2>&1 || { cat "$work/last.log" >&2; exit 1; }
  local wall; wall=$(echo "$(date +%s.%N) - $start" | bc)
  printf '%s: %.2f s wall%s\n' "$label" "$wall" "$(grep -o ', Synced in .*\|Synced in .*' "$work/last.log" | sed 's/^/, /')"
}
notes=$(find "$vault" -name '*.md' | wc -l)
echo "$(basename "$original"): $notes notes, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
run "first sync (a full import)" vault-source gen folder "$vault"
for i in 1 2 3; do run "sync, nothing changed" sync gen; done
for i in 1 2 3; do
  note=$(find "$vault" -name '*.md' | sort | sed -n "$((i * 97))p")
  printf '\nEdited for the benchmark (%s).\n' "$i" >> "$note"
  run "sync, one note edited" sync gen
done
note=$(find "$vault" -name '*.md' | sort | sed -n 500p)
printf '\nEdited for the full import.\n' >> "$note"
run "full import, one note edited" import "$vault" --vault gen
