#!/usr/bin/env bash
# Time and peak memory of importing, and then serving, the huge inputs of docs/reliability.md ("Huge notes"): a 100 MB
# note, a note with 50,000 links, a note with a 20,000-row table. Bounded: three imports and a few requests.
# Usage: bash bench/limits/huge-inputs.sh [work folder]   (needs the app built: dotnet build src/StudyHub.Web)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-/tmp/studyhub-huge-inputs}
app="$repo/src/StudyHub.Web/bin/Debug/net10.0/StudyHub.Web.dll"
[ -f "$app" ] || { echo "Build the app first: dotnet build $repo/src/StudyHub.Web" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "Needs GNU time: apt-get install time" >&2; exit 2; }
rm -rf "$work" && mkdir -p "$work"
export ASPNETCORE_ENVIRONMENT=Development LocalDatabase__Directory="$work/pg" Import__SampleVaultWhenEmpty=false
export Serilog__MinimumLevel__Default=Warning

python3 - "$work" <<'PY'
import os, random, sys
work = sys.argv[1]
def write(vault, path, text):
    full = os.path.join(work, vault, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(text)
random.seed(18)
words = ["attention", "[[Transformers]]", "the", "gradient", "of", "==loss==", "at", "12:34", "a", "model", "layer"]
os.makedirs(os.path.join(work, "huge"))
with open(os.path.join(work, "huge", "Transcript.md"), "w") as f:
    while f.tell() < 100 * 1024 * 1024:
        f.write(" ".join(random.choice(words) for _ in range(2000)) + "\n")
write("huge", "Transformers.md", "# Transformers\n\nStill here.")
write("links", "Hub.md", "# Hub\n\n" + "".join(f"- [[Target {i % 1000:04}]] and a word\n" for i in range(50_000)))
for i in range(1000):
    write("links", f"Targets/Target {i:04}.md", f"# Target {i:04}\n\nA target.")
write("table", "Table.md", "# Table\n\n| n | square | word |\n| --- | --- | --- |\n" + "".join(f"| {i} | {i * i} | w{i} |\n" for i in range(20_000)))
PY
ls -l "$work/huge" "$work/links/Hub.md" "$work/table/Table.md"

for vault in huge links table; do
  echo "== import $vault"
  /usr/bin/time -f "wall %e s, peak RSS %M KB" dotnet "$app" import "$work/$vault" --vault "$vault" 2>&1 | grep -E "wall|Notes|notes|warn|Not imported" | cut -c1-200
done

port=5397
ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet "$app" > "$work/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 1; done
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
echo "app RSS after start: $(rss) KB"
for page in links/hub table/table links/targets/target-0007; do
  for round in first second; do
    curl -s -o /dev/null -w "GET /notes/$page ($round): %{http_code}, %{size_download} bytes, %{time_total} s\n" "http://127.0.0.1:$port/notes/$page"
  done
done
curl -s "http://127.0.0.1:$port/notes/links/targets/target-0007" | grep -o 'Hub' | wc -l | xargs echo "mentions of Hub on a target's page:"
echo "app RSS after the pages: $(rss) KB"
