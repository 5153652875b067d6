#!/usr/bin/env bash
# Scale-out benchmark: three instances behind nginx (deploy/local/cluster.sh), all on loopback.
#  1. Throughput through nginx with 1 instance and with 3, alternated (ROUNDS rounds, the order swapped each round), for
#     a note page from the output cache and for search (never cached): requests/s, latency percentiles, the CPU each
#     part used, and each instance's memory and PostgreSQL connections.
#     Then STREAMS (500) live discussion streams held open on instance 1: its memory before and with them.
#  2. Failover: under a mixed load, kill -9 instance 2, then start it again.
#  3. Rolling restart: under the same load, SIGTERM each instance in turn and start it again, ready before the next
#     (ROLLING_ROUNDS times).
# During 2 and 3 POSTERS (1) posters post comments with ids of their own, sending an unanswered post again with its id
# as the note page does; afterwards every acknowledged comment must be in the database once.
# The cluster stops when the script ends, and by itself after 30 minutes whatever happens.
#
#   bash bench/cluster/run.sh          # DURATION=15s CONNECTIONS=32 ROUNDS=2 STREAMS=500 POSTERS=1 ROLLING_ROUNDS=1
#
# Needs: nginx, wrk, curl, jq, bc, ss, pgrep, /usr/bin/time, PostgreSQL server binaries
# (Debian: apt-get install -y nginx wrk curl jq bc iproute2 procps time postgresql).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
export CLUSTER_DIR=${CLUSTER_DIR:-/tmp/studyhub-cluster-bench} CLUSTER_PORT=${CLUSTER_PORT:-5500} INSTANCES=3 CLUSTER_MINUTES=30
# The posters post far faster than a person, their sign-ins may land on any instance, and every stream comes from one
# address; the limits have their own tests.
export Discussion__PostsPerMinute=1000000 Accounts__SignInPermitsPerMinute=1000000 Discussion__StreamsPerClient=1000000
duration=${DURATION:-15s}
connections=${CONNECTIONS:-32}
rounds=${ROUNDS:-2}
streams=${STREAMS:-500}
posters=${POSTERS:-1}
rolling_rounds=${ROLLING_ROUNDS:-1}
site=http://127.0.0.1:$CLUSTER_PORT
work=$CLUSTER_DIR/bench
note=/notes/cs224n/lectures/multimodal-deep-learning
search='/search?q=fusion'
poster=poster@example.org
run=$(date +%s)   # in the comments' bodies: the cluster's database outlives a run
password='correct horse battery staple'
cluster() { "$repo/deploy/local/cluster.sh" "$@"; }

for tool in nginx wrk curl jq bc ss pgrep /usr/bin/time; do command -v $tool > /dev/null || { echo "$tool is missing" >&2; exit 1; }; done
cluster stop > /dev/null 2>&1 || true
cluster start
trap 'cluster stop > /dev/null' EXIT
rm -rf "$work" && mkdir -p "$work"
cluster app create-admin "$poster" --password "$password" > /dev/null
for path in "$note" "$search"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' "$site$path")
  [ "$status" = 200 ] || { echo "$path answered $status; fix the script's paths" >&2; exit 1; }
done

cat > "$work/load.lua" <<'LUA'
-- The paths after "--" in turn; at the end one line: requests, requests/s, p50, p95, p99 (ms), non-2xx, and socket
-- errors: connect, read, write, timeout (no answer within wrk's --timeout).
local paths, i = {}, 0
function init(args) paths = args end
function request()
  i = i + 1
  return wrk.format("GET", paths[(i - 1) % #paths + 1])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("%d %.0f %.1f %.1f %.1f %d %d %d %d %d\n", summary.requests, summary.requests / summary.duration * 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect, e.read, e.write, e.timeout))
end
LUA

# CPU ticks (1/100 s) used so far by the given processes.
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
cores() { echo "scale=2; ($1) / 100 / $2" | bc; }  # <ticks> <seconds>

# 1. Throughput. One wrk run: prints a table row; memory and connections are read halfway through.
measure() {  # <round> <instances> <series> <paths…>
  local round=$1 instances=$2 series=$3; shift 3
  wrk -t2 -c"$connections" -d3s -s "$work/load.lua" "$site" -- "$@" > /dev/null   # warm-up
  local apps nginx postgres busy start
  apps=$(ticks $(app_pids)); nginx=$(ticks $(nginx_pids)); postgres=$(ticks $(postgres_pids)); busy=$(machine_busy); start=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$work/wrk-cpu" wrk -t2 -c"$connections" -d"$duration" --timeout 10s -s "$work/load.lua" "$site" -- "$@" \
    > "$work/wrk.out" &
  local wrk=$!
  sleep "$(( ${duration%s} / 2 ))"
  local n memory="" connections_held=""
  for n in $(seq 1 "$instances"); do
    memory+="$(( $(awk '/VmRSS/ {print $2}' "/proc/$(cat "$CLUSTER_DIR/app-$n.pid")/status") / 1024 )) "
    connections_held+="$(ss -Htnp "dport = :$((CLUSTER_PORT + 20))" | grep -c "pid=$(cat "$CLUSTER_DIR/app-$n.pid")," || true) "
  done
  wait $wrk
  local s used
  busy=$(( $(machine_busy) - busy )); apps=$(( $(ticks $(app_pids)) - apps )); nginx=$(( $(ticks $(nginx_pids)) - nginx ))
  postgres=$(( $(ticks $(postgres_pids)) - postgres )); s=$(echo "$(date +%s.%N) - $start" | bc)
  used="$(cores $apps "$s") / $(cores $nginx "$s") / $(cores $postgres "$s") / $(cores "$(awk '{print ($1 + $2) * 100}' "$work/wrk-cpu")" "$s") / $(cores $busy "$s")"
  read -r requests rate p50 p95 p99 non2xx connect read write timeout < <(tail -1 "$work/wrk.out")
  echo "| $round | $instances | $series | $rate | $p50 | $p95 | $p99 | $((non2xx + connect + read + write + timeout)) | $used | ${memory% } | ${connections_held% } |" \
    | tee -a "$work/throughput"
}

echo
echo "Throughput through nginx, wrk -t2 -c$connections -d$duration per row (cores: apps / nginx / PostgreSQL / wrk / whole machine)"
echo "| round | instances | series | requests/s | p50 ms | p95 ms | p99 ms | errors | cores | MB per instance | PostgreSQL connections per instance |"
echo "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |"
for round in $(seq 1 "$rounds"); do
  order="1 3"; [ $((round % 2)) = 1 ] || order="3 1"
  for instances in $order; do
    cluster proxy "$instances"
    measure "$round" "$instances" cached "$note"
    measure "$round" "$instances" search "$search"
  done
done
awk -F'|' '{ series = $4; gsub(/ /, "", series); rate[series, $3 + 0] += $5; runs[series, $3 + 0]++ }
  END {
    split("cached search", names, " ")
    for (i = 1; i <= 2; i++) {
      one = rate[names[i], 1] / runs[names[i], 1]; three = rate[names[i], 3] / runs[names[i], 3]
      printf "%s: 3 instances / 1 = %.2f (mean requests/s %.0f / %.0f)\n", names[i], three / one, three, one
    }
  }' "$work/throughput"

# Live streams, held open by wrk (their answers never end, so it counts no request), straight to instance 1.
resident_mb() { echo $(( $(awk '/VmRSS/ {print $2}' "/proc/$(cat "$CLUSTER_DIR/app-$1.pid")/status") / 1024 )); }
before=$(resident_mb 1)
wrk -t2 -c"$streams" -d10s --timeout 30s "http://127.0.0.1:$((CLUSTER_PORT + 1))/api/notes/multimodal-deep-learning/discussion/events" > /dev/null &
loader=$!
sleep 8
open=$(ss -Htn state established "( sport = :$((CLUSTER_PORT + 1)) )" | wc -l)
with=$(resident_mb 1)
held=$(ss -Htnp "dport = :$((CLUSTER_PORT + 20))" | grep -c "pid=$(cat "$CLUSTER_DIR/app-1.pid")," || true)
wait $loader
echo
echo "live streams on instance 1: $open connections open; $before MB before, $with MB with them" \
  "($(( (with - before) * 1024 / streams )) KB each); its pool held $held PostgreSQL connections meanwhile"

# 2 and 3 under a mixed load: three cached pages to one search, as wrk runs of 5 s back to back until told to stop.
keep_loading() {  # <stop file> <output>
  while [ ! -e "$1" ]; do
    wrk -t2 -c"$connections" -d5s --timeout 10s -s "$work/load.lua" "$site" -- "$note" "$note" "$note" "$search" | tail -1 >> "$2"
  done
}

# Signs in through nginx, then posts comment after comment until told to stop. As the note page does, a post that got no
# answer, 502, 503 or 504 is sent again with its id (which the app takes once), here up to 10 times. One line per
# comment: time, id, every status.
post_comments() {  # <phase> <poster> <stop file> <output>
  local jar="$work/cookies-$1-$2" form token id seq=0 statuses status attempt
  form=$(curl -s -c "$jar" -b "$jar" "$site/account/login" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode _handler=login --data-urlencode "__RequestVerificationToken=$form" \
    --data-urlencode "Input.Email=$poster" --data-urlencode "Input.Password=$password" "$site/account/login")
  [ "$status" = 302 ] || { echo "the poster's sign-in answered $status" >&2; return 1; }
  token=$(curl -s -c "$jar" -b "$jar" "$site/api/antiforgery" | jq -r .token)
  while [ ! -e "$3" ]; do
    seq=$((seq + 1)) id=$(cat /proc/sys/kernel/random/uuid) statuses=""
    for attempt in $(seq 1 10); do
      status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 20 -b "$jar" -H "RequestVerificationToken: $token" -H 'Content-Type: application/json' \
        -d "{\"id\":\"$id\",\"body\":\"scale-out $run $1 $2.$seq\",\"visibility\":\"Members\"}" "$site/api/notes/multimodal-deep-learning/comments" || true)
      statuses+="${statuses:+,}$status"
      [[ $status =~ ^(000|502|503|504)$ ]] || break
      sleep 0.2
    done
    echo "$(date +%s.%N) $id $statuses" >> "$4"
  done
}

# Runs the load and the poster around an event, then says what readers and the poster saw, and what the database holds.
under_load() {  # <phase> <event command…>
  local phase=$1; shift
  local stop="$work/stop-$phase"
  : > "$CLUSTER_DIR/nginx/access.log"
  : > "$CLUSTER_DIR/nginx/error.log"
  keep_loading "$stop" "$work/load-$phase" &
  local loader=$!
  local number posting=()
  for number in $(seq 1 "$posters"); do
    post_comments "$phase" "$number" "$stop" "$work/posts-$phase" &
    posting+=($!)
  done
  sleep 5
  local began ended
  began=$(date +%s.%N)
  "$@"
  ended=$(date +%s.%N)
  sleep 5
  touch "$stop"
  wait $loader "${posting[@]}"
  sleep 1.5   # nginx writes its log buffer every second

  echo
  echo "== $phase: event from 0 to $(printf '%.1f' "$(echo "$ended - $began" | bc)") s"
  awk '{ requests += $1; for (i = 6; i <= 10; i++) failed[i] += $i }
    END { printf "readers (wrk): %d requests, %d non-2xx, socket errors: %d connect, %d read, %d write, %d timeout (over 10 s)\n",
      requests, failed[6], failed[7], failed[8], failed[9], failed[10] }' \
    "$work/load-$phase"
  # 499: wrk closing a connection, at the end of each 5 s run (not a failure) or after a request's 10 s timeout.
  awk -v began="$began" '
    { requests++ }
    $NF >= 9.9 { slow++; t = ($1 - began) * 1000; if (!slow_from || t < slow_from) slow_from = t; if (t > slow_to) slow_to = t }
    $5 ~ /,/ && $2 < 500 { hidden++; t = ($1 - began) * 1000; if (!retried || t < from) from = t; if (t > to) to = t; retried = 1 }
    $2 >= 500 { failed++; t = ($1 - began) * 1000; if (!first_set || t < first) first = t; if (t > last) last = t; first_set = 1; what[$2 " " $3]++ }
    END {
      printf "nginx: %d requests, %d answered 5xx, %d saved by trying another instance", requests, failed, hidden
      if (retried) printf " (from %+.0f ms to %+.0f ms after the event began)", from, to
      print ""
      if (failed) { printf "failures from %+.0f ms to %+.0f ms after the event began:", first, last; for (w in what) printf " %s ×%d;", w, what[w]; print "" }
      if (slow) printf "%d requests took 10 s or more (wrk gives up then), ending from %+.0f ms to %+.0f ms after the event began\n", slow, slow_from, slow_to
    }' "$CLUSTER_DIR/nginx/access.log"
  grep -E 'prematurely|reset by peer|timed out' "$CLUSTER_DIR/nginx/error.log" | sed -E 's/^[^*]*\*[0-9]+ //; s/, client.*//' | sort | uniq -c || true

  local acknowledged ids
  acknowledged=$(awk '$3 ~ /(^|,)201$/' "$work/posts-$phase" | wc -l)
  ids=$(awk '$3 ~ /(^|,)201$/ { printf "%s%s", sep, $2; sep = "," }' "$work/posts-$phase")
  echo "posters: $(wc -l < "$work/posts-$phase") comments, $acknowledged acknowledged, $(awk '$3 !~ /^201$/' "$work/posts-$phase" | wc -l) needed another attempt," \
    "$(awk '$3 !~ /(^|,)201$/' "$work/posts-$phase" | wc -l) never acknowledged"
  cluster psql -qtA -F ' ' <<SQL | awk '{ printf "database: %d rows for %d acknowledged: lost %d, duplicates %d\n", $1, '"$acknowledged"', $2, $3 }'
SELECT (SELECT count(*) FROM "Comments" WHERE "Body" LIKE 'scale-out $run $phase %'),
       (SELECT count(*) FROM unnest('{$ids}'::uuid[]) AS acknowledged(id) WHERE NOT EXISTS (SELECT FROM "Comments" c WHERE c."Id" = acknowledged.id)),
       (SELECT count(*) - count(DISTINCT "Body") FROM "Comments" WHERE "Body" LIKE 'scale-out $run $phase %');
SQL
}

failover() {
  cluster kill 2
  sleep 10
  cluster up 2
}

rolling_restart() {
  local round n
  for round in $(seq 1 "$rolling_rounds"); do
    for n in 1 2 3; do
      cluster term "$n"
      cluster up "$n"
    done
  done
}

NGINX_ACCESS_LOG=1 cluster proxy 3
under_load failover failover
under_load rolling-restart rolling_restart
echo
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; $(git -C "$repo" rev-parse --short HEAD)"
