package org.boxrefine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.boxrefine.patch.CropBatch;

/** BoxInst's two box-supervised losses, as differentiable NDArray expressions on logits {@code [n][1][m][m]}. */
final class BoxLosses {
    private static final float EPS = 1e-5f;

    private BoxLosses() {
    }

    /**
     * Dice loss between the foreground probabilities' maxima along each row and column and the
     * tags' ({@code box}, 1 inside a tag), summed over both axes, averaged over the crops.
     */
    static NDArray projection(NDArray logits, NDArray box) {
        NDArray p = Activation.sigmoid(logits);
        return dice(p.max(new int[] {3}), box.max(new int[] {3})).add(dice(p.max(new int[] {2}), box.max(new int[] {2})));
    }

    /**
     * Mean over weighted pairs (weights of pairs reaching past the grid are ignored) of {@code -log P(same label)}, where {@code P = p1 p2 + (1 - p1)(1 - p2)},
     * computed in log space from the logits.
     */
    static NDArray pairwise(NDArray logits, NDArray weights) {
        long m = logits.getShape().get(3);
        NDArray logFg = Activation.softPlus(logits.neg()).neg();
        NDArray logBg = Activation.softPlus(logits).neg();
        NDArray total = null;
        NDArray count = null;
        for (int d = 0; d < CropBatch.DIRECTIONS.length; d++) {
            String a = slice(CropBatch.DIRECTIONS[d], m, true);
            String b = slice(CropBatch.DIRECTIONS[d], m, false);
            NDArray both = logFg.get(a).add(logFg.get(b));
            NDArray neither = logBg.get(a).add(logBg.get(b));
            NDArray logSame = both.maximum(neither).add(Activation.softPlus(both.sub(neither).abs().neg()));
            NDArray w = weights.get(":, " + d + ":" + (d + 1) + a.substring(a.indexOf(',', a.indexOf(',') + 1)));
            NDArray term = logSame.mul(w).sum().neg();
            total = total == null ? term : total.add(term);
            count = count == null ? w.sum() : count.add(w.sum());
        }
        return total.div(count.maximum(1f));
    }

    /** The index of the first ({@code first}) or second cell of each pair in direction (dx, dy). */
    private static String slice(int[] direction, long m, boolean first) {
        int dx = direction[0];
        int dy = direction[1];
        String rows = dy == 0 ? ":" : first ? "0:" + (m - dy) : dy + ":" + m;
        String cols;
        if (dx == 0) {
            cols = ":";
        } else if (dx > 0) {
            cols = first ? "0:" + (m - dx) : dx + ":" + m;
        } else {
            cols = first ? -dx + ":" + m : "0:" + (m + dx);
        }
        return ":, :, " + rows + ", " + cols;
    }

    private static NDArray dice(NDArray p, NDArray t) {
        long n = p.getShape().get(0);
        NDArray pf = p.reshape(n, -1);
        NDArray tf = t.reshape(n, -1);
        NDArray inter = pf.mul(tf).sum(new int[] {1});
        NDArray denom = pf.mul(pf).sum(new int[] {1}).add(tf.mul(tf).sum(new int[] {1})).add(EPS);
        return inter.mul(2).div(denom).neg().add(1).mean();
    }
}
