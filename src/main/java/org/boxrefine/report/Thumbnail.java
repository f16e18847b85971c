package org.boxrefine.report;

import org.boxrefine.geom.BoxPx;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.Overlay;
import org.boxrefine.image.Resize;
import org.boxrefine.image.RgbImage;

/**
 * A box's review thumbnail: the box with a margin of context, scaled so that its longer side is a given size,
 * the mask tinted blue with its outline drawn, and the box outlined in yellow (inside its edge).
 */
public final class Thumbnail {
    /** Context around the box on each side, as a share of its longer side. */
    static final double MARGIN = 0.08;
    /** Most a small box is enlarged. */
    static final double MAX_UPSCALE = 4;
    static final int[] MASK_TINT = {30, 144, 255};
    static final int[] OUTLINE = {0, 90, 255};
    static final int[] BOX = {255, 220, 0};
    /** Width of the box's outline, drawn inside the box. */
    static final int BOX_LINE_PX = 2;

    private Thumbnail() {
    }

    /**
     * Draws the thumbnail.
     *
     * @param photo  the whole image
     * @param box    the box, in the image's pixels
     * @param mask   the box's mask at the image's size, or null to show the box alone
     * @param sidePx the thumbnail's longer side (smaller for a box too small to enlarge that much)
     * @throws IllegalArgumentException when the mask's size differs from the image's or the box lies outside it
     */
    public static RgbImage render(RgbImage photo, BoxPx box, BinaryMask mask, int sidePx) {
        int w = photo.widthPx();
        int h = photo.heightPx();
        if (sidePx < 8) {
            throw new IllegalArgumentException("thumbnail side must be at least 8 px, found " + sidePx);
        }
        if (mask != null && (mask.widthPx() != w || mask.heightPx() != h)) {
            throw new IllegalArgumentException("mask is " + mask.widthPx() + "x" + mask.heightPx() + ", image " + w
                    + "x" + h);
        }
        PixelRect crop = box.grow(MARGIN * Math.max(box.widthPx(), box.heightPx()) + 1).pixelRect(w, h);
        if (crop.isEmpty()) {
            throw new IllegalArgumentException("box " + box + " lies outside the " + w + "x" + h + " image");
        }
        double f = Math.min(MAX_UPSCALE, (double) sidePx / Math.max(crop.widthPx(), crop.heightPx()));
        int tw = Math.max(1, (int) Math.round(crop.widthPx() * f));
        int th = Math.max(1, (int) Math.round(crop.heightPx() * f));
        double fx = (double) tw / crop.widthPx();
        double fy = (double) th / crop.heightPx();
        RgbImage out = Resize.rgb(photo.crop(crop), tw, th);
        if (mask != null) {
            boolean[] on = new boolean[tw * th];
            for (int j = 0; j < th; j++) {
                int y = Math.min(h - 1, crop.y0Px() + (int) ((j + 0.5) / fy));
                for (int i = 0; i < tw; i++) {
                    int x = Math.min(w - 1, crop.x0Px() + (int) ((i + 0.5) / fx));
                    on[j * tw + i] = mask.get(x, y);
                }
            }
            for (int j = 0; j < th; j++) {
                for (int i = 0; i < tw; i++) {
                    if (!on[j * tw + i]) {
                        continue;
                    }
                    boolean edge = i == 0 || j == 0 || i == tw - 1 || j == th - 1 || !on[j * tw + i - 1]
                            || !on[j * tw + i + 1] || !on[(j - 1) * tw + i] || !on[(j + 1) * tw + i];
                    if (edge) {
                        out.set(i, j, OUTLINE[0], OUTLINE[1], OUTLINE[2]);
                    } else {
                        out.set(i, j, (out.get(i, j, 0) + MASK_TINT[0]) / 2, (out.get(i, j, 1) + MASK_TINT[1]) / 2,
                                (out.get(i, j, 2) + MASK_TINT[2]) / 2);
                    }
                }
            }
        }
        int x0 = (int) Math.round((box.x0Px() - crop.x0Px()) * fx);
        int y0 = (int) Math.round((box.y0Px() - crop.y0Px()) * fy);
        int x1 = (int) Math.round((box.x1Px() - crop.x0Px()) * fx) - 1;
        int y1 = (int) Math.round((box.y1Px() - crop.y0Px()) * fy) - 1;
        Overlay.outline(out, x0, y0, x1, y1, BOX_LINE_PX, BOX);
        return out;
    }
}
