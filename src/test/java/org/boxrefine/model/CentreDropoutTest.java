package org.boxrefine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CentreDropoutTest {

    @BeforeAll
    static void engine() {
        EngineSetup.start(2);
    }

    /** The formula written out directly: distances by hypot, the farthest pixel found by search. */
    private static double naiveKeep(int size, double maxDrop, int x, int y) {
        int c = size / 2;
        double rMax = 0;
        for (int j = 0; j < size; j++) {
            for (int i = 0; i < size; i++) {
                rMax = Math.max(rMax, Math.hypot(i - c, j - c));
            }
        }
        return rMax == 0 ? 1 : 1 - maxDrop * Math.pow(Math.hypot(x - c, y - c) / rMax, 2);
    }

    @Test
    void keepMapIsOneAtTheCentreFallsOutwardAndMatchesTheFormula() {
        for (int size : new int[] {35, 32, 5, 1}) {
            double maxDrop = 0.6;
            float[] keep = CentreDropout.keepProbabilities(size, maxDrop);
            assertThat(keep).hasSize(size * size);
            int c = size / 2;
            assertThat(keep[c * size + c]).as("centre of %d", size).isEqualTo(1f);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    assertThat((double) keep[y * size + x]).as("size %d pixel (%d, %d)", size, x, y)
                            .isCloseTo(naiveKeep(size, maxDrop, x, y), within(1e-6));
                }
            }
            if (size > 1) {
                assertThat((double) keep[0]).as("corner of %d", size).isCloseTo(1 - maxDrop, within(1e-6));
                for (int x = c + 1; x < size; x++) {
                    assertThat(keep[c * size + x]).as("outward along the row, size %d", size)
                            .isLessThan(keep[c * size + x - 1]);
                }
                for (int d = 1; d <= c; d++) {
                    assertThat(keep[(c - d) * size + c - d]).as("outward along the diagonal, size %d", size)
                            .isLessThan(keep[(c - d + 1) * size + c - d + 1]);
                }
            }
        }
        assertThat(CentreDropout.keepProbabilities(35, 0)).containsOnly(1f);
    }

    @Test
    void measuredKeepRateMatchesTheMapChannelsShareTheMaskAndKeptPixelsAreRescaled() {
        int size = 35;
        int n = 3000;
        double maxDrop = 0.8;
        float[] keep = CentreDropout.keepProbabilities(size, maxDrop);
        int plane = size * size;
        float[] dropped;
        try (NDManager m = NDManager.newBaseManager("PyTorch");
                CentreDropout d = new CentreDropout(m, size, maxDrop)) {
            Engine.getEngine("PyTorch").setRandomSeed(3);
            NDArray ones = m.ones(new Shape(n, 3, size, size), DataType.FLOAT32);
            dropped = d.apply(ones).toFloatArray();
        }
        long[] kept = new long[plane];
        int channelsDiffer = 0;
        double worstScale = 0;
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < plane; p++) {
                float r = dropped[(i * 3) * plane + p];
                if (dropped[(i * 3 + 1) * plane + p] != r || dropped[(i * 3 + 2) * plane + p] != r) {
                    channelsDiffer++;
                }
                if (r != 0) {
                    worstScale = Math.max(worstScale, Math.abs(r - 1.0 / keep[p]));
                    kept[p]++;
                }
            }
        }
        assertThat(channelsDiffer).as("pixels whose channels were dropped differently").isZero();
        assertThat(worstScale).as("kept pixels are divided by their keep probability").isLessThan(1e-5);
        int c = size / 2;
        assertThat(kept[c * size + c]).as("the centre pixel is always kept").isEqualTo(n);
        double worst = 0;
        for (int p = 0; p < plane; p++) {
            double sigma = Math.sqrt(keep[p] * (1 - keep[p]) / n);
            double z = sigma == 0 ? 0 : Math.abs((double) kept[p] / n - keep[p]) / sigma;
            worst = Math.max(worst, z);
        }
        assertThat(worst).as("largest deviation of the measured keep rate, in standard errors").isLessThan(5);
        assertThat((double) kept[0] / n).as("corner keep rate").isCloseTo(1 - maxDrop, within(0.05));
    }

    @Test
    void theSameSeedGivesTheSameMasks() {
        int size = 35;
        try (NDManager m = NDManager.newBaseManager("PyTorch");
                CentreDropout d = new CentreDropout(m, size, 0.5)) {
            NDArray ones = m.ones(new Shape(8, 3, size, size), DataType.FLOAT32);
            Engine.getEngine("PyTorch").setRandomSeed(5);
            float[] first = d.apply(ones).toFloatArray();
            Engine.getEngine("PyTorch").setRandomSeed(5);
            float[] again = d.apply(ones).toFloatArray();
            Engine.getEngine("PyTorch").setRandomSeed(6);
            float[] other = d.apply(ones).toFloatArray();
            assertThat(again).containsExactly(first);
            assertThat(other).isNotEqualTo(first);
        }
    }

    @Test
    void badValuesAreRefusedWithTheExpectedRangeAndTheValueFound() {
        for (double bad : new double[] {-0.1, 1, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> new TrainConfig(128, 1e-3f, 1, bad, LearningRateSchedule.FIXED))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("centre dropout must be in [0, 1), found " + bad);
            assertThatThrownBy(() -> TrainConfig.defaults(1).withCentreDropout(bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found " + bad);
            assertThatThrownBy(() -> CentreDropout.keepProbabilities(35, bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1)");
        }
        assertThatThrownBy(() -> CentreDropout.keepProbabilities(0, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("patch size must be at least 1 px, found 0");
        assertThat(TrainConfig.defaults(1).centreDropout()).isZero();
        assertThat(new TrainConfig(64, 1e-3f, 2))
                .isEqualTo(new TrainConfig(64, 1e-3f, 2, 0, TrainConfig.DEFAULT_SCHEDULE));
    }
}
