#!/usr/bin/env python3
"""Converts a COCO box file (a dev split) into Pascal VOC, YOLO detection and LabelMe layouts, written
independently of boxrefine's readers, with images symlinked, plus truth.json: the truth renumbered in the
order boxrefine's readers number images (file name order) and boxes (file order), for `boxrefine eval`.

Usage: convert-dev.py COCO_JSON OUT_ROOT [LIMIT]
  -> OUT_ROOT/{coco,voc,yolo,labelme}/ and OUT_ROOT/truth.json, for the first LIMIT images by file name (default all)
"""
import json, os, sys
from xml.sax.saxutils import escape

src, root = sys.argv[1], sys.argv[2]
base = os.path.dirname(os.path.abspath(src))
coco = json.load(open(src))
cats = sorted(coco["categories"], key=lambda c: c["id"])
name = {c["id"]: c["name"] for c in cats}
index = {c["id"]: i for i, c in enumerate(cats)}
images = sorted(coco["images"], key=lambda i: os.path.basename(i["file_name"]))
if len(sys.argv) > 3:
    images = images[:int(sys.argv[3])]
by_image = {}
for a in coco["annotations"]:
    by_image.setdefault(a["image_id"], []).append(a)

def link(img, folder):
    os.makedirs(folder, exist_ok=True)
    dst = os.path.join(folder, os.path.basename(img["file_name"]))
    if not os.path.lexists(dst):
        os.symlink(os.path.join(base, img["file_name"]), dst)
    return os.path.basename(dst)

def num(v):
    return str(int(v)) if float(v).is_integer() else repr(float(v))

for d in ("coco", "voc/Annotations", "yolo/labels", "labelme"):
    os.makedirs(os.path.join(root, d), exist_ok=True)
with open(os.path.join(root, "yolo/data.yaml"), "w") as f:
    f.write("path: .\ntrain: images\nval: images\nnames:\n" + "".join(f"  {i}: {c['name']}\n" for i, c in enumerate(cats)))

truth = dict(coco, images=[], annotations=[])
next_ann = 1
for image_id, img in enumerate(images, start=1):
    w, h = img["width"], img["height"]
    stem = os.path.splitext(os.path.basename(img["file_name"]))[0]
    anns = by_image.get(img["id"], [])
    # Pascal VOC: 1-based inclusive corners
    fn = link(img, os.path.join(root, "voc/JPEGImages"))
    objs = "".join(
        f"  <object><name>{escape(name[a['category_id']])}</name><pose>Unspecified</pose><truncated>0</truncated>"
        f"<difficult>0</difficult><bndbox><xmin>{num(a['bbox'][0] + 1)}</xmin><ymin>{num(a['bbox'][1] + 1)}</ymin>"
        f"<xmax>{num(a['bbox'][0] + a['bbox'][2])}</xmax><ymax>{num(a['bbox'][1] + a['bbox'][3])}</ymax></bndbox></object>\n"
        for a in anns)
    with open(os.path.join(root, "voc/Annotations", stem + ".xml"), "w") as f:
        f.write(f"<annotation>\n  <folder>JPEGImages</folder>\n  <filename>{escape(fn)}</filename>\n"
                f"  <size><width>{w}</width><height>{h}</height><depth>3</depth></size>\n  <segmented>0</segmented>\n"
                f"{objs}</annotation>\n")
    # YOLO: normalised centre and size
    link(img, os.path.join(root, "yolo/images"))
    with open(os.path.join(root, "yolo/labels", stem + ".txt"), "w") as f:
        for a in anns:
            x, y, bw, bh = a["bbox"]
            f.write(f"{index[a['category_id']]} {(x + bw / 2) / w:.6f} {(y + bh / 2) / h:.6f} {bw / w:.6f} {bh / h:.6f}\n")
    # LabelMe: rectangle shapes, JSON beside an images/ folder
    link(img, os.path.join(root, "labelme/images"))
    shapes = [{"label": name[a["category_id"]], "points": [[a["bbox"][0], a["bbox"][1]],
              [a["bbox"][0] + a["bbox"][2], a["bbox"][1] + a["bbox"][3]]], "group_id": None, "description": "",
              "shape_type": "rectangle", "flags": {}, "mask": None} for a in anns]
    with open(os.path.join(root, "labelme", stem + ".json"), "w") as f:
        json.dump({"version": "5.5.0", "flags": {}, "shapes": shapes, "imagePath": "images/" + fn, "imageData": None,
                   "imageHeight": h, "imageWidth": w}, f, indent=2)
    # truth in the readers' numbering; the COCO input is the same file with its images beside it
    truth["images"].append(dict(img, id=image_id))
    link(img, os.path.join(root, "coco/images"))
    for a in anns:
        t = dict(a, id=next_ann, image_id=image_id)
        if "mask_file" in t:
            t["mask_file"] = os.path.join(base, t["mask_file"])
        truth["annotations"].append(t)
        next_ann += 1
json.dump(truth, open(os.path.join(root, "truth.json"), "w"))
boxes = dict(truth, images=[dict(i, file_name="images/" + os.path.basename(i["file_name"])) for i in truth["images"]])
json.dump(boxes, open(os.path.join(root, "coco/boxes.json"), "w"))
print(f"{len(images)} images, {next_ann - 1} boxes -> {root}/{{coco,voc,yolo,labelme}}, {root}/truth.json")
