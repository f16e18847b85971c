#!/usr/bin/env bash
# The ablation table of docs/EVALUATION.md: every variant (a name and refine flags, or the plain
# GrabCut baseline) on every dev split in ../shared/data, tight and loose boxes; mean IoU per box
# and wall time per run. Skips cleanly when the data is absent.
# Usage: scripts/ablation.sh [OUT_ROOT]; VARIANTS="grabcut snap" picks some variants by name.
# A finished run (OUT_ROOT/variant/split/wall) is kept, so an interrupted table resumes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${BOXREFINE_DATA:-$here/../shared/data}"
root="${1:-$here/out/ablation}"
if [ ! -d "$data" ]; then
  echo "no dev data at $data; nothing to evaluate" >&2
  exit 0
fi
# Rows other than "default" pin the settings that were the defaults when they were measured
# (augmentation off, largest region only, and with snapping, holes filled), so they reproduce the
# table whatever the current defaults are.
# Snapping ran on tags of at most 256 px, enlarged back bilinearly, until 2026-11-25.
# Training ran at a fixed learning rate, and snapping never enlarged small tags, until 2026-11-25 (third session).
# The rectangle start had no edge band until 2026-11-25 (fourth session).
# Until 2026-11-25 (sixth session) the network learnt from the boxes and snapping used colours alone, 5 iterations.
# GrabCut's contrast term had OpenCV's weight, 50, and its background model OpenCV's 5 components,
# until 2026-11-25 (eighth session).
# Snapping pinned no path to the tag's sides that a mask stops short of (--snap-reach) until 2026-11-26 (ninth session).
nr="--snap-reach 0"
opencv="--snap-smoothness 50 --snap-background-components 5 $nr"
colours="--initial-labels boxes --inside-share 0 --snap-network-weight 0 --snap-iterations 5 $opencv"
# Snapping had no shape prior until 2026-11-25 (seventh session); with box labels none is learnt.
nb="--snap-edge-band 0 $colours"
old="--lr-schedule fixed --snap-min-size 0 $nb"
s256="--snap-size 256 --snap-guide-radius 0 $old"
na="$s256 --no-flip --colour-jitter 0 --min-part-fraction 1"
fh="--fill-holes"
na_all="$s256 --no-flip --colour-jitter 0 --min-part-fraction 0"
declare -A flags=(
  [grabcut]="BASELINE"
  [default]=""
  [default-fixed-rate]="$old"
  [snap-rectangle]="$na --snap-start rectangle --snap-margin 2 $fh"
  [snap-network]="$na --snap-start network --snap-margin 2 $fh"
  [snap-prior]="$na --snap-start prior --snap-margin 2 $fh"
  [plain-cnn]="$na --no-snap --no-fill-holes"
  [plain-cnn+holes]="$na --no-snap $fh"
  [plain-cnn+flip+jitter]="$s256 --no-snap --no-fill-holes --flip --colour-jitter 0.2 --min-part-fraction 1"
  [plain-cnn+fg-0.3]="$s256 --no-snap --no-fill-holes --flip --colour-jitter 0.2 --min-part-fraction 1 --foreground-share 0.3"
  [plain-cnn+fg-0.7]="$s256 --no-snap --no-fill-holes --flip --colour-jitter 0.2 --min-part-fraction 1 --foreground-share 0.7"
  [plain-cnn+centre-dropout]="$na --no-snap --no-fill-holes --centre-dropout 0.5"
  [plain-cnn+relabel-1]="$na --no-snap --no-fill-holes --relabel-rounds 1"
  [snap-rectangle-all-parts]="$na_all --snap-start rectangle --snap-margin 2 $fh"
  [snap-network-margin-0.1]="$na --snap-start network --snap-margin 0.1 $fh"
  [grabcut-labels]="${na/--initial-labels boxes /} --initial-labels grabcut --snap-shape-weight 0 --snap-start network --snap-margin 2 $fh"
  [previous-default]="$s256 --snap-start rectangle --fill-holes --min-part-fraction 1"
  [default-snap-256]="$s256 --snap-start rectangle"
  [snap-auto]="--snap-start auto $old"
  [overlap-keep]="$na --snap-start rectangle --snap-margin 2 --overlap keep $fh"
  [plain-cnn+box-loss-15]="$s256 --no-snap --no-fill-holes --min-part-fraction 1 --box-loss-epochs 15"
  [snap-network+box-loss-15]="$s256 --snap-start network --box-loss-epochs 15"
  [cosine]="--lr-schedule cosine --snap-min-size 0 $nb"
  [snap-auto+cosine]="--snap-start auto --lr-schedule cosine --snap-min-size 0 $nb"
  [plain-cnn+cosine]="$colours --snap-size 256 --snap-guide-radius 0 --snap-min-size 0 --no-snap --no-fill-holes --flip --colour-jitter 0.2 --min-part-fraction 1 --lr-schedule cosine"
  [snap-min-320]="--snap-min-size 320 $nb"
  [default+snap-auto]="--snap-start auto $nb"
  [edge-band-0]="$nb"
  [network-term-0.25]="--initial-labels boxes --inside-share 0 --snap-iterations 5 --snap-network-weight 0.25 $opencv"
  [default-colours]="$colours"
  [default-unshaped]="--snap-shape-weight 0 --snap-edge-band 0.06 $opencv"
  [default-opencv-grabcut]="$opencv"
  [default-bg-5]="--snap-background-components 5 $nr"
  [default-no-reach]="$nr"
  [epochs-3]="--epochs 3"
)
order="grabcut default epochs-3 default-no-reach default-bg-5 default-opencv-grabcut default-unshaped default-colours network-term-0.25 edge-band-0 default-fixed-rate default+snap-auto snap-auto cosine snap-auto+cosine snap-min-320 default-snap-256 snap-rectangle snap-network snap-prior plain-cnn plain-cnn+holes plain-cnn+flip+jitter plain-cnn+fg-0.3 plain-cnn+fg-0.7 plain-cnn+centre-dropout plain-cnn+relabel-1 snap-rectangle-all-parts snap-network-margin-0.1 grabcut-labels previous-default overlap-keep plain-cnn+box-loss-15 snap-network+box-loss-15 plain-cnn+cosine"
br="${BOXREFINE:-$here/boxrefine}"
mkdir -p "$root"
"$br" --version > /dev/null
table="$root/table.md"
printf '| variant | flags | ccp tight | ccp loose | weizmann tight | weizmann loose | pennfudan tight | pennfudan loose | wall s (ccp tight, ccp loose) |\n|---|---|---|---|---|---|---|---|---|\n' > "$table"
for v in ${VARIANTS:-$order}; do
  row="| $v | \`${flags[$v]}\` |"
  walls=""
  for split in ccp-dev weizmann-dev pennfudan-dev; do
    for kind in boxes boxes_loose; do
      out="$root/$v/$split-$kind"
      mkdir -p "$out"
      if [ ! -f "$out/wall" ] || [ ! -f "$out/annotations.json" ]; then
      start=$(date +%s.%N)
      if [ "${flags[$v]}" = BASELINE ]; then
        "$br" baseline --annotations "$data/$split/$kind.json" --out "$out" --quiet > "$out/log" 2>&1 || true
      else
        # shellcheck disable=SC2086
        "$br" refine --annotations "$data/$split/$kind.json" --out "$out" --overwrite --quiet --no-overlays ${flags[$v]} > "$out/log" 2>&1 || true
      fi
      end=$(date +%s.%N)
      echo "$end - $start" | bc > "$out/wall"
      fi
      miou=$("$br" eval --pred "$out/annotations.json" --truth "$data/$split/$kind.json" --json \
        | python3 -c 'import json,sys; s=json.load(sys.stdin)["splits"][0]["summary"]; print("%.3f" % s["mean_iou_pred"])')
      row="$row $miou |"
      [ "$split" = ccp-dev ] && walls="$walls $(printf '%.0f' "$(cat "$out/wall")")"
    done
  done
  echo "$row$walls |" >> "$table"
  echo "$row$walls |"
done
cat "$table"
