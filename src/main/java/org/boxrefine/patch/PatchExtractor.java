package org.boxrefine.patch;

import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.RgbImage;

/**
 * Cuts normalised, channel-first patches and padded regions out of an image. Pixels beyond the
 * image border repeat the nearest edge pixel, for patches and regions alike, so a dense pass over
 * a padded region equals classifying each patch on its own, at the border too.
 */
public final class PatchExtractor {
    /** Normalisation: {@code (value - MEAN) / SCALE}, about -2..2. */
    public static final float MEAN = 127.5f;
    public static final float SCALE = 64f;

    private static final float[] NORMALISED = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            NORMALISED[v] = (v - MEAN) / SCALE;
        }
    }

    private PatchExtractor() {
    }

    /**
     * Writes the {@code sizePx x sizePx} patch whose centre pixel is (cx, cy) into {@code dst} at
     * {@code offset}, as {@code [3][size][size]}. The centre pixel sits at offset {@code sizePx / 2}
     * from the patch's top-left corner.
     */
    public static void patch(RgbImage img, int cxPx, int cyPx, int sizePx, float[] dst, int offset) {
        int c = sizePx / 2;
        region(img, cxPx - c, cyPx - c, sizePx, sizePx, dst, offset);
    }

    /**
     * The input a dense pass needs to give a probability at every pixel of {@code out}: that
     * rectangle grown by {@code sizePx / 2} before and {@code sizePx - 1 - sizePx / 2} after,
     * channel-first; its size is {@code (w + sizePx - 1) x (h + sizePx - 1)}.
     */
    public static float[] denseInput(RgbImage img, PixelRect out, int sizePx) {
        int c = sizePx / 2;
        int w = out.widthPx() + sizePx - 1;
        int h = out.heightPx() + sizePx - 1;
        float[] dst = new float[3 * w * h];
        region(img, out.x0Px() - c, out.y0Px() - c, w, h, dst, 0);
        return dst;
    }

    /** Copies the {@code w x h} window at (x0, y0), edge pixels repeated outside, channel-first. */
    static void region(RgbImage img, int x0, int y0, int w, int h, float[] dst, int offset) {
        int iw = img.widthPx();
        int ih = img.heightPx();
        byte[] src = img.data();
        int[] col = new int[w];
        for (int i = 0; i < w; i++) {
            col[i] = 3 * Math.min(iw - 1, Math.max(0, x0 + i));
        }
        int plane = w * h;
        for (int j = 0; j < h; j++) {
            int row = 3 * iw * Math.min(ih - 1, Math.max(0, y0 + j));
            int o = offset + j * w;
            for (int i = 0; i < w; i++) {
                int s = row + col[i];
                dst[o + i] = NORMALISED[src[s] & 0xff];
                dst[o + plane + i] = NORMALISED[src[s + 1] & 0xff];
                dst[o + 2 * plane + i] = NORMALISED[src[s + 2] & 0xff];
            }
        }
    }
}
