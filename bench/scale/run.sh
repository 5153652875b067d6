#!/usr/bin/env bash
# How StudyHub's costs grow with the vault: for each size, a generated vault is imported into a fresh private
# PostgreSQL cluster and the release build answers the pages a reader uses, one request at a time; a table row per size.
# Usage: bench/scale/run.sh [sizes...]   (default: 1000 10000 100000). Needs PostgreSQL server binaries and curl.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${WORK:-/tmp/studyhub-scale-bench}
sizes=("$@"); [ $# -eq 0 ] && sizes=(1000 10000 100000)
port=5320
site=http://127.0.0.1:$port
mkdir -p "$work"

dotnet publish "$repo/src/StudyHub.Web" -c Release -o "$work/app" --nologo -v quiet
dotnet build "$repo/bench/StudyHub.Benchmarks" -c Release --nologo -v quiet -o "$work/bench"

export ASPNETCORE_ENVIRONMENT=Production Email__LogLinks=true ASPNETCORE_URLS=$site LocalDatabase__Enabled=true \
  Serilog__MinimumLevel__Default=Warning Import__Limits__MaxEntries=200000

source "$repo/bench/scale/site.sh"

table="$work/scale.md"
echo "| notes | import s (notes/s) | import peak MB | app MB at start | app MB after 1,000 pages | home ms / KB | concepts first ms / then ms / KB | tags ms / KB | vault page ms / KB | graph page ms / KB | note cold ms / warm ms | search p95 ms | switcher p95 ms | /api/graph ms / KB |" > "$table"
echo "| ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- | --- | --- | ---: | ---: | --- |" >> "$table"

for size in "${sizes[@]}"; do
  vault="$work/gen$size"
  [ -d "$vault" ] || dotnet "$work/bench/StudyHub.Benchmarks.dll" generate-vault "$vault" --notes "$size" --seed 1 > /dev/null
  export LocalDatabase__Directory="$work/pg$size"
  rm -rf "$LocalDatabase__Directory"

  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$work/import-$size.time" dotnet "$work/app/StudyHub.Web.dll" import "$vault" --vault gen > "$work/import-$size.log"
  import_s=$(echo "$(date +%s.%N) - $start" | bc)
  import_rate=$(echo "$size / $import_s" | bc)
  import_mb=$(( $(tail -1 "$work/import-$size.time") / 1024 ))

  (cd "$work/app" && exec dotnet StudyHub.Web.dll > "$work/app-$size.log" 2>&1) &
  app=$!
  trap 'kill $app 2>/dev/null || true' EXIT
  for _ in $(seq 1 240); do curl -sf "$site/readyz" >/dev/null && break; sleep 0.5; done
  start_mb=$(rss_mb $app)

  home=$(fetch /)
  concepts_first=$(fetch /concepts)
  concepts=$(fetch "/concepts?again=1")
  tags=$(fetch /tags)
  vault_page=$(fetch /vaults/gen)
  graph_page=$(fetch /graph)
  sitemap_pages > "$work/pages-$size.txt"
  listed=$(wc -l < "$work/pages-$size.txt")
  [ "$listed" -eq "$size" ] || { echo "the sitemap listed $listed pages for $size notes" >&2; exit 1; }
  note=$(sed -n 42p "$work/pages-$size.txt")
  note_cold=$(fetch "$note")
  note_warm=$(fetch "$note")
  graph=$(fetch /api/graph)
  latency=$(dotnet "$work/bench/StudyHub.Benchmarks.dll" search-latency "$site" --requests 200)
  search_p95=$(grep "search, rotating" <<<"$latency" | sed -E 's/.*p95 +([0-9.]+).*/\1/')
  switcher_p95=$(grep "switcher, rotating" <<<"$latency" | sed -E 's/.*p95 +([0-9.]+).*/\1/')
  shuf -n 1000 --random-source=<(yes) -r "$work/pages-$size.txt" | while read -r page; do fetch "$page" > /dev/null; done
  crawl_mb=$(rss_mb $app)
  kill $app; wait $app 2>/dev/null || true

  row="| $size | $(printf "%.0f" "$import_s") ($import_rate) | $import_mb | $start_mb | $crawl_mb | $(ms "$home") / $(kb "$home") | $(ms "$concepts_first") / $(ms "$concepts") / $(kb "$concepts") | $(ms "$tags") / $(kb "$tags") | $(ms "$vault_page") / $(kb "$vault_page") | $(ms "$graph_page") / $(kb "$graph_page") | $(ms "$note_cold") / $(ms "$note_warm") | $search_p95 | $switcher_p95 | $(ms "$graph") / $(kb "$graph") |"
  echo "$row" >> "$table"
  echo "$row"
done
# The figure to watch: each cell's first number at the largest size over the smallest.
awk -F'|' 'NR == 3 { for (i = 2; i < NF; i++) { split($i, a, " "); first[i] = a[1] } }
  NR > 3 { for (i = 2; i < NF; i++) { split($i, a, " "); last[i] = a[1] } n = $2 }
  END { if (n) { row = "| ×, largest / smallest |"; for (i = 3; i < NF; i++) row = row sprintf(" %.1f× |", first[i] > 0 ? last[i] / first[i] : 0); print row } }' "$table" >> "$table"
cat "$table"
