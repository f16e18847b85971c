package org.boxrefine.image;

import org.boxrefine.geom.PixelRect;

/**
 * A mask stored only over a rectangle of a larger image: pixels outside {@code rectPx} are unset.
 * Keeps memory proportional to the tag, not the image.
 */
public record CroppedMask(PixelRect rectPx, BinaryMask mask) {
    public CroppedMask {
        if (mask.widthPx() != rectPx.widthPx() || mask.heightPx() != rectPx.heightPx()) {
            throw new IllegalArgumentException("mask of " + mask.widthPx() + "x" + mask.heightPx()
                    + " does not fit its rectangle " + rectPx);
        }
    }

    /** Whether image pixel (x, y) is set. */
    public boolean get(int xPx, int yPx) {
        return rectPx.contains(xPx, yPx) && mask.get(xPx - rectPx.x0Px(), yPx - rectPx.y0Px());
    }

    public long count() {
        return mask.count();
    }

    /** The mask over the whole {@code widthPx x heightPx} image. */
    public BinaryMask toFull(int widthPx, int heightPx) {
        BinaryMask full = new BinaryMask(widthPx, heightPx);
        byte[] dst = full.data();
        byte[] src = mask.data();
        int w = rectPx.widthPx();
        for (int y = 0; y < rectPx.heightPx(); y++) {
            System.arraycopy(src, y * w, dst, (rectPx.y0Px() + y) * widthPx + rectPx.x0Px(), w);
        }
        return full;
    }
}
