package org.boxrefine.patch;

/**
 * Square crops for box-supervised training: the network maps each crop to a {@code cells x cells}
 * grid of patch centres, and the losses compare that grid with the tags (projection) and with the
 * colours of neighbouring cells (pairwise affinity).
 *
 * @param count       crops in the batch
 * @param cells       output cells per side
 * @param sizePx      input side in pixels: {@code patchSize + stride * (cells - 1)}
 * @param pixels      normalised crops, {@code [count][3][sizePx][sizePx]} flattened
 * @param boxCells    1 where a cell's centre lies inside a tag, {@code [count][1][cells][cells]}
 * @param pairWeights 1 where a cell and its neighbour in direction {@code d} (see
 *                    {@link #DIRECTIONS}) have similar colours and both lie in a tag,
 *                    {@code [count][4][cells][cells]}, stored at the first cell of the pair
 */
public record CropBatch(int count, int cells, int sizePx, float[] pixels, float[] boxCells, float[] pairWeights) {
    /** Neighbour offsets (dx, dy) in cells: right, down, down-right, down-left. */
    public static final int[][] DIRECTIONS = {{1, 0}, {0, 1}, {1, 1}, {-1, 1}};

    public CropBatch {
        if (count < 1 || cells < 2) {
            throw new IllegalArgumentException("a crop batch needs at least 1 crop of at least 2x2 cells, found "
                    + count + " crops of " + cells + " cells");
        }
        long plane = (long) cells * cells;
        if (pixels.length != 3L * count * sizePx * sizePx || boxCells.length != count * plane
                || pairWeights.length != DIRECTIONS.length * count * plane) {
            throw new IllegalArgumentException("crop batch arrays do not match " + count + " crops of " + sizePx
                    + " px and " + cells + " cells: found " + pixels.length + ", " + boxCells.length + ", "
                    + pairWeights.length + " values");
        }
    }
}
