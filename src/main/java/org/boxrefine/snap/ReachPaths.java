package org.boxrefine.snap;

import java.util.Arrays;

/**
 * Cheapest 8-connected paths on a grid from a set of source pixels to one side of the grid (Dijkstra from all
 * sources at once; a step costs the cost of the pixel it enters, times the step's length). {@link JointGrabCut}
 * pins such a path from its mask to each side of the {@link Reach} rectangle that the mask stops short of.
 */
final class ReachPaths {
    /** A side of the grid. */
    enum Side {
        LEFT, RIGHT, TOP, BOTTOM;

        boolean holds(int x, int y, int w, int h) {
            return switch (this) {
                case LEFT -> x == 0;
                case RIGHT -> x == w - 1;
                case TOP -> y == 0;
                case BOTTOM -> y == h - 1;
            };
        }
    }

    private static final int[] DX = {-1, 0, 1, -1, 1, -1, 0, 1};
    private static final int[] DY = {-1, -1, -1, 0, 0, 1, 1, 1};
    private static final double DIAGONAL = Math.sqrt(2);

    private ReachPaths() {
    }

    /**
     * The pixels (row-major indices into the {@code w x h} grid) of a cheapest path from any {@code source} pixel to a
     * pixel on {@code side}, the source itself left out, ordered from the side back toward the source; empty when a
     * source already lies on the side, and null when there is no source.
     *
     * @param cost per pixel, at least 0: what entering it costs (a diagonal step {@code sqrt(2)} times that)
     */
    static int[] cheapestPath(double[] cost, boolean[] source, int w, int h, Side side) {
        int n = w * h;
        if (cost.length != n || source.length != n) {
            throw new IllegalArgumentException("cost and source must hold " + n + " values, found " + cost.length
                    + " and " + source.length);
        }
        double[] dist = new double[n];
        int[] from = new int[n];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        Heap heap = new Heap(Math.max(16, n));
        for (int i = 0; i < n; i++) {
            if (source[i]) {
                dist[i] = 0;
                from[i] = -1;
                heap.push(0, i);
            }
        }
        if (heap.isEmpty()) {
            return null;
        }
        while (!heap.isEmpty()) {
            double d = heap.topKey();
            int i = heap.pop();
            if (d > dist[i]) {
                continue;
            }
            int x = i % w;
            int y = i / w;
            if (side.holds(x, y, w, h)) {
                return path(from, i);
            }
            for (int k = 0; k < DX.length; k++) {
                int xx = x + DX[k];
                int yy = y + DY[k];
                if (xx < 0 || yy < 0 || xx >= w || yy >= h) {
                    continue;
                }
                int j = yy * w + xx;
                double nd = d + cost[j] * (DX[k] != 0 && DY[k] != 0 ? DIAGONAL : 1);
                if (nd < dist[j]) {
                    dist[j] = nd;
                    from[j] = i;
                    heap.push(nd, j);
                }
            }
        }
        return null;
    }

    /** The chain of {@code from} links from {@code end} back to (not including) a source. */
    private static int[] path(int[] from, int end) {
        int len = 0;
        for (int i = end; from[i] >= 0; i = from[i]) {
            len++;
        }
        int[] out = new int[len];
        int k = 0;
        for (int i = end; from[i] >= 0; i = from[i]) {
            out[k++] = i;
        }
        return out;
    }

    /** A binary min-heap of (key, value) pairs in primitive arrays; stale entries are skipped by the caller. */
    private static final class Heap {
        private double[] keys;
        private int[] values;
        private int size;

        Heap(int capacity) {
            keys = new double[capacity];
            values = new int[capacity];
        }

        boolean isEmpty() {
            return size == 0;
        }

        double topKey() {
            return keys[0];
        }

        void push(double key, int value) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, 2 * size);
                values = Arrays.copyOf(values, 2 * size);
            }
            int i = size++;
            while (i > 0) {
                int p = (i - 1) / 2;
                if (keys[p] <= key) {
                    break;
                }
                keys[i] = keys[p];
                values[i] = values[p];
                i = p;
            }
            keys[i] = key;
            values[i] = value;
        }

        int pop() {
            int top = values[0];
            size--;
            double key = keys[size];
            int value = values[size];
            int i = 0;
            while (true) {
                int c = 2 * i + 1;
                if (c >= size) {
                    break;
                }
                if (c + 1 < size && keys[c + 1] < keys[c]) {
                    c++;
                }
                if (keys[c] >= key) {
                    break;
                }
                keys[i] = keys[c];
                values[i] = values[c];
                i = c;
            }
            keys[i] = key;
            values[i] = value;
            return top;
        }
    }
}
