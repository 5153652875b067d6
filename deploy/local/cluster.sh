#!/usr/bin/env bash
# A local StudyHub cluster on loopback: one PostgreSQL, `migrate` run once, N app instances (Production, Release
# build) and nginx in front of them, for the cluster test and the scale-out benchmark. Everything lives in one work
# folder and stops by itself after CLUSTER_MINUTES.
#
#   deploy/local/cluster.sh start | stop | status
#   deploy/local/cluster.sh kill <n>         kill -9 instance n (1-based)
#   deploy/local/cluster.sh term <n>         SIGTERM instance n and wait until it has exited
#   deploy/local/cluster.sh up <n>           start instance n again, with the settings the cluster started with, and wait until it is ready
#   deploy/local/cluster.sh proxy <n>        nginx sends requests to instances 1 to n only (the others keep running)
#   deploy/local/cluster.sh app <command…>   run an admin command (import, create-admin, …) against the cluster's database
#   deploy/local/cluster.sh psql [args…]     psql on the cluster's database
#
# Settings (environment): CLUSTER_DIR (default /tmp/studyhub-cluster), CLUSTER_PORT (nginx; instance n listens on
# CLUSTER_PORT+n and PostgreSQL on CLUSTER_PORT+20; default 5400), INSTANCES (3), CLUSTER_MINUTES (60),
# STUDYHUB_APP_DIR (a folder holding a built StudyHub.Web.dll; default: a Release publish made in CLUSTER_DIR),
# NGINX_ACCESS_LOG=1 (nginx logs each request's end time, status, instances tried and duration to
# CLUSTER_DIR/nginx/access.log; read at start and by proxy).
# Any other StudyHub setting in the environment at start (Discussion__PostsPerMinute=…) reaches every instance.
# Needs: PostgreSQL server binaries, nginx (apt-get install -y nginx), curl.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
dir=${CLUSTER_DIR:-/tmp/studyhub-cluster}
port=${CLUSTER_PORT:-5400}
instances=${INSTANCES:-3}
minutes=${CLUSTER_MINUTES:-60}
pg_port=$((port + 20))
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$pg_bin" ] || pg_bin=$(dirname "$(command -v pg_ctl || echo /nonexistent/pg_ctl)")
# PostgreSQL refuses to run as root; the service user owns the cluster then.
as_pg=(); [ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)

die() { echo "cluster: $*" >&2; exit 1; }
instance_port() { echo $((port + $1)); }
app_dir() { echo "${STUDYHUB_APP_DIR:-$dir/app}"; }
connection_string() { echo "Host=127.0.0.1;Port=$pg_port;Database=studyhub;Username=studyhub;Password=$(cat "$dir/pg-password")"; }

# What Production needs, on loopback: the database, account emails written to the log (no SMTP here), nginx
# believed about the client's address, quiet logs; after the settings given at start, so that an instance started
# again by `up` in another shell has them too.
app_environment() {
  [ ! -f "$dir/settings" ] || . "$dir/settings"
  export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
    ConnectionStrings__StudyHub="$(connection_string)" Email__LogLinks=true ForwardedHeaders__KnownProxies=127.0.0.1 \
    Database__MigrateOnStartup=false Import__SampleVaultWhenEmpty=false \
    Import__FailedUploads__Folder="$dir/failed-uploads" Serilog__MinimumLevel__Default="${Serilog__MinimumLevel__Default:-Warning}"
}

wait_until() {  # <seconds> <what> <command…>
  local seconds=$1 what=$2; shift 2
  for _ in $(seq 1 $((seconds * 10))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  die "$what did not happen within $seconds s (logs in $dir)"
}

ready() { curl -sf -o /dev/null "http://127.0.0.1:$(instance_port "$1")/readyz"; }
running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_instance() {
  local n=$1
  running "$dir/app-$n.pid" && die "instance $n is running already"
  (app_environment; cd "$(app_dir)" && ASPNETCORE_URLS="http://127.0.0.1:$(instance_port "$n")" \
    exec setsid dotnet StudyHub.Web.dll >> "$dir/app-$n.log" 2>&1 < /dev/null) &
  echo $! > "$dir/app-$n.pid"
}

start_postgres() {
  if [ ! -f "$dir/pg/PG_VERSION" ]; then
    head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/pg-password"
    mkdir -p "$dir/pg" && chmod 700 "$dir/pg"
    touch "$dir/postgres.log"
    [ ${#as_pg[@]} -eq 0 ] || chown postgres "$dir/pg" "$dir/pg-password" "$dir/postgres.log"
    "${as_pg[@]}" "$pg_bin/initdb" -D "$dir/pg" -U studyhub --pwfile "$dir/pg-password" --auth scram-sha-256 \
      --encoding UTF8 --locale C.UTF-8 > "$dir/initdb.log"
  fi
  # Room for three instances' pools and the benchmark's own connections.
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/pg" -l "$dir/postgres.log" -w -t 60 \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=400" start > /dev/null
  PGPASSWORD=$(cat "$dir/pg-password") "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U studyhub -d postgres -qtAc \
    "SELECT 1 FROM pg_database WHERE datname = 'studyhub'" | grep -q 1 \
    || PGPASSWORD=$(cat "$dir/pg-password") "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U studyhub -d postgres -qc "CREATE DATABASE studyhub"
}

write_nginx_config() {  # <instances to send requests to>
  local servers="" n access_log=off
  for n in $(seq 1 "$1"); do
    servers+="    server 127.0.0.1:$(instance_port "$n") max_fails=1 fail_timeout=5s;"$'\n'
  done
  [ "${NGINX_ACCESS_LOG:-}" != 1 ] || access_log="$dir/nginx/access.log timed buffer=64k flush=1s"
  mkdir -p "$dir/nginx"
  sed -e "s|@DIR@|$dir/nginx|g" -e "s|@PORT@|$port|g" -e "s|@ACCESS_LOG@|$access_log|" "$repo/deploy/local/nginx.conf.template" \
    | awk -v servers="$servers" '{ if ($0 ~ /@SERVERS@/) printf "%s", servers; else print }' > "$dir/nginx/nginx.conf"
}

start() {
  command -v nginx > /dev/null || die "nginx is missing: install it (Debian/Ubuntu: apt-get install -y nginx)"
  [ -x "$pg_bin/pg_ctl" ] || die "PostgreSQL server binaries are missing (Debian/Ubuntu: apt-get install -y postgresql)"
  [ -f "$dir/nginx/nginx.pid" ] && die "a cluster runs in $dir already; stop it first"
  for p in "$port" $(seq $((port + 1)) $((port + instances))) "$pg_port"; do
    (echo > "/dev/tcp/127.0.0.1/$p") 2>/dev/null && die "port $p is taken; choose another CLUSTER_PORT"
  done
  mkdir -p "$dir" && chmod 755 "$dir"
  local name
  for name in $(compgen -e); do
    [[ $name != *__* ]] || printf 'export %s=%q\n' "$name" "${!name}"
  done > "$dir/settings"
  if [ -z "${STUDYHUB_APP_DIR:-}" ]; then
    dotnet publish "$repo/src/StudyHub.Web" -c Release -o "$dir/app" --nologo -v quiet > "$dir/publish.log" \
      || die "the Release publish failed; see $dir/publish.log"
  fi
  [ -f "$(app_dir)/StudyHub.Web.dll" ] || die "no StudyHub.Web.dll in $(app_dir)"

  # A start that fails half way leaves nothing running.
  trap 'stop > /dev/null' EXIT
  start_postgres
  # Migrations once, as a deploy step, before any instance serves; then the sample vault into a new database.
  (app_environment; cd "$(app_dir)" && dotnet StudyHub.Web.dll migrate > "$dir/migrate.log" 2>&1) || die "migrate failed; see $dir/migrate.log"
  if [ ! -f "$dir/sample-imported" ]; then
    (app_environment; cd "$(app_dir)" && dotnet StudyHub.Web.dll import "$repo/samples/cs224n" --vault cs224n > "$dir/import.log" 2>&1) \
      || die "the sample import failed; see $dir/import.log"
    touch "$dir/sample-imported"
  fi
  for n in $(seq 1 "$instances"); do start_instance "$n"; done
  for n in $(seq 1 "$instances"); do wait_until 120 "instance $n ready" ready "$n"; done

  write_nginx_config "$instances"
  nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -e "$dir/nginx/error.log"
  wait_until 10 "nginx answering" curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"

  # Bounded: whatever happens to the caller, the cluster stops by itself.
  setsid bash -c "sleep $((minutes * 60)); CLUSTER_DIR='$dir' CLUSTER_PORT=$port INSTANCES=$instances '$0' stop" \
    > /dev/null 2>&1 < /dev/null &
  echo $! > "$dir/watchdog.pid"
  trap - EXIT
  echo "cluster: http://127.0.0.1:$port (instances on $((port + 1))-$((port + instances)), PostgreSQL on $pg_port, stops in $minutes min, files in $dir)"
}

stop() {
  [ -f "$dir/nginx/nginx.pid" ] && nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -e "$dir/nginx/error.log" -s stop 2>/dev/null || true
  local n pids=()
  for n in $(seq 1 "$instances"); do
    if running "$dir/app-$n.pid"; then kill "$(cat "$dir/app-$n.pid")"; pids+=("$(cat "$dir/app-$n.pid")"); fi
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -f "$dir"/app-*.pid
  if [ -f "$dir/pg/postmaster.pid" ]; then "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/pg" -m fast -w stop > /dev/null || true; fi
  if running "$dir/watchdog.pid" && [ "$(cat "$dir/watchdog.pid")" != "$PPID" ]; then kill -- -"$(cat "$dir/watchdog.pid")" 2>/dev/null || true; fi
  rm -f "$dir/watchdog.pid"
  echo "cluster: stopped"
}

status() {
  local n
  echo "nginx  http://127.0.0.1:$port  $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz" || true)"
  for n in $(seq 1 "$instances"); do
    echo "app $n  http://127.0.0.1:$(instance_port "$n")  $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(instance_port "$n")/readyz" || true)"
  done
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  status) status ;;
  kill) kill -9 "$(cat "$dir/app-$2.pid")"; rm -f "$dir/app-$2.pid" ;;
  term)
    pid=$(cat "$dir/app-$2.pid"); kill -TERM "$pid"
    for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$dir/app-$2.pid" ;;
  up) start_instance "$2"; wait_until 120 "instance $2 ready" ready "$2" ;;
  proxy)
    [ "$2" -ge 1 ] && [ "$2" -le "$instances" ] || die "proxy takes 1 to $instances"
    write_nginx_config "$2"
    nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -e "$dir/nginx/error.log" -s reload ;;
  app) shift; app_environment; cd "$(app_dir)" && exec dotnet StudyHub.Web.dll "$@" ;;
  psql) shift; PGPASSWORD=$(cat "$dir/pg-password") exec "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U studyhub -d studyhub "$@" ;;
  *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
