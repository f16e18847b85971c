package org.boxrefine.io.coco;

import java.util.Arrays;

/**
 * An uncompressed COCO run-length encoding: the mask read column by column (y fastest within each column x,
 * pycocotools' Fortran order), as alternating runs of 0s and 1s starting with a run of 0s that may be empty.
 *
 * @param heightPx mask height
 * @param widthPx  mask width
 * @param counts   run lengths, non-negative, summing to {@code heightPx * widthPx}; not copied
 */
public record Rle(int heightPx, int widthPx, long[] counts) {

    public Rle {
        if (heightPx < 0 || widthPx < 0) {
            throw new IllegalArgumentException("RLE size must be non-negative, found height " + heightPx
                    + ", width " + widthPx);
        }
        if (counts == null) {
            throw new IllegalArgumentException("RLE counts must be given, found null");
        }
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException("RLE counts must be non-negative, found " + counts[i]
                        + " at index " + i);
            }
            total += counts[i];
        }
        long expected = (long) heightPx * widthPx;
        if (total != expected) {
            throw new IllegalArgumentException("RLE counts must sum to height*width = " + expected + " for "
                    + heightPx + "x" + widthPx + " (h x w), found a total of " + total);
        }
    }

    /** Number of pixels set: the sum of the odd-indexed runs. */
    public long area() {
        return CocoRle.area(counts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rle r && r.heightPx == heightPx && r.widthPx == widthPx
                && Arrays.equals(r.counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * heightPx + widthPx) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Rle[" + heightPx + "x" + widthPx + " (h x w), " + counts.length + " runs]";
    }
}
