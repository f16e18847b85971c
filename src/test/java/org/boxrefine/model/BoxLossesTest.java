package org.boxrefine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.boxrefine.patch.CropBatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BoxLossesTest {
    private static final int N = 2;
    private static final int M = 5;

    @BeforeAll
    static void engine() {
        EngineSetup.start(2);
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** Dice loss of one crop's row or column maxima, written out with loops. */
    private static double naiveDice(float[] logits, float[] box, int crop, boolean alongRows) {
        double inter = 0;
        double pp = 0;
        double tt = 0;
        for (int a = 0; a < M; a++) {
            double pMax = 0;
            double tMax = 0;
            for (int b = 0; b < M; b++) {
                int k = crop * M * M + (alongRows ? a * M + b : b * M + a);
                pMax = Math.max(pMax, sigmoid(logits[k]));
                tMax = Math.max(tMax, box[k]);
            }
            inter += pMax * tMax;
            pp += pMax * pMax;
            tt += tMax * tMax;
        }
        return 1 - 2 * inter / (pp + tt + 1e-5);
    }

    private static double naivePairwise(float[] logits, float[] weights) {
        double sum = 0;
        double count = 0;
        for (int n = 0; n < N; n++) {
            for (int d = 0; d < CropBatch.DIRECTIONS.length; d++) {
                for (int y = 0; y < M; y++) {
                    for (int x = 0; x < M; x++) {
                        int x2 = x + CropBatch.DIRECTIONS[d][0];
                        int y2 = y + CropBatch.DIRECTIONS[d][1];
                        if (x2 < 0 || x2 >= M || y2 >= M) {
                            continue;
                        }
                        double w = weights[((n * CropBatch.DIRECTIONS.length + d) * M + y) * M + x];
                        double p1 = sigmoid(logits[n * M * M + y * M + x]);
                        double p2 = sigmoid(logits[n * M * M + y2 * M + x2]);
                        sum -= w * Math.log(p1 * p2 + (1 - p1) * (1 - p2));
                        count += w;
                    }
                }
            }
        }
        return sum / Math.max(1, count);
    }

    @Test
    void projectionAndPairwiseEqualTheirDefinitionsWrittenOutWithLoops() {
        Random rnd = new Random(3);
        float[] logits = new float[N * M * M];
        float[] box = new float[N * M * M];
        float[] weights = new float[N * CropBatch.DIRECTIONS.length * M * M];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (4 * rnd.nextGaussian());
            box[i] = rnd.nextInt(3) == 0 ? 1 : 0;
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] = rnd.nextBoolean() ? 1 : 0;
        }
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray l = m.create(logits, new Shape(N, 1, M, M));
            double expectedProjection = 0;
            for (int n = 0; n < N; n++) {
                expectedProjection += (naiveDice(logits, box, n, true) + naiveDice(logits, box, n, false)) / N;
            }
            assertThat((double) BoxLosses.projection(l, m.create(box, new Shape(N, 1, M, M))).getFloat())
                    .isCloseTo(expectedProjection, within(1e-4));
            assertThat((double) BoxLosses.pairwise(l, m.create(weights, new Shape(N, 4, M, M))).getFloat())
                    .isCloseTo(naivePairwise(logits, weights), within(1e-4));
        }
    }

    @Test
    void aMaskThatFillsTheBoxHasNoProjectionLossAndAgreeingPairsNoPairwiseLoss() {
        float[] box = new float[N * M * M];
        float[] logits = new float[N * M * M];
        for (int i = 0; i < box.length; i++) {
            int x = i % M;
            int y = (i / M) % M;
            box[i] = x >= 1 && x < 4 && y >= 2 ? 1 : 0;
            logits[i] = box[i] == 1 ? 30 : -30;
        }
        float[] weights = new float[N * 4 * M * M];
        java.util.Arrays.fill(weights, 1);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray l = m.create(logits, new Shape(N, 1, M, M));
            assertThat((double) BoxLosses.projection(l, m.create(box, new Shape(N, 1, M, M))).getFloat())
                    .isCloseTo(0, within(1e-4));
            float[] uniform = new float[N * M * M];
            java.util.Arrays.fill(uniform, 30);
            assertThat((double) BoxLosses.pairwise(m.create(uniform, new Shape(N, 1, M, M)),
                    m.create(weights, new Shape(N, 4, M, M))).getFloat()).isCloseTo(0, within(1e-4));
            assertThat((double) BoxLosses.pairwise(l, m.create(weights, new Shape(N, 4, M, M))).getFloat())
                    .as("the mask's edge cuts weighted pairs").isGreaterThan(1);
        }
    }
}
