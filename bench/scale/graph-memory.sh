#!/usr/bin/env bash
# The app's memory with the concept graph built, for builds side by side on one database: the vault of the given size is
# generated and imported once (by the first build), then each build in turn starts on it, answers the first /concepts
# (which builds the graph), /api/graph and 1,000 random note pages from the sitemap, and stops; a table row per build.
# Usage: bench/scale/graph-memory.sh <notes> <published app dir>...   (publish each build with dotnet publish -c Release -o DIR)
# Needs PostgreSQL server binaries and curl; the generator comes from this checkout's bench project.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${WORK:-/tmp/studyhub-scale-bench}
size=$1; shift
port=${PORT:-5320}
site=http://127.0.0.1:$port
mkdir -p "$work"

export ASPNETCORE_ENVIRONMENT=Production Email__LogLinks=true ASPNETCORE_URLS=$site LocalDatabase__Enabled=true \
  Serilog__MinimumLevel__Default=Warning Import__Limits__MaxEntries=200000 LocalDatabase__Directory="$work/pg$size"

source "$repo/bench/scale/site.sh"
load() { cut -d' ' -f1 /proc/loadavg; }

vault="$work/gen$size"
if [ ! -d "$vault" ]; then
  dotnet build "$repo/bench/StudyHub.Benchmarks" -c Release --nologo -v quiet -o "$work/bench"
  dotnet "$work/bench/StudyHub.Benchmarks.dll" generate-vault "$vault" --notes "$size" --seed 1 > /dev/null
fi
if [ ! -d "$LocalDatabase__Directory" ]; then
  dotnet "$1/StudyHub.Web.dll" import "$vault" --vault gen > "$work/import-$size.log"
fi

echo "| build | app MB at start | first /concepts ms | app MB after it | /api/graph ms / KB | app MB after 1,000 pages | load average |"
echo "| --- | ---: | ---: | ---: | --- | ---: | --- |"
for app_dir in "$@"; do
  (cd "$app_dir" && exec dotnet StudyHub.Web.dll > "$work/app-$size-$(basename "$app_dir").log" 2>&1) &
  app=$!
  trap 'kill $app 2>/dev/null || true' EXIT
  for _ in $(seq 1 240); do curl -sf "$site/readyz" >/dev/null && break; sleep 0.5; done
  start_mb=$(rss_mb $app)
  loads=$(load)
  concepts=$(fetch /concepts)
  concepts_mb=$(rss_mb $app)
  graph=$(fetch /api/graph)
  loads="$loads, $(load)"
  sitemap_pages > "$work/pages-$size.txt"
  shuf -n 1000 --random-source=<(yes) -r "$work/pages-$size.txt" | while read -r page; do fetch "$page" > /dev/null; done
  crawl_mb=$(rss_mb $app)
  loads="$loads, $(load)"
  kill $app; wait $app 2>/dev/null || true
  echo "| $(basename "$app_dir") | $start_mb | $(ms "$concepts") | $concepts_mb | $(ms "$graph") / $(kb "$graph") | $crawl_mb | $loads |"
done
