#!/usr/bin/env bash
# Readers under load and faults (issue 18), on deploy/local/cluster.sh (nginx + 3 instances + PostgreSQL, loopback).
# The load is `reader-load` of bench/StudyHub.Benchmarks (ReaderLoad.cs): requests at a fixed rate, 90 % from anonymous
# readers (note pages, search with rotating words, the quick switcher, hover previews, the graph, a 2 MB attachment
# read in 64 KB ranges), 10 % from signed-in readers (one per 10 requests/s, each holding a live stream) who read the
# discussed note and its thread, comment, annotate and reply with ids of their own, sending again after no answer,
# 502, 503 or 504 (after 1, 2, 4 and 8 s).
#
#   bash bench/load/run.sh steps                 # RATES="100 200 400 600 800" STEP=20 INSTANCE_COUNTS="1 3"
#   bash bench/load/run.sh pg_restart            # RATE=150 SECONDS_LOAD=40: pg_ctl restart 10 s in
#   bash bench/load/run.sh pg_saturated          # RATE=150 SECONDS_LOAD=40 HOLD=10: notes and content version locked 10 s in
#   bash bench/load/run.sh import                # RATE=150 NOTES=10000 SECONDS_LOAD=240: a generated vault imported under load
#   bash bench/load/run.sh soak                  # RATE=100 MINUTES=20: RSS every 10 s, p95 per minute, docs/soak-memory.svg
#
# Every part is bounded: each load run ends by itself, the cluster stops when the script ends and after
# CLUSTER_MINUTES (60) whatever happens; KEEP_CLUSTER=1 uses a cluster already running in CLUSTER_DIR and leaves it.
# Results go to $CLUSTER_DIR/load (default /tmp/studyhub-load/load).
# Needs: nginx, curl, bc, ss, PostgreSQL server binaries, the .NET SDK
# (Debian: apt-get install -y nginx curl bc iproute2 postgresql).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
export CLUSTER_DIR=${CLUSTER_DIR:-/tmp/studyhub-load} CLUSTER_PORT=${CLUSTER_PORT:-5600} INSTANCES=3 CLUSTER_MINUTES=${CLUSTER_MINUTES:-60}
# One account posts for every signed-in reader, far faster than a person would; all streams come from one address.
export Discussion__PostsPerMinute=1000000 Accounts__SignInPermitsPerMinute=1000000 Discussion__StreamsPerClient=1000000
site=http://127.0.0.1:$CLUSTER_PORT
work=$CLUSTER_DIR/load
poster=poster@example.org
password='correct horse battery staple'
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
cluster() { "$repo/deploy/local/cluster.sh" "$@"; }
loader=$repo/bench/StudyHub.Benchmarks/bin/Release/net10.0/StudyHub.Benchmarks

for tool in nginx curl bc ss; do command -v $tool > /dev/null || { echo "$tool is missing" >&2; exit 1; }; done
dotnet build "$repo/bench/StudyHub.Benchmarks" -c Release --nologo -v quiet > /dev/null
mkdir -p "$work"
if [ "${KEEP_CLUSTER:-}" != 1 ]; then
  cluster stop > /dev/null 2>&1 || true
  cluster start
  trap 'cluster stop > /dev/null' EXIT
fi

# A vault with one attachment, for the range requests.
if ! cluster psql -qtAc 'SELECT 1 FROM "Vaults" WHERE "Slug" = '"'loadfiles'" | grep -q 1; then
  mkdir -p "$work/files"
  printf '# Lecture files\n\nThe slides: ![[slides.pdf]]\n' > "$work/files/Files.md"
  head -c 2000000 /dev/urandom > "$work/files/slides.pdf"
  cluster app import "$work/files" --vault loadfiles > /dev/null
fi
cluster app create-admin "$poster" --password "$password" > /dev/null 2>&1 || true
attachment="/attachments/$(cluster psql -qtAc 'SELECT "ContentHash" FROM "Attachments" LIMIT 1')/slides.pdf"

ticks() {
  local pid total=0
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] && total=$((total + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
  done
  echo $total
}
app_pids() { cat "$CLUSTER_DIR"/app-*.pid; }
nginx_pids() { local master; master=$(cat "$CLUSTER_DIR/nginx/nginx.pid"); echo "$master" $(pgrep -P "$master"); }
postgres_pids() { local master; master=$(head -1 "$CLUSTER_DIR/pg/postmaster.pid"); echo "$master" $(pgrep -P "$master"); }
# PostgreSQL's CPU: its live processes, and those that ended (counted in the postmaster's children's times).
postgres_ticks() {
  local master; master=$(head -1 "$CLUSTER_DIR/pg/postmaster.pid")
  echo $(( $(ticks $(postgres_pids)) + $(sed 's/.*) //' "/proc/$master/stat" | awk '{print $14 + $15}') ))
}
machine_busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
cores() { echo "scale=2; ($1) / 100 / $2" | bc; }

load() {  # <rate> <seconds> <output folder> [reader-load options…]
  local rate=$1 seconds=$2 out=$3; shift 3
  local readers=$(( rate / 10 > 2 ? rate / 10 : 2 ))
  exec "$loader" reader-load "$site" --rate "$rate" --seconds "$seconds" --signed-in "$readers" --attachment "$attachment" \
    --email "$poster" --password "$password" --out "$out" "$@"
}

# Acknowledged posts (last attempt 201) against the database: lost = acknowledged and not stored, duplicates = a body twice.
count_posts() {  # <output folder>
  local acknowledged ids run
  acknowledged=$(awk '$3 ~ /(^|,)201$/' "$1/posts.txt" | wc -l)
  ids=$(awk '$3 ~ /(^|,)201$/ { printf "%s%s", sep, $2; sep = "," }' "$1/posts.txt")
  run=$(sed -n 's/^load \([0-9a-f]*\):.*/\1/p' "$1/out.txt")
  cluster psql -qtA -F ' ' <<SQL | awk -v acknowledged="$acknowledged" '{ printf "acknowledged %d, stored %d, lost %d, duplicated %d\n", acknowledged, $1, $2, $3 }'
WITH stored AS (SELECT "Id", "Body" FROM "Comments" WHERE "Body" LIKE 'load $run %'
                UNION ALL SELECT "Id", "Body" FROM "Annotations" WHERE "Body" LIKE 'load $run %')
SELECT (SELECT count(*) FROM stored),
       (SELECT count(*) FROM unnest('{$ids}'::uuid[]) AS a(id) WHERE NOT EXISTS (SELECT FROM stored WHERE stored."Id" = a.id)),
       (SELECT count(*) - count(DISTINCT "Body") FROM stored);
SQL
}

steps() {
  local instances rate out
  echo "| instances | offered/s | answered/s | p50 ms | p95 ms | p99 ms | max ms | failures | answered as asked/s | their p95 ms | cores: apps / nginx / PostgreSQL / load / machine | PostgreSQL connections | load average |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |"
  for instances in ${INSTANCE_COUNTS:-1 3}; do
    cluster proxy "$instances"
    (load 100 10 "$work/warm-$instances" > /dev/null)
    for rate in ${RATES:-100 200 400 600 800}; do
      out=$work/steps-$instances-$rate && mkdir -p "$out"
      local apps nginx postgres busy start average
      average=$(cut -d' ' -f1 /proc/loadavg)
      apps=$(ticks $(app_pids)); nginx=$(ticks $(nginx_pids)); postgres=$(postgres_ticks); busy=$(machine_busy); start=$(date +%s.%N)
      (load "$rate" "${STEP:-20}" "$out" --interval "${STEP:-20}" > "$out/out.txt") &
      local pid=$! connections=0 ticks_load=0
      sleep $(( ${STEP:-20} / 2 ))
      connections=$(cluster psql -qtAc "SELECT count(*) FROM pg_stat_activity WHERE datname = 'studyhub'")
      while kill -0 $pid 2>/dev/null; do ticks_load=$(ticks $pid); sleep 0.5; done
      wait $pid
      local s used
      s=$(echo "$(date +%s.%N) - $start" | bc)
      used="$(cores $(( $(ticks $(app_pids)) - apps )) "$s") / $(cores $(( $(ticks $(nginx_pids)) - nginx )) "$s") / $(cores $(( $(postgres_ticks) - postgres )) "$s") / $(cores "$ticks_load" "$s") / $(cores $(( $(machine_busy) - busy )) "$s")"
      sed -n 's/^total: \([0-9]*\) requests, \([0-9]*\) per s, p50 \([0-9.]*\) ms, p95 \([0-9.]*\) ms, p99 \([0-9.]*\) ms, max \([0-9]*\) ms, failures \([0-9]*\).*/\2 \3 \4 \5 \6 \7/p' "$out/out.txt" \
        | while read -r answered p50 p95 p99 max failures; do
            read -r good good_p95 < <(sed -n 's/^answered: \([0-9]*\) per s, p95 \([0-9.]*\) ms.*/\1 \2/p' "$out/out.txt")
            echo "| $instances | $rate | $answered | $p50 | $p95 | $p99 | $max | $failures | $good | $good_p95 | $used | $connections | $average |"
          done
    done
  done
}

as_pg=(); [ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)

# Every 0.2 s one cached note page and one search, each: time, status, seconds.
probe() {  # <seconds> <output>
  local until=$(( $(date +%s) + $1 ))
  while [ "$(date +%s)" -lt "$until" ]; do
    curl -s -o /dev/null -m 30 -w "$(date +%s.%N) cached %{http_code} %{time_total}\n" "$site/notes/cs224n/lectures/multimodal-deep-learning" >> "$2" &
    curl -s -o /dev/null -m 30 -w "$(date +%s.%N) search %{http_code} %{time_total}\n" "$site/search?q=fusion" >> "$2" &
    sleep 0.2
  done
  wait
}

# What the probes, the streams and the posts saw around an event from <began> to <ended> (the database back).
report() {  # <output folder> <began> <ended>
  local out=$1 began=$2 ended=$3
  echo "event: $(printf '%.1f' "$(echo "$ended - $began" | bc)") s; machine load average $(cut -d' ' -f1-3 /proc/loadavg)"
  sort -n "$out/probes.txt" | awk -v began="$began" -v ended="$ended" '
    $2 == "cached" { cached++; if ($3 != 200) cached_failed++; if ($4 > cached_max) cached_max = $4 }
    $2 == "search" && $1 >= began && $3 != 200 { refused++; what[$3]++; if ($4 > refused_max) refused_max = $4 }
    $2 == "search" && $1 >= ended && $3 == 200 && !back { back = $1 + $4 - ended }
    END {
      printf "cached page probes: %d, not 200: %d, slowest %.2f s\n", cached, cached_failed, cached_max
      printf "search probes refused from the event on: %d (", refused; for (w in what) printf " %s ×%d", w, what[w]; printf " ), slowest refusal %.2f s\n", refused_max
      printf "search answered 200 again %.2f s after the database was back\n", back
    }'
  awk -v ended="$ended" '$3 == "data:" && $1 > ended { told[$2] = 1 } { streams[$2] = 1 }
    END { printf "live streams told to look again after the database was back: %d of %d\n", length(told), length(streams) }' "$out/stream-events.txt"
  count_posts "$out"
}

pg_restart() {
  local out=$work/pg-restart seconds=${SECONDS_LOAD:-40}
  rm -rf "$out" && mkdir -p "$out"
  (load "${RATE:-150}" "$seconds" "$out" --interval 2 > "$out/out.txt") &
  local loader=$!
  probe "$seconds" "$out/probes.txt" &
  local prober=$!
  sleep 10
  local began ended
  began=$(date +%s.%N)
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$CLUSTER_DIR/pg" -l "$CLUSTER_DIR/postgres.log" -m fast -w restart > /dev/null
  ended=$(date +%s.%N)
  wait $loader $prober
  cat "$out/out.txt"
  report "$out" "$began" "$ended"
}

# The pool filled: a transaction holds the notes and the content version locked for HOLD seconds, so that every
# statement on them waits (up to its command timeout) holding its connection.
pg_saturated() {
  local out=$work/pg-saturated seconds=${SECONDS_LOAD:-40}
  rm -rf "$out" && mkdir -p "$out"
  (load "${RATE:-150}" "$seconds" "$out" --interval 2 > "$out/out.txt") &
  local loader=$!
  probe "$seconds" "$out/probes.txt" &
  local prober=$!
  sleep 10
  local began ended
  began=$(date +%s.%N)
  cluster psql -qc "BEGIN; LOCK TABLE \"Notes\", \"ContentVersions\" IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(${HOLD:-10}); COMMIT;" > /dev/null
  ended=$(date +%s.%N)
  wait $loader $prober
  cat "$out/out.txt"
  report "$out" "$began" "$ended"
}

# A generated vault of NOTES notes imported while readers read; the longest reader wait is the largest max of the
# intervals during the import.
import() {
  local out=$work/import vault=$CLUSTER_DIR/generated-${NOTES:-10000}
  rm -rf "$out" && mkdir -p "$out"
  [ -d "$vault" ] || "$loader" generate-vault "$vault" --notes "${NOTES:-10000}" > /dev/null
  cluster psql -qc "DELETE FROM \"Vaults\" WHERE \"Slug\" = 'generated'" > /dev/null
  (load "${RATE:-150}" "${SECONDS_LOAD:-240}" "$out" --interval 1 > "$out/out.txt") &
  local loader=$!
  sleep 10
  local began ended
  began=$(date +%s)
  cluster app import "$vault" --vault generated > "$out/import.txt" 2>&1
  ended=$(date +%s)
  wait $loader
  echo "import: $((ended - began)) s ($(tail -1 "$out/import.txt" | cut -c1-120))"
  awk -v from=$((10)) -v to=$((10 + ended - began + 1)) -F' [|] ' '$1 ~ /^[0-9]+$/ && $1 + 0 > from && $1 + 0 <= to + 1 {
      if ($7 + 0 > longest) longest = $7 + 0; if ($5 + 0 > p95) p95 = $5 + 0; failures += $8 }
    END { printf "during the import: longest reader wait %d ms, worst p95 of a second %.1f ms, failures %d\n", longest, p95, failures }' "$out/out.txt"
  tail -2 "$out/out.txt"
}

# MINUTES at RATE on instance 1: its resident memory every 10 s, p95 per minute, and the memory curve as an SVG.
soak() {
  local out=$work/soak minutes=${MINUTES:-20} svg=${SVG:-$repo/docs/soak-memory.svg}
  rm -rf "$out" && mkdir -p "$out"
  cluster proxy 1
  (load "${RATE:-100}" $((minutes * 60)) "$out" --interval 60 > "$out/out.txt") &
  local loader=$! began; began=$(date +%s)
  while kill -0 $loader 2>/dev/null; do
    echo "$(( $(date +%s) - began )) $(( $(awk '/VmRSS/ {print $2}' "/proc/$(cat "$CLUSTER_DIR/app-1.pid")/status") / 1024 )) $(cut -d' ' -f1 /proc/loadavg)" >> "$out/memory.txt"
    sleep 10
  done
  wait $loader
  cat "$out/out.txt"
  awk -v minutes="$minutes" -v rate="${RATE:-100}" '
    { t[NR] = $1; mb[NR] = $2; if ($2 > top) top = $2 }
    END {
      w = 600; h = 240; left = 50; bottom = 30; ceiling = int(top / 100 + 1) * 100
      printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">\n", w, h
      printf "<title>Resident memory of one instance, %d minutes at %d requests/s</title>\n", minutes, rate
      printf "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", w, h
      for (m = 0; m <= ceiling; m += ceiling / 4) {
        y = h - bottom - m / ceiling * (h - bottom - 10)
        printf "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/><text x=\"4\" y=\"%.1f\">%d MB</text>\n", left, y, w - 10, y, y + 4, m
      }
      for (m = 0; m <= minutes; m += 5) {
        x = left + m * 60 / (minutes * 60) * (w - left - 10)
        printf "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d min</text>\n", x, h - 10, m
      }
      printf "<polyline fill=\"none\" stroke=\"#2563eb\" stroke-width=\"2\" points=\""
      for (i = 1; i <= NR; i++) printf "%.1f,%.1f ", left + t[i] / (minutes * 60) * (w - left - 10), h - bottom - mb[i] / ceiling * (h - bottom - 10)
      printf "\"/>\n</svg>\n"
    }' "$out/memory.txt" > "$svg"
  awk 'NR == 1 { first = $2 } { if ($1 >= 300 && !warm) warm = $2; last = $2; if ($2 > top) top = $2 }
    END { printf "resident memory: %d MB at the start, %d MB after 5 minutes, %d MB at the end, %d MB at most; growth after warm-up %.1f %%\n",
      first, warm, last, top, (last - warm) * 100 / warm }' "$out/memory.txt"
}

"${1:-steps}"
