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
        int w = mask.widthPx();
        int h = mask.heightPx();
        if (w == 0 || h == 0) {
            return mask.copy();
        }
        GrayS32 labels = new GrayS32(w, h);
        int count = label(mask, labels);
        if (count <= 1) {
            return mask.copy();
        }
        double[] score = new double[count + 1];
        for (int i = 0; i < w * h; i++) {
            int l = labels.data[i];
            if (l > 0) {
                score[l] += weights == null ? 1 : weights[i];
            }
        }
        int best = 1;
        for (int l = 2; l <= count; l++) {
            if (score[l] > score[best]) {
                best = l;
            }
        }
        byte[] out = new byte[w * h];
        for (int i = 0; i < w * h; i++) {
            out[i] = (byte) (labels.data[i] == best ? 1 : 0);
        }
        return new BinaryMask(w, h, out);
    }

    /**
     * The 8-connected regions of {@code mask} whose pixel count is at least {@code fraction} of the
     * largest region's; an empty mask stays empty.
     */
    public static BinaryMask partsAtLeast(BinaryMask mask, double fraction) {
        int w = mask.widthPx();
        int h = mask.heightPx();
        if (w == 0 || h == 0) {
            return mask.copy();
        }
        GrayS32 labels = new GrayS32(w, h);
        int count = label(mask, labels);
        if (count <= 1) {
            return mask.copy();
        }
        long[] area = new long[count + 1];
        for (int i = 0; i < w * h; i++) {
            area[labels.data[i]]++;
        }
        long max = 0;
        for (int l = 1; l <= count; l++) {
            max = Math.max(max, area[l]);
        }
        byte[] out = new byte[w * h];
        for (int i = 0; i < w * h; i++) {
            int l = labels.data[i];
            out[i] = (byte) (l > 0 && area[l] >= fraction * max ? 1 : 0);
        }
        return new BinaryMask(w, h, out);
    }

    /** Labels the 8-connected regions of a non-empty {@code mask} into {@code labels} (1..n); returns n. */
    private static int label(BinaryMask mask, GrayS32 labels) {
        int w = mask.widthPx();
        int h = mask.heightPx();
        GrayU8 bin = new GrayU8(w, h);
        System.arraycopy(mask.data(), 0, bin.data, 0, w * h);
        return BinaryImageOps.contour(bin, ConnectRule.EIGHT, labels).size();
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
