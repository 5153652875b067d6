#!/usr/bin/env bash
# Readers under load and faults (issue 18), on deploy/local/cluster.sh (nginx + 3 instances + PostgreSQL, loopback).
# The load is `reader-load` of bench/StudyHub.Benchmarks (ReaderLoad.cs): requests at a fixed rate, 90 % from anonymous
# readers (note pages, search with rotating words, the quick switcher, hover previews, the graph, a 2 MB attachment
# read in 64 KB ranges), 10 % from signed-in readers (one per 10 requests/s, each holding a live stream) who read the
# discussed note and its thread, comment, annotate and reply with ids of their own, sending again after no answer,
# 502, 503 or 504 (after 1, 2, 4 and 8 s).
#
#   bash bench/load/run.sh steps                 # RATES="100 200 400 600 800" STEP=20 INSTANCE_COUNTS="1 3"
#   bash bench/load/run.sh pg-restart            # RATE=150 SECONDS=40: pg_ctl restart 10 s in
#   bash bench/load/run.sh pg-saturated          # RATE=150 SECONDS=40 HOLD=10: connections held by pg_sleep from 10 s in
#   bash bench/load/run.sh import                # RATE=150 NOTES=10000: a generated vault imported under load
#   bash bench/load/run.sh soak                  # RATE=100 MINUTES=20: RSS every 10 s, p95 per minute, docs/soak-memory.svg
#
# Every part is bounded: each load run ends by itself, the cluster stops when the script ends and after
# CLUSTER_MINUTES (60) whatever happens. Results go to $CLUSTER_DIR/load (default /tmp/studyhub-load/load).
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
machine_busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
cores() { echo "scale=2; ($1) / 100 / $2" | bc; }

load() {  # <rate> <seconds> <output folder> [reader-load options…]
  local rate=$1 seconds=$2 out=$3; shift 3
  local readers=$(( rate / 10 > 2 ? rate / 10 : 2 ))
  "$loader" reader-load "$site" --rate "$rate" --seconds "$seconds" --signed-in "$readers" --attachment "$attachment" \
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
  echo "| instances | offered/s | answered/s | p50 ms | p95 ms | p99 ms | max ms | failures | cores: apps / nginx / PostgreSQL / load / machine | PostgreSQL connections | load average |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |"
  for instances in ${INSTANCE_COUNTS:-1 3}; do
    cluster proxy "$instances"
    load 100 10 "$work/warm-$instances" > /dev/null
    for rate in ${RATES:-100 200 400 600 800}; do
      out=$work/steps-$instances-$rate && mkdir -p "$out"
      local apps nginx postgres busy start average
      average=$(cut -d' ' -f1 /proc/loadavg)
      apps=$(ticks $(app_pids)); nginx=$(ticks $(nginx_pids)); postgres=$(ticks $(postgres_pids)); busy=$(machine_busy); start=$(date +%s.%N)
      load "$rate" "${STEP:-20}" "$out" --interval "${STEP:-20}" > "$out/out.txt" &
      local pid=$! connections=0 ticks_load=0
      sleep $(( ${STEP:-20} / 2 ))
      connections=$(cluster psql -qtAc "SELECT count(*) FROM pg_stat_activity WHERE datname = 'studyhub'")
      while kill -0 $pid 2>/dev/null; do ticks_load=$(ticks $pid); sleep 0.5; done
      wait $pid
      local s used
      s=$(echo "$(date +%s.%N) - $start" | bc)
      used="$(cores $(( $(ticks $(app_pids)) - apps )) "$s") / $(cores $(( $(ticks $(nginx_pids)) - nginx )) "$s") / $(cores $(( $(ticks $(postgres_pids)) - postgres )) "$s") / $(cores "$ticks_load" "$s") / $(cores $(( $(machine_busy) - busy )) "$s")"
      sed -n 's/^total: \([0-9]*\) requests, \([0-9]*\) per s, p50 \([0-9.]*\) ms, p95 \([0-9.]*\) ms, p99 \([0-9.]*\) ms, max \([0-9]*\) ms, failures \([0-9]*\).*/\2 \3 \4 \5 \6 \7/p' "$out/out.txt" \
        | while read -r answered p50 p95 p99 max failures; do
            echo "| $instances | $rate | $answered | $p50 | $p95 | $p99 | $max | $failures | $used | $connections | $average |"
          done
    done
  done
}

"${1:-steps}"
