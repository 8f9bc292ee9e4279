#!/usr/bin/env bash
# Renders an `offboard report --format html` page to a PNG with headless Chromium (Debian: apt-get install
# chromium), as a reader's browser would show it. The page fetches nothing, so this works offline.
#   scripts/render-report.sh [report.html] [report.png] [width] [height]
set -euo pipefail
html=${1:-${TMPDIR:-/tmp}/offboarding-devstack-report.html}
png=${2:-docs/report.png}
width=${3:-960}
height=${4:-1500}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z "$browser" ]]; then
  echo "render-report: no Chromium found; on Debian: sudo apt-get install chromium" >&2
  exit 2
fi
if [[ ! -f "$html" ]]; then
  echo "render-report: $html does not exist; write one with: offboard report --format html --out $html" >&2
  exit 2
fi
mkdir -p "$(dirname "$png")"
# --no-sandbox: CI containers run as root, where Chromium's sandbox refuses to start
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
  --window-size="${width},${height}" --screenshot="$png" "file://$(realpath "$html")" 2>/dev/null
echo "rendered $html to $png"
