package org.boxrefine.patch;

/**
 * A batch of square RGB patches, normalised, channel-first ({@code [n][3][size][size]} flattened),
 * with one label per patch (1 = foreground, 0 = background).
 */
public record PatchBatch(int count, int sizePx, float[] pixels, float[] labels) {
    public PatchBatch {
        if (count <= 0 || sizePx <= 0) {
            throw new IllegalArgumentException("a batch needs count > 0 and size > 0, found count " + count
                    + ", size " + sizePx);
        }
        if (pixels.length < (long) count * 3 * sizePx * sizePx) {
            throw new IllegalArgumentException("expected at least " + (long) count * 3 * sizePx * sizePx
                    + " pixel values for " + count + " patches of " + sizePx + " px, found " + pixels.length);
        }
        if (labels.length < count) {
            throw new IllegalArgumentException("expected " + count + " labels, found " + labels.length);
        }
    }
}
