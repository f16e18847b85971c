package org.boxrefine.image;

import boofcv.alg.filter.binary.BinaryImageOps;
import boofcv.struct.ConnectRule;
import boofcv.struct.image.GrayS32;
import boofcv.struct.image.GrayU8;

/** Connected-component operations on masks, through BoofCV's labelling. */
public final class Components {
    static {
        boofcv.concurrency.BoofConcurrency.USE_CONCURRENT = false;
    }

    private Components() {
    }

    /**
     * The largest 8-connected region of {@code mask} (ties: the one found first in row order);
     * an empty mask stays empty. With {@code weights} (one per pixel, may be null), the region
     * with the largest sum of weights wins instead of the one with most pixels.
     */
    public static BinaryMask largest(BinaryMask mask, float[] weights) {
        Regions regions = Regions.of(mask);
        if (regions == null) {
            return mask.copy();
        }
        double[] score = regions.scores(weights);
        int best = 1;
        for (int l = 2; l < score.length; l++) {
            if (score[l] > score[best]) {
                best = l;
            }
        }
        boolean[] keep = new boolean[score.length];
        keep[best] = true;
        return regions.keep(keep);
    }

    /**
     * The 8-connected regions of {@code mask} whose pixel count is at least {@code fraction} of the
     * largest region's; an empty mask stays empty.
     */
    public static BinaryMask partsAtLeast(BinaryMask mask, double fraction) {
        Regions regions = Regions.of(mask);
        if (regions == null) {
            return mask.copy();
        }
        double[] area = regions.scores(null);
        double max = 0;
        for (int l = 1; l < area.length; l++) {
            max = Math.max(max, area[l]);
        }
        boolean[] keep = new boolean[area.length];
        for (int l = 1; l < area.length; l++) {
            keep[l] = area[l] >= fraction * max;
        }
        return regions.keep(keep);
    }

    /** The 8-connected regions of a mask: labels 1..count per pixel, 0 outside the mask. */
    private record Regions(int widthPx, int heightPx, int[] labels, int count) {
        /** The mask's regions, or null when there is nothing to choose (an empty image, at most one region). */
        static Regions of(BinaryMask mask) {
            int w = mask.widthPx();
            int h = mask.heightPx();
            if (w == 0 || h == 0) {
                return null;
            }
            GrayU8 bin = new GrayU8(w, h);
            System.arraycopy(mask.data(), 0, bin.data, 0, w * h);
            GrayS32 labels = new GrayS32(w, h);
            int count = BinaryImageOps.contour(bin, ConnectRule.EIGHT, labels).size();
            return count <= 1 ? null : new Regions(w, h, labels.data, count);
        }

        /** Per label (index 0 unused): the sum of {@code weights} over its pixels, or its pixel count when null. */
        double[] scores(float[] weights) {
            double[] score = new double[count + 1];
            for (int i = 0; i < widthPx * heightPx; i++) {
                int l = labels[i];
                if (l > 0) {
                    score[l] += weights == null ? 1 : weights[i];
                }
            }
            return score;
        }

        /** The mask of the regions whose label is marked in {@code keep}. */
        BinaryMask keep(boolean[] keep) {
            byte[] out = new byte[widthPx * heightPx];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) (keep[labels[i]] ? 1 : 0);
            }
            return new BinaryMask(widthPx, heightPx, out);
        }
    }

    /**
     * The mask with its holes filled: every 4-connected unset region that does not touch the
     * mask's border becomes set.
     */
    public static BinaryMask fillHoles(BinaryMask mask) {
        int w = mask.widthPx();
        int h = mask.heightPx();
        if (w == 0 || h == 0) {
            return mask.copy();
        }
        GrayU8 inv = new GrayU8(w, h);
        byte[] m = mask.data();
        for (int i = 0; i < w * h; i++) {
            inv.data[i] = (byte) (m[i] == 0 ? 1 : 0);
        }
        GrayS32 labels = new GrayS32(w, h);
        int count = BinaryImageOps.contour(inv, ConnectRule.FOUR, labels).size();
        boolean[] touches = new boolean[count + 1];
        for (int x = 0; x < w; x++) {
            touches[labels.data[x]] = true;
            touches[labels.data[(h - 1) * w + x]] = true;
        }
        for (int y = 0; y < h; y++) {
            touches[labels.data[y * w]] = true;
            touches[labels.data[y * w + w - 1]] = true;
        }
        byte[] out = new byte[w * h];
        for (int i = 0; i < w * h; i++) {
            int l = labels.data[i];
            out[i] = (byte) (m[i] != 0 || (l > 0 && !touches[l]) ? 1 : 0);
        }
        return new BinaryMask(w, h, out);
    }
}
