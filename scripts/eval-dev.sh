#!/usr/bin/env bash
# Regenerates the quality and speed table of docs/EVALUATION.md: refine + eval on every dev split
# in ../shared/data (skipped when absent), with tight and loose boxes. Extra arguments go to refine.
# Usage: scripts/eval-dev.sh [OUT_ROOT] [refine options...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${BOXREFINE_DATA:-$here/../shared/data}"
root="${1:-$here/out/eval-dev}"
shift || true
if [ ! -d "$data" ]; then
  echo "no dev data at $data; nothing to evaluate" >&2
  exit 0
fi
mkdir -p "$root"
printf '| split | boxes | n | box mIoU | boxrefine mIoU | refine wall s |\n|---|---|---|---|---|---|\n' > "$root/table.md"
for split in ccp-dev weizmann-dev pennfudan-dev; do
  for kind in boxes boxes_loose; do
    [ -f "$data/$split/$kind.json" ] || continue
    out="$root/$split-$kind"
    start=$(date +%s.%N)
    "$here/boxrefine" refine --annotations "$data/$split/$kind.json" --out "$out" --overwrite --quiet --no-overlays "$@" > "$out.log" 2>&1 || true
    end=$(date +%s.%N)
    "$here/boxrefine" eval --pred "$out/annotations.json" --truth "$data/$split/$kind.json" --json > "$out.eval.json"
    python3 - "$split" "$kind" "$out.eval.json" "$(echo "$end - $start" | bc)" >> "$root/table.md" <<'PY'
import json, sys
split, kind, path, secs = sys.argv[1:]
s = json.load(open(path))["splits"][0]["summary"]
print(f"| {split} | {kind.replace('boxes_loose','loose').replace('boxes','tight')} | {s['boxes']} | {s['mean_iou_box']:.3f} | {s['mean_iou_pred']:.3f} | {float(secs):.0f} |")
PY
  done
done
cat "$root/table.md"
