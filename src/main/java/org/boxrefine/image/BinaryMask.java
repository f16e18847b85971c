package org.boxrefine.image;

import java.util.Arrays;
import org.boxrefine.geom.PixelRect;

/** A binary mask, row-major, one byte per pixel holding 0 or 1. */
public final class BinaryMask {
    private final int widthPx;
    private final int heightPx;
    private final byte[] bits;

    public BinaryMask(int widthPx, int heightPx) {
        this(widthPx, heightPx, new byte[checkedArea(widthPx, heightPx)]);
    }

    /** Wraps {@code bits} (not copied); every value must be 0 or 1. */
    public BinaryMask(int widthPx, int heightPx, byte[] bits) {
        if (bits.length != checkedArea(widthPx, heightPx)) {
            throw new IllegalArgumentException("expected " + (long) widthPx * heightPx + " mask values for "
                    + widthPx + "x" + heightPx + ", found " + bits.length);
        }
        for (int i = 0; i < bits.length; i++) {
            if (bits[i] != 0 && bits[i] != 1) {
                throw new IllegalArgumentException("mask values must be 0 or 1, found " + bits[i] + " at index " + i);
            }
        }
        this.widthPx = widthPx;
        this.heightPx = heightPx;
        this.bits = bits;
    }

    private static int checkedArea(int widthPx, int heightPx) {
        if (widthPx < 0 || heightPx < 0 || (long) widthPx * heightPx > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("mask size must be non-negative and at most 2^31 pixels, found "
                    + widthPx + "x" + heightPx);
        }
        return widthPx * heightPx;
    }

    public int widthPx() {
        return widthPx;
    }

    public int heightPx() {
        return heightPx;
    }

    /** The backing array (not a copy). */
    public byte[] data() {
        return bits;
    }

    public boolean get(int xPx, int yPx) {
        return bits[yPx * widthPx + xPx] != 0;
    }

    public void set(int xPx, int yPx, boolean on) {
        bits[yPx * widthPx + xPx] = (byte) (on ? 1 : 0);
    }

    /** Number of pixels set. */
    public long count() {
        long n = 0;
        for (byte b : bits) {
            n += b;
        }
        return n;
    }

    /** The smallest rectangle holding every set pixel; {@code [0, 0, 0, 0)} when none is set. */
    public PixelRect bounds() {
        int x0 = widthPx;
        int y0 = heightPx;
        int x1 = 0;
        int y1 = 0;
        for (int y = 0; y < heightPx; y++) {
            for (int x = 0; x < widthPx; x++) {
                if (bits[y * widthPx + x] != 0) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x + 1);
                    y1 = Math.max(y1, y + 1);
                }
            }
        }
        return x1 == 0 ? new PixelRect(0, 0, 0, 0) : new PixelRect(x0, y0, x1, y1);
    }

    public BinaryMask copy() {
        return new BinaryMask(widthPx, heightPx, bits.clone());
    }

    /** Intersection over union with a mask of the same size; 1 when both are empty. */
    public double iou(BinaryMask other) {
        if (other.widthPx != widthPx || other.heightPx != heightPx) {
            throw new IllegalArgumentException("IoU needs masks of one size, found " + widthPx + "x" + heightPx
                    + " and " + other.widthPx + "x" + other.heightPx);
        }
        long inter = 0;
        long union = 0;
        byte[] o = other.bits;
        for (int i = 0; i < bits.length; i++) {
            inter += bits[i] & o[i];
            union += bits[i] | o[i];
        }
        return union == 0 ? 1.0 : (double) inter / union;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryMask m && m.widthPx == widthPx && m.heightPx == heightPx && Arrays.equals(m.bits, bits);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * widthPx + heightPx) + Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        return "BinaryMask[" + widthPx + "x" + heightPx + ", " + count() + " set]";
    }
}
