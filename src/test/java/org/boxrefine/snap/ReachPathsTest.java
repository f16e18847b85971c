package org.boxrefine.snap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReachPathsTest {
    private static final double DIAGONAL = Math.sqrt(2);

    /** The cheapest cost from any source to each pixel, by relaxing every step until nothing changes. */
    private static double[] naiveDistances(double[] cost, boolean[] source, int w, int h) {
        double[] d = new double[w * h];
        Arrays.fill(d, Double.POSITIVE_INFINITY);
        for (int i = 0; i < d.length; i++) {
            if (source[i]) {
                d[i] = 0;
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int xx = x + dx;
                            int yy = y + dy;
                            if ((dx == 0 && dy == 0) || xx < 0 || yy < 0 || xx >= w || yy >= h) {
                                continue;
                            }
                            double nd = d[yy * w + xx] + cost[y * w + x] * (dx != 0 && dy != 0 ? DIAGONAL : 1);
                            if (nd < d[y * w + x] - 1e-12) {
                                d[y * w + x] = nd;
                                changed = true;
                            }
                        }
                    }
                }
            }
        }
        return d;
    }

    /** What the path costs, entering each of its pixels from the previous one (the first from a source). */
    private static double pathCost(int[] path, double[] cost, boolean[] source, int w) {
        double sum = 0;
        for (int k = 0; k < path.length; k++) {
            int i = path[k];
            int j = k + 1 < path.length ? path[k + 1] : -1;
            if (j < 0) {
                j = neighbouringSource(i, source, w);
            }
            assertThat(Math.max(Math.abs(i % w - j % w), Math.abs(i / w - j / w))).as("8-neighbours").isEqualTo(1);
            sum += cost[i] * (i % w != j % w && i / w != j / w ? DIAGONAL : 1);
        }
        return sum;
    }

    /** A source next to pixel {@code i}, one beside or above or below it rather than diagonal where there is one. */
    private static int neighbouringSource(int i, boolean[] source, int w) {
        int h = source.length / w;
        int found = -1;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int x = i % w + dx;
                int y = i / w + dy;
                if ((dx != 0 || dy != 0) && x >= 0 && y >= 0 && x < w && y < h && source[y * w + x]
                        && (found < 0 || dx == 0 || dy == 0)) {
                    found = y * w + x;
                }
            }
        }
        if (found < 0) {
            throw new AssertionError("the path's last pixel " + i + " touches no source");
        }
        return found;
    }

    @Test
    void pathsCostWhatTheNaiveRelaxationFindsToEachSide() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            int w = 5 + rng.nextInt(12);
            int h = 5 + rng.nextInt(12);
            double[] cost = new double[w * h];
            boolean[] source = new boolean[w * h];
            for (int i = 0; i < cost.length; i++) {
                cost[i] = rng.nextInt(4) == 0 ? 10 * rng.nextDouble() : 0.5 + rng.nextDouble();
            }
            int cx = 1 + rng.nextInt(w - 2);
            int cy = 1 + rng.nextInt(h - 2);
            source[cy * w + cx] = true;
            source[(cy + rng.nextInt(2)) * w + cx - 1] = true;
            double[] naive = naiveDistances(cost, source, w, h);
            for (ReachPaths.Side side : ReachPaths.Side.values()) {
                double best = Double.POSITIVE_INFINITY;
                for (int i = 0; i < cost.length; i++) {
                    if (side.holds(i % w, i / w, w, h)) {
                        best = Math.min(best, naive[i]);
                    }
                }
                int[] path = ReachPaths.cheapestPath(cost, source, w, h, side);
                if (best == 0) {
                    assertThat(path).isEmpty();
                    continue;
                }
                assertThat(side.holds(path[0] % w, path[0] / w, w, h)).as("the path ends on the side").isTrue();
                assertThat(pathCost(path, cost, source, w)).as("trial %d, %s", trial, side).isCloseTo(best,
                        within(1e-9));
            }
        }
    }

    @Test
    void noSourceGivesNoPath() {
        assertThat(ReachPaths.cheapestPath(new double[9], new boolean[9], 3, 3, ReachPaths.Side.TOP)).isNull();
    }

    @Test
    void thePathFollowsTheCheapValley() {
        int w = 9;
        int h = 7;
        double[] cost = new double[w * h];
        Arrays.fill(cost, 5);
        boolean[] source = new boolean[w * h];
        source[1 * w + 4] = true;
        for (int y = 2; y < h; y++) {
            cost[y * w + 7] = 0.1;
        }
        cost[1 * w + 5] = 0.1;
        cost[1 * w + 6] = 0.1;
        int[] path = ReachPaths.cheapestPath(cost, source, w, h, ReachPaths.Side.BOTTOM);
        int[] expected = {6 * w + 7, 5 * w + 7, 4 * w + 7, 3 * w + 7, 2 * w + 7, 1 * w + 6, 1 * w + 5};
        assertThat(path).containsExactly(expected);
    }
}
