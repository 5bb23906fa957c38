#!/usr/bin/env bash
# lighthouse.sh: Lighthouse (npm, desktop preset) in Chromium on a page of the
# cookbook as `seqdoc serve` serves it; prints the four scores (performance,
# accessibility, best practices, SEO) and keeps the full report.
#
#   tools/lighthouse.sh                                   # the multiccy page
#   tools/lighthouse.sh /guides/findings/                 # another page
#
# Run from the root of a checkout. Lighthouse is the dev dependency pinned in
# internal/browsertest/testdata/npm (installed here with npm ci when missing);
# Chromium is $CHROMIUM, else /usr/bin/chromium. The report goes to
# $LIGHTHOUSE_OUT (default /tmp/seqdoc-lighthouse.json).
set -euo pipefail
cd "$(dirname "$0")/.."
page=${1:-/cookbook/app-multiccy/sequencediag-auth/}
NPM=internal/browsertest/testdata/npm
LH="$NPM/node_modules/.bin/lighthouse"
out=${LIGHTHOUSE_OUT:-/tmp/seqdoc-lighthouse.json}
[ -x "$LH" ] || npm ci --no-audit --no-fund --ignore-scripts --prefix "$NPM" >/dev/null

tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
go build -o "$tmp/seqdoc" ./cmd/seqdoc
"$tmp/seqdoc" serve --port 0 >"$tmp/serve.log" 2>&1 &
pid=$!
url=
for _ in $(seq 300); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$tmp/serve.log" | head -1 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$tmp/serve.log" >&2; echo "lighthouse.sh: seqdoc serve did not start" >&2; exit 1; }
url="${url%/}/${page#/}"
echo "lighthouse $("$LH" --version) on $url (desktop preset)"
CHROME_PATH=${CHROMIUM:-/usr/bin/chromium} "$LH" "$url" --preset=desktop --quiet \
  --output=json --output-path="$out" \
  --chrome-flags="--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$tmp/profile"
node -e '
const r = require(process.argv[1]);
let low = false;
for (const id of ["performance", "accessibility", "best-practices", "seo"]) {
  const s = Math.round(r.categories[id].score * 100);
  low = low || s < 95;
  console.log(id.padEnd(16) + s);
}
console.log("report: " + process.argv[1]);
process.exit(low ? 1 : 0);
' "$out"
