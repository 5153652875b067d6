# What the scale benchmarks ask of a running site at $site, for bench/scale/run.sh and graph-memory.sh to source.

# "<seconds> <bytes>" of one GET, failing unless it answers 200.
fetch() {
  local out; out=$(curl -s -o /dev/null -w '%{http_code} %{time_total} %{size_download}' "$site$1")
  [ "${out%% *}" = 200 ] || { echo "$1 answered ${out%% *}" >&2; exit 1; }
  echo "${out#* }"
}
ms() { awk '{ printf "%.0f", $1 * 1000 }' <<<"$1"; }
kb() { awk '{ printf "%.0f", $2 / 1024 }' <<<"$1"; }
# Every note page the sitemap lists, as a path; past Sitemap:NotesPerFile notes it is an index of sitemaps.
sitemap_pages() {
  local map; map=$(curl -s "$site/sitemap.xml")
  locs() { grep -o '<loc>[^<]*</loc>' | sed 's|<loc>||; s|</loc>||; s|&amp;|\&|g'; }
  if grep -q '<sitemapindex' <<<"$map"; then
    locs <<<"$map" | while read -r sitemap; do curl -s "$sitemap" | locs; done
  else
    locs <<<"$map"
  fi | sed 's|^[a-z]*://[^/]*||'
}
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
