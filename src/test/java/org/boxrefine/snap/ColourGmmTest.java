package org.boxrefine.snap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ColourGmmTest {
    /**
     * Dark colours whose blue is always green less one (a flat JPEG shadow): the covariance is singular, but rounding
     * leaves its determinant just above the singularity test for these seeds, and the inverse was then not positive
     * definite, so the density grew without bound away from the mean (a crash in the graph cut on a real photo).
     * A single Gaussian's density is largest at its mean; it must stay so on a grid of colours, those whose blue is
     * their green less one included (the direction the rounding got wrong).
     */
    @Test
    void aNearlySingularComponentPeaksAtItsMean() {
        for (long seed : new long[] {248, 722, 1094}) {
            SplittableRandom rng = new SplittableRandom(seed);
            int n = 50 + rng.nextInt(10000);
            int spread = 2 + rng.nextInt(30);
            int base = rng.nextInt(40);
            ColourGmm m = new ColourGmm(1);
            m.reset();
            double[] sum = new double[3];
            for (int i = 0; i < n; i++) {
                double g = base + rng.nextInt(spread);
                double r = base + rng.nextInt(spread);
                m.add(0, r, g, g - 1);
                sum[0] += r;
                sum[1] += g;
                sum[2] += g - 1;
            }
            m.finish();
            double peak = m.density(sum[0] / n, sum[1] / n, sum[2] / n);
            assertThat(Double.isFinite(peak)).as("seed %d: density at the mean %s", seed, peak).isTrue();
            for (int r = 0; r < 256; r += 15) {
                for (int g = 1; g < 256; g += 15) {
                    for (int b : new int[] {g - 1, g, 0, 128, 255}) {
                        double d = m.density(r, g, b);
                        assertThat(d >= 0 && d <= peak * (1 + 1e-9)).as("seed %d: density at (%d, %d, %d) is %s, at"
                                + " the mean %s", seed, r, g, b, d, peak).isTrue();
                    }
                }
            }
        }
    }
}
