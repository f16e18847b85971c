#!/usr/bin/env bash
# Converts a dev split's boxes to COCO, Pascal VOC, YOLO and LabelMe (scripts/convert-dev.py, written independently
# of boxrefine's readers), refines from each format with every output format, and evaluates each run against the
# truth: the mean IoU must not depend on the input format. Prints a table and writes it to OUT_ROOT/table.md.
# Usage: scripts/convert-dev.sh [SPLIT_DIR] [BOXES_JSON_NAME] [OUT_ROOT] [refine options...]
#   defaults: ../shared/data/weizmann-dev boxes_loose.json /tmp/boxrefine-formats; LIMIT=N uses the first N images.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
split="${1:-$here/../shared/data/weizmann-dev}"
boxes="${2:-boxes_loose.json}"
root="${3:-/tmp/boxrefine-formats}"
shift $(( $# < 3 ? $# : 3 )) || true
rm -rf "$root"
mkdir -p "$root"
python3 "$here/scripts/convert-dev.py" "$split/$boxes" "$root" ${LIMIT:-}
printf '| input | boxes | mIoU (RLE) | mIoU (polygons) | polygon IoU to mask (mean / worst) | vertices | refine wall s |\n|---|---|---|---|---|---|---|\n' > "$root/table.md"
for fmt in coco voc yolo labelme; do
  input="$root/$fmt"
  [ "$fmt" = coco ] && input="$root/coco/boxes.json"
  out="$root/out-$fmt"
  start=$(date +%s.%N)
  "$here/boxrefine" refine --annotations "$input" --out "$out" --overwrite --quiet --no-overlays \
      --output-format coco,coco-polygon,yolo,labelme,png "$@" > "$out.log" 2>&1 || true
  end=$(date +%s.%N)
  "$here/boxrefine" eval --pred "$out/annotations.json" --truth "$root/truth.json" --json > "$out.eval.json"
  "$here/boxrefine" eval --pred "$out/annotations_polygons.json" --truth "$root/truth.json" --json > "$out.poly.json"
  python3 - "$fmt" "$out" "$(echo "$end - $start" | bc)" >> "$root/table.md" <<'PY'
import json, sys
fmt, out, secs = sys.argv[1:]
rle = json.load(open(out + ".eval.json"))["splits"][0]["summary"]
poly = json.load(open(out + ".poly.json"))["splits"][0]["summary"]
st = json.load(open(out + "/polygon_stats.json"))
print(f"| {fmt} | {rle['boxes']} | {rle['mean_iou_pred']:.4f} | {poly['mean_iou_pred']:.4f} | "
      f"{st['mean_iou']:.4f} / {st['worst_iou']:.4f} | {st['mean_vertices']:.1f} | {float(secs):.0f} |")
PY
done
cat "$root/table.md"
