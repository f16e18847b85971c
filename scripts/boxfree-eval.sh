#!/usr/bin/env bash
# Box-free mode on the dev splits with one object per image (ccp-dev, weizmann-dev): refine
# --no-boxes on the images alone, then compare with the truth masks. Box-free numbers the images
# from 1 in file-name order, which is how these splits number their images and annotations.
# Usage: scripts/boxfree-eval.sh [OUT_ROOT] [extra refine flags...]. Skips cleanly without the data.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${BOXREFINE_DATA:-$here/../shared/data}"
root="${1:-$here/out/boxfree}"
shift || true
if [ ! -d "$data" ]; then
  echo "no dev data at $data; nothing to evaluate" >&2
  exit 0
fi
br="${BOXREFINE:-$here/boxrefine}"
for split in ccp-dev weizmann-dev; do
  out="$root/$split"
  mkdir -p "$out"
  start=$(date +%s.%N)
  "$br" refine --no-boxes --images "$data/$split/images" --out "$out" --overwrite --quiet --no-overlays "$@" > "$out/log" 2>&1 || true
  end=$(date +%s.%N)
  printf '%s box-free: %.0f s; ' "$split" "$(echo "$end - $start" | bc)"
  "$br" eval --pred "$out/annotations.json" --truth "$data/$split/boxes.json" --json \
    | python3 -c 'import json,sys; s=json.load(sys.stdin)["splits"][0]["summary"]; print("mean IoU %.3f (boxes %d, missing %d)" % (s["mean_iou_pred"], s["boxes"], s["missing_predictions"]))'
done
