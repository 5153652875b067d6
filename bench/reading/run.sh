#!/usr/bin/env bash
# Throughput of a note page: StudyHub from its output cache, StudyHub rendering every request, and nginx
# serving the same HTML as a static file, measured one after the other with wrk on this machine.
# Needs: nginx and wrk (Debian: apt-get install -y nginx wrk), PostgreSQL server binaries.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${WORK:-/tmp/studyhub-reading-bench}
duration=${DURATION:-15s}
connections=${CONNECTIONS:-32}
app_port=5310
nginx_port=5311
page=/notes/cs224n/lectures/multimodal-deep-learning

rm -rf "$work/app" "$work/www" && mkdir -p "$work/www"
dotnet publish "$repo/src/StudyHub.Web" -c Release -o "$work/app" --nologo -v quiet

# The app on its own private cluster, with the sample vault, logging only warnings (nginx logs nothing either).
(cd "$work/app" && ASPNETCORE_ENVIRONMENT=Production Email__LogLinks=true ASPNETCORE_URLS=http://127.0.0.1:$app_port \
  LocalDatabase__Enabled=true LocalDatabase__Directory="$work/pg" Database__MigrateOnStartup=true \
  Import__SampleVaultWhenEmpty=true Import__SampleVault="$repo/samples/cs224n" Serilog__MinimumLevel__Default=Warning \
  exec dotnet StudyHub.Web.dll > "$work/app.log" 2>&1) &
app=$!
trap 'kill $app 2>/dev/null; nginx -c "$work/nginx.conf" -s stop 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$app_port/readyz" >/dev/null && break; sleep 0.5; done
status=$(curl -s -o "$work/www/note.html" -w '%{http_code}' "http://127.0.0.1:$app_port$page")
# A redirect or an error page would be measured as if it were the note: stop instead.
[ "$status" = 200 ] || { echo "$page answered $status, not the note page; fix \$page" >&2; exit 1; }

cat > "$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  server { listen 127.0.0.1:$nginx_port; root $work/www; location / { try_files /note.html =404; } }
}
NGINX
nginx -c "$work/nginx.conf"

cat > "$work/uncached.lua" <<'LUA'
-- A new query string each time misses the output cache, so every request renders the page.
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", wrk.path .. "?nocache=" .. counter)
end
LUA

echo "page: $(wc -c < "$work/www/note.html") bytes"
curl -sf "http://127.0.0.1:$app_port$page" >/dev/null   # warm the cache
for target in nginx cached uncached; do
  case $target in
    nginx) url="http://127.0.0.1:$nginx_port$page"; script=() ;;
    cached) url="http://127.0.0.1:$app_port$page"; script=() ;;
    uncached) url="http://127.0.0.1:$app_port$page"; script=(-s "$work/uncached.lua") ;;
  esac
  wrk -t2 -c"$connections" -d5s "${script[@]}" "$url" > /dev/null   # warm-up
  echo "== $target"
  wrk -t2 -c"$connections" -d"$duration" --latency "${script[@]}" "$url" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx"
done
