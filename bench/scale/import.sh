#!/usr/bin/env bash
# One `import` of a vault by a published build into a fresh PostgreSQL cluster of its own, with the command's peak
# resident memory (/usr/bin/time -v) and its notes per second; a line per run appended to $WORK/results.txt.
# Usage: bench/scale/import.sh <published app folder> <vault> <label>   (PORT, default 5340; WORK, default /tmp/scale-import)
# Runs as root (the cluster runs as postgres); needs PostgreSQL 15 server binaries.
set -euo pipefail
app=$1 vault=$2 label=$3 work=${WORK:-/tmp/scale-import} port=${PORT:-5340} bin=/usr/lib/postgresql/15/bin
data=$work/pg-$label
rm -rf "$data"; mkdir -p "$data"; chown postgres "$data"
runuser -u postgres -- $bin/initdb -D "$data" -U postgres --auth trust -E UTF8 > /dev/null
runuser -u postgres -- $bin/pg_ctl -D "$data" -l "$data/server.log" -w -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" start > /dev/null
trap 'runuser -u postgres -- $bin/pg_ctl -D "$data" -m fast -w stop > /dev/null' EXIT
psql() { runuser -u postgres -- $bin/psql -h 127.0.0.1 -p "$port" -U postgres "$@"; }
export ASPNETCORE_ENVIRONMENT=Production Email__LogLinks=true Serilog__MinimumLevel__Default=Warning Import__Limits__MaxEntries=200000 \
  ConnectionStrings__StudyHub="Host=127.0.0.1;Port=$port;Database=studyhub;Username=postgres" Database__MigrateOnStartup=true
psql -qc "CREATE DATABASE studyhub"
dotnet "$app/StudyHub.Web.dll" migrate > "$work/migrate-$label.log"
start=$(date +%s.%N)
/usr/bin/time -v -o "$work/time-$label.txt" dotnet "$app/StudyHub.Web.dll" import "$vault" --vault gen > "$work/import-$label.log"
seconds=$(echo "$(date +%s.%N) - $start" | bc)
notes=$(psql -d studyhub -tAc 'SELECT count(*) FROM "Notes"')
links=$(psql -d studyhub -tAc 'SELECT count(*) FROM "NoteLinks"')
peak=$(awk '/Maximum resident/ { printf "%.0f", $6 / 1024 }' "$work/time-$label.txt")
cpu=$(awk '/User time|System time/ { s += $NF } END { printf "%.1f", s }' "$work/time-$label.txt")
printf '%s notes=%s links=%s seconds=%.1f notes/s=%.0f peakMB=%s cpu_s=%s load=%s\n' "$label" "$notes" "$links" "$seconds" \
  "$(echo "$notes / $seconds" | bc -l)" "$peak" "$cpu" "$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$work/results.txt"
