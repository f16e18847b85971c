#!/usr/bin/env python3
"""How well the `score` of refine's masks ranks them: the Spearman rank correlation between each
annotation's score (in PRED, refine's annotations.json) and its IoU against the truth (from
`boxrefine eval --json`). Usage: scripts/score-rank.py TRUTH.json PRED.json [BOXREFINE]"""
import json
import subprocess
import sys


def ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2
        i = j + 1
    return out


def pearson(a, b):
    n = len(a)
    ma, mb = sum(a) / n, sum(b) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(a, b))
    va = sum((x - ma) ** 2 for x in a) ** 0.5
    vb = sum((y - mb) ** 2 for y in b) ** 0.5
    return cov / (va * vb) if va > 0 and vb > 0 else float("nan")


truth, pred = sys.argv[1], sys.argv[2]
br = sys.argv[3] if len(sys.argv) > 3 else "./boxrefine"
report = json.loads(subprocess.run([br, "eval", "--truth", truth, "--pred", pred, "--json"],
                                   check=True, capture_output=True, text=True).stdout)
iou = {b["annotation_id"]: b["iou_pred"] for b in report["splits"][0]["boxes"] if b["predicted"]}
scores = {a["id"]: a["score"] for a in json.load(open(pred))["annotations"] if "score" in a}
ids = sorted(set(iou) & set(scores))
print("boxes %d, Spearman(score, IoU) %+.2f" % (len(ids), pearson(ranks([scores[i] for i in ids]),
                                                                    ranks([iou[i] for i in ids]))))
