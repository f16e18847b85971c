package org.boxrefine.refine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.CroppedMask;

/**
 * {@link OverlapRule#BY_PROBABILITY}: decides which masks of one image give up the pixels they
 * share. A pixel claimed by two or more masks stays in all of them when every claimant's
 * probability there is at least the shared confidence; otherwise it goes to the claimant with the
 * highest probability. Probabilities within {@value #TIE} of the highest count as equal (one
 * network scores every tag, so claimants usually agree to rounding); among those the pixel goes to
 * the tag it lies deepest in (distance of its centre to the box's nearest side, over the box's
 * width or height along that axis), then to the earlier tag. A tag never loses every pixel: one
 * that would gives up none and keeps its own mask (a box always holds its object).
 */
final class Overlaps {
    /** Probabilities this close to the highest tie. */
    static final double TIE = 1e-3;

    private Overlaps() {
    }

    /**
     * One tag's mask before the rule and the network's probability at each pixel of its rectangle.
     *
     * @param box   the tag
     * @param mask  the mask, over the tag's pixel rectangle
     * @param probs row-major over {@code mask.rectPx()}
     * @param colourClarity the clarity of the GrabCut that made the mask ({@link org.boxrefine.snap.Segmentation});
     *              NaN when GrabCut did not make it
     */
    record Claim(BoxPx box, CroppedMask mask, float[] probs, double colourClarity) {
        Claim(BoxPx box, CroppedMask mask, float[] probs) {
            this(box, mask, probs, Double.NaN);
        }

        Claim {
            long n = mask.rectPx().areaPx();
            if (probs.length != n) {
                throw new IllegalArgumentException("expected one probability per pixel of " + mask.rectPx() + " (" + n
                        + "), found " + probs.length);
            }
        }

        float prob(int xPx, int yPx) {
            PixelRect r = mask.rectPx();
            return probs[(yPx - r.y0Px()) * r.widthPx() + xPx - r.x0Px()];
        }
    }

    /**
     * For each claim, over its rectangle, the pixels it gives up to another claim; none when it
     * would give up every pixel of its mask.
     */
    static List<BinaryMask> lost(List<Claim> claims, double sharedConfidence) {
        List<BinaryMask> out = new ArrayList<>(claims.size());
        int[] claimants = new int[claims.size()];
        for (int i = 0; i < claims.size(); i++) {
            Claim c = claims.get(i);
            PixelRect r = c.mask().rectPx();
            List<Integer> others = new ArrayList<>();
            for (int j = 0; j < claims.size(); j++) {
                if (j != i && intersects(r, claims.get(j).mask().rectPx())) {
                    others.add(j);
                }
            }
            BinaryMask lost = new BinaryMask(r.widthPx(), r.heightPx());
            for (int y = r.y0Px(); y < r.y1Px() && !others.isEmpty(); y++) {
                for (int x = r.x0Px(); x < r.x1Px(); x++) {
                    if (!c.mask().get(x, y)) {
                        continue;
                    }
                    int n = 0;
                    claimants[n++] = i;
                    for (int j : others) {
                        if (claims.get(j).mask().get(x, y)) {
                            claimants[n++] = j;
                        }
                    }
                    if (n > 1) {
                        int keeper = winner(claims, claimants, n, x, y, sharedConfidence);
                        lost.set(x - r.x0Px(), y - r.y0Px(), keeper >= 0 && keeper != i);
                    }
                }
            }
            if (lost.count() == c.mask().mask().count()) {
                Arrays.fill(lost.data(), (byte) 0);
            }
            out.add(lost);
        }
        return out;
    }

    /** The claimant that keeps pixel (x, y), or -1 when every claimant keeps it. */
    private static int winner(List<Claim> claims, int[] claimants, int n, int x, int y, double shared) {
        float max = Float.NEGATIVE_INFINITY;
        boolean allSure = true;
        for (int k = 0; k < n; k++) {
            float p = claims.get(claimants[k]).prob(x, y);
            max = Math.max(max, p);
            allSure &= p >= shared;
        }
        if (allSure) {
            return -1;
        }
        int best = -1;
        double bestDepth = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            int t = claimants[k];
            Claim c = claims.get(t);
            if (c.prob(x, y) < max - TIE) {
                continue;
            }
            double d = depth(c.box(), x, y);
            if (d > bestDepth || (d == bestDepth && t < best)) {
                best = t;
                bestDepth = d;
            }
        }
        return best;
    }

    /** How deep pixel (x, y) lies in a box: its centre's distance to the nearest side over the box's extent. */
    static double depth(BoxPx box, int xPx, int yPx) {
        double cx = xPx + 0.5;
        double cy = yPx + 0.5;
        double dx = Math.min(cx - box.x0Px(), box.x1Px() - cx) / box.widthPx();
        double dy = Math.min(cy - box.y0Px(), box.y1Px() - cy) / box.heightPx();
        return Math.min(dx, dy);
    }

    private static boolean intersects(PixelRect a, PixelRect b) {
        return a.x0Px() < b.x1Px() && b.x0Px() < a.x1Px() && a.y0Px() < b.y1Px() && b.y0Px() < a.y1Px();
    }
}
