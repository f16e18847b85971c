package org.boxrefine.refine;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.CroppedMask;

/**
 * Each category's typical mask in its tags' frame, learned from the training labels: on a
 * {@code gridCells x gridCells} grid over the tag (stretched to a unit square), how often a cell's centre is
 * foreground, counted over every tag of the category and its mirror image (objects face either way). A
 * person's tag is foreground down its middle and background in its corners; a horse's below its belly.
 * {@link #foreground} reads it as a probability, shrunk toward the pooled shape of all categories, and that
 * toward one half, by {@value #PSEUDO_TAGS} tags' worth, so that a category with few tags barely moves.
 * It also counts how far each mask stops short of its tag's four sides ({@link #sideGap}): about nothing when
 * the tags are tight, the margin a person leaves when they were drawn by hand.
 *
 * @param gridCells  cells per side of the grid
 * @param categories per category id, its tag count and counts
 */
public record ShapePriors(int gridCells, Map<Long, Counts> categories) {
    /** Default {@link #gridCells()}. */
    public static final int GRID_CELLS = 32;
    /** The pseudo-count of tags with which each estimate is shrunk toward the wider one. */
    public static final double PSEUDO_TAGS = 8;
    /** Bins of {@link Counts#sideGaps()}: gaps of 0 to 0.1 of the tag's size, per mille; the last holds the rest. */
    public static final int GAP_BINS = 101;

    /**
     * One category's counts.
     *
     * @param tags       tags counted
     * @param foreground per cell (row by row), how many of the tags and their mirror images have it foreground:
     *                   0 to {@code 2 * tags}
     * @param sideGaps   per bin of {@value #GAP_BINS}, how many sides of the tags' non-empty masks stop short of the
     *                   tag by that many thousandths of its width (left, right) or height (top, bottom); the last
     *                   bin counts every gap from 0.1 up
     */
    public record Counts(int tags, int[] foreground, int[] sideGaps) {
        public Counts {
            if (tags < 0 || foreground == null || sideGaps == null || sideGaps.length != GAP_BINS) {
                throw new IllegalArgumentException("shape counts need a tag count of at least 0, cells and "
                        + GAP_BINS + " gap bins, found " + tags + ", " + (foreground == null ? "no" : foreground.length)
                        + " cells and " + (sideGaps == null ? "no" : sideGaps.length) + " gap bins");
            }
            long sides = 0;
            for (int c : sideGaps) {
                if (c < 0) {
                    throw new IllegalArgumentException("a gap bin counts at least 0 sides, found " + c);
                }
                sides += c;
            }
            if (sides > 4L * tags) {
                throw new IllegalArgumentException("gap bins count at most 4 sides per tag (" + 4L * tags
                        + "), found " + sides);
            }
            for (int c : foreground) {
                if (c < 0 || c > 2 * tags) {
                    throw new IllegalArgumentException("a shape cell counts 0 to " + 2 * tags + " (twice the tags),"
                            + " found " + c);
                }
            }
            foreground = foreground.clone();
            sideGaps = sideGaps.clone();
        }

        @Override
        public int[] foreground() {
            return foreground.clone();
        }

        @Override
        public int[] sideGaps() {
            return sideGaps.clone();
        }
    }

    public ShapePriors {
        if (gridCells < 1 || categories == null) {
            throw new IllegalArgumentException("shape priors need at least 1 cell per side and categories, found "
                    + gridCells + " and " + categories);
        }
        for (Map.Entry<Long, Counts> e : categories.entrySet()) {
            if (e.getValue().foreground.length != gridCells * gridCells) {
                throw new IllegalArgumentException("category " + e.getKey() + "'s shape has "
                        + e.getValue().foreground.length + " cells, expected " + gridCells * gridCells);
            }
        }
        categories = Collections.unmodifiableMap(new TreeMap<>(categories));
    }

    /** Collects the shapes of masks, from any number of threads; the result does not depend on their order. */
    public static final class Accumulator {
        private final int gridCells;
        private final Map<Long, int[]> counts = new TreeMap<>();
        private final Map<Long, int[]> gaps = new TreeMap<>();
        private final Map<Long, Integer> tags = new TreeMap<>();

        public Accumulator(int gridCells) {
            if (gridCells < 1) {
                throw new IllegalArgumentException("a shape grid needs at least 1 cell per side, found " + gridCells);
            }
            this.gridCells = gridCells;
        }

        /** Adds one tag's mask ({@code mask} in the same pixels as {@code tag}). An empty tag adds nothing. */
        public void add(long categoryId, BoxPx tag, CroppedMask mask) {
            if (!(tag.widthPx() > 0 && tag.heightPx() > 0)) {
                return;
            }
            int g = gridCells;
            int[] cells = new int[g * g];
            int[] sides = sideGapBins(tag, mask);
            for (int j = 0; j < g; j++) {
                int y = (int) Math.floor(tag.y0Px() + (j + 0.5) * tag.heightPx() / g);
                for (int i = 0; i < g; i++) {
                    int x = (int) Math.floor(tag.x0Px() + (i + 0.5) * tag.widthPx() / g);
                    if (mask.get(x, y)) {
                        cells[j * g + i]++;
                        cells[j * g + g - 1 - i]++;
                    }
                }
            }
            synchronized (this) {
                int[] sum = counts.computeIfAbsent(categoryId, k -> new int[g * g]);
                for (int k = 0; k < sum.length; k++) {
                    sum[k] += cells[k];
                }
                tags.merge(categoryId, 1, Integer::sum);
                int[] gapSum = gaps.computeIfAbsent(categoryId, k -> new int[GAP_BINS]);
                for (int k = 0; k < GAP_BINS; k++) {
                    gapSum[k] += sides[k];
                }
            }
        }

        /** The bins of the four gaps between a mask's extent and its tag's sides; none for an empty mask. */
        private static int[] sideGapBins(BoxPx tag, CroppedMask mask) {
            int[] bins = new int[GAP_BINS];
            PixelRect b = mask.mask().bounds();
            if (b.isEmpty()) {
                return bins;
            }
            PixelRect r = mask.rectPx();
            double[] gaps = {(r.x0Px() + b.x0Px() - tag.x0Px()) / tag.widthPx(),
                (tag.x1Px() - r.x0Px() - b.x1Px()) / tag.widthPx(), (r.y0Px() + b.y0Px() - tag.y0Px()) / tag.heightPx(),
                (tag.y1Px() - r.y0Px() - b.y1Px()) / tag.heightPx()};
            for (double gap : gaps) {
                bins[(int) Math.min(GAP_BINS - 1, Math.max(0, Math.floor(gap * 1000)))]++;
            }
            return bins;
        }

        /** The priors of the masks added so far. */
        public synchronized ShapePriors build() {
            Map<Long, Counts> out = new TreeMap<>();
            counts.forEach((id, c) -> out.put(id, new Counts(tags.get(id), c, gaps.get(id))));
            return new ShapePriors(gridCells, out);
        }
    }

    /**
     * The probability that the point ({@code u}, {@code v}) of a tag of {@code categoryId} is foreground, u and v
     * in [0, 1] across and down the tag; bilinear between cell centres. A category without tags takes the pooled
     * shape; with no tags at all it is one half everywhere. (To read many points, take {@link #of} once.)
     */
    public double foreground(long categoryId, double u, double v) {
        return of(categoryId).foreground(u, v);
    }

    /** One category's shape as probabilities (see {@link #foreground}). */
    public Shape of(long categoryId) {
        return new Shape(gridCells, grid(categoryId));
    }

    /** One category's probabilities, cell by cell, row by row ({@link ShapePriors#of}). */
    public static final class Shape {
        private final int gridCells;
        private final double[] cells;

        private Shape(int gridCells, double[] cells) {
            this.gridCells = gridCells;
            this.cells = cells;
        }

        /** As {@link ShapePriors#foreground}, for this category. */
        public double foreground(double u, double v) {
            int g = gridCells;
            double gx = Math.min(g - 1, Math.max(0, u * g - 0.5));
            double gy = Math.min(g - 1, Math.max(0, v * g - 0.5));
            int x0 = (int) gx;
            int y0 = (int) gy;
            int x1 = Math.min(g - 1, x0 + 1);
            int y1 = Math.min(g - 1, y0 + 1);
            double fx = gx - x0;
            double fy = gy - y0;
            double top = cells[y0 * g + x0] * (1 - fx) + cells[y0 * g + x1] * fx;
            double bottom = cells[y1 * g + x0] * (1 - fx) + cells[y1 * g + x1] * fx;
            return top * (1 - fy) + bottom * fy;
        }
    }

    /**
     * The median of how far the masks of {@code categoryId}'s tags stop short of their tags' sides, as a fraction
     * of the tag's width or height (the middle of its thousandth; 0.1 and more fall in one bin); shrunk toward all
     * categories' gaps by {@value #PSEUDO_TAGS} tags' worth. NaN when no mask was counted.
     */
    public double sideGap(long categoryId) {
        double[] bins = new double[GAP_BINS];
        int pooledTags = pooledTags();
        Counts own = categories.get(categoryId);
        for (Counts c : categories.values()) {
            double w = (c == own ? 1 : 0) + (pooledTags == 0 ? 0 : PSEUDO_TAGS / pooledTags);
            for (int k = 0; k < GAP_BINS; k++) {
                bins[k] += w * c.sideGaps[k];
            }
        }
        double total = 0;
        for (double b : bins) {
            total += b;
        }
        if (total == 0) {
            return Double.NaN;
        }
        double seen = 0;
        for (int k = 0; k < GAP_BINS; k++) {
            seen += bins[k];
            if (seen >= total / 2) {
                return (k + 0.5) / 1000;
            }
        }
        return (GAP_BINS - 0.5) / 1000;
    }

    /** Tags counted over all categories. */
    private int pooledTags() {
        int n = 0;
        for (Counts c : categories.values()) {
            n += c.tags;
        }
        return n;
    }

    /** The grid of probabilities for one category (see {@link #foreground}). */
    private double[] grid(long categoryId) {
        int n = gridCells * gridCells;
        double[] pooled = new double[n];
        int pooledTags = pooledTags();
        for (Counts c : categories.values()) {
            for (int k = 0; k < n; k++) {
                pooled[k] += c.foreground[k];
            }
        }
        for (int k = 0; k < n; k++) {
            pooled[k] = (pooled[k] / 2 + PSEUDO_TAGS * 0.5) / (pooledTags + PSEUDO_TAGS);
        }
        Counts own = categories.get(categoryId);
        if (own == null) {
            return pooled;
        }
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            out[k] = (own.foreground[k] / 2.0 + PSEUDO_TAGS * pooled[k]) / (own.tags + PSEUDO_TAGS);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ShapePriors p) || p.gridCells != gridCells
                || !p.categories.keySet().equals(categories.keySet())) {
            return false;
        }
        for (Map.Entry<Long, Counts> e : categories.entrySet()) {
            Counts other = p.categories.get(e.getKey());
            if (other.tags != e.getValue().tags || !Arrays.equals(other.foreground, e.getValue().foreground)
                    || !Arrays.equals(other.sideGaps, e.getValue().sideGaps)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = gridCells;
        for (Map.Entry<Long, Counts> e : categories.entrySet()) {
            h = 31 * h + e.getKey().hashCode();
            h = 31 * h + e.getValue().tags;
            h = 31 * h + Arrays.hashCode(e.getValue().foreground);
            h = 31 * h + Arrays.hashCode(e.getValue().sideGaps);
        }
        return h;
    }
}
