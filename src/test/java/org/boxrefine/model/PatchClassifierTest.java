package org.boxrefine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.boxrefine.patch.PatchBatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PatchClassifierTest {

    @BeforeAll
    static void engine() {
        EngineSetup.start(2);
    }

    /** Bright patches are foreground, dark ones background: trivially separable. */
    private static Iterator<PatchBatch> separable(int size, int batches, int batchSize, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<PatchBatch> list = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            float[] px = new float[batchSize * 3 * size * size];
            float[] lab = new float[batchSize];
            for (int i = 0; i < batchSize; i++) {
                lab[i] = rng.nextBoolean() ? 1 : 0;
                float base = lab[i] == 1 ? 0.8f : -0.8f;
                for (int k = 0; k < 3 * size * size; k++) {
                    px[i * 3 * size * size + k] = base + (float) rng.nextGaussian() * 0.5f;
                }
            }
            list.add(new PatchBatch(batchSize, size, px, lab));
        }
        return list.iterator();
    }

    @Test
    void cosineScheduleFallsFromTheRateToOnePercentOverThePlannedStepsAndFixedStays() {
        float lr = 1e-3f;
        int planned = 40;
        ai.djl.training.tracker.Tracker cosine = PatchClassifier.tracker(lr, LearningRateSchedule.COSINE, planned);
        double last = lr * LearningRateSchedule.COSINE_FINAL_FRACTION;
        for (int step = 0; step <= planned; step++) {
            double naive = last + (lr - last) * 0.5 * (1 + Math.cos(Math.PI * step / planned));
            assertThat((double) cosine.getNewValue(step)).as("step %d", step).isCloseTo(naive, within(1e-9));
        }
        assertThat((double) cosine.getNewValue(planned * 2)).isCloseTo(last, within(1e-9));
        for (ai.djl.training.tracker.Tracker fixed : List.of(PatchClassifier.tracker(lr, LearningRateSchedule.FIXED,
                planned), PatchClassifier.tracker(lr, LearningRateSchedule.FIXED, 0))) {
            assertThat(fixed.getNewValue(0)).isEqualTo(lr);
            assertThat(fixed.getNewValue(planned)).isEqualTo(lr);
        }
        assertThatThrownBy(() -> PatchClassifier.tracker(lr, LearningRateSchedule.COSINE, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cosine")
                .hasMessageContaining("found 0");
    }

    @Test
    void cosineTrainingStillLearnsAndEndsElsewhereThanFixed() {
        int size = NetArch.DENSE.patchSizePx();
        float[] test = separable(size, 1, 16, 9).next().pixels();
        float[] fixedProbs;
        try (PatchClassifier c = PatchClassifier.create(NetArch.DENSE, 1)) {
            c.train(separable(size, 30, 32, 2), 30, TrainConfig.defaults(3).withSchedule(LearningRateSchedule.FIXED),
                    TrainingListener.NONE);
            fixedProbs = c.predictPatches(test, 16);
        }
        try (PatchClassifier c = PatchClassifier.create(NetArch.DENSE, 1)) {
            List<Double> losses = new ArrayList<>();
            c.train(separable(size, 30, 32, 2), 30, TrainConfig.defaults(3).withSchedule(LearningRateSchedule.COSINE),
                    (seen, loss, ema, speed) -> losses.add(loss));
            assertThat(losses.subList(25, 30).stream().mapToDouble(Double::doubleValue).average().orElseThrow())
                    .isLessThan(losses.get(0) * 0.5);
            float[] cosineProbs = c.predictPatches(test, 16);
            PatchBatch truth = separable(size, 1, 16, 9).next();
            for (int i = 0; i < 16; i++) {
                assertThat(cosineProbs[i] > 0.5f).as("patch %d", i).isEqualTo(truth.labels()[i] == 1);
            }
            assertThat(cosineProbs).isNotEqualTo(fixedProbs);
        }
    }

    @Test
    void lossDecreasesOnSeparableData() {
        for (NetArch arch : NetArch.values()) {
            try (PatchClassifier c = PatchClassifier.create(arch, 1)) {
                List<Double> losses = new ArrayList<>();
                c.train(separable(arch.patchSizePx(), 30, 32, 2), 30, TrainConfig.defaults(3),
                        (seen, loss, ema, speed) -> losses.add(loss));
                assertThat(losses).hasSize(30);
                double first = losses.get(0);
                double last = losses.subList(25, 30).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                assertThat(first).as("first loss of %s is a positive BCE", arch).isGreaterThan(0.3);
                assertThat(last).as("loss of %s after training", arch).isLessThan(first * 0.5);
                float[] probs = c.predictPatches(separable(arch.patchSizePx(), 1, 16, 9).next().pixels(), 16);
                PatchBatch test = separable(arch.patchSizePx(), 1, 16, 9).next();
                for (int i = 0; i < 16; i++) {
                    assertThat(probs[i] > 0.5f).as("patch %d of %s", i, arch).isEqualTo(test.labels()[i] == 1);
                }
            }
        }
    }

    @Test
    void denseEqualsPerPatchOnRandomInput() {
        int size = NetArch.DENSE.patchSizePx();
        try (PatchClassifier c = PatchClassifier.create(NetArch.DENSE, 5)) {
            c.train(separable(size, 5, 16, 6), 5, TrainConfig.defaults(7), TrainingListener.NONE);
            SplittableRandom rng = new SplittableRandom(11);
            int w = 57;
            int h = 44;
            float[] chw = new float[3 * w * h];
            for (int i = 0; i < chw.length; i++) {
                chw[i] = (float) rng.nextGaussian();
            }
            float[] dense = c.predictDense(chw, w, h);
            int ow = w - size + 1;
            int oh = h - size + 1;
            assertThat(dense).hasSize(ow * oh);
            float[] patches = new float[ow * oh * 3 * size * size];
            int n = 0;
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++, n++) {
                    for (int ch = 0; ch < 3; ch++) {
                        for (int py = 0; py < size; py++) {
                            System.arraycopy(chw, ch * w * h + (y + py) * w + x, patches,
                                    ((n * 3 + ch) * size + py) * size, size);
                        }
                    }
                }
            }
            float[] single = c.predictPatches(patches, n);
            double maxDiff = 0;
            double spread = 0;
            for (int i = 0; i < n; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(single[i] - dense[i]));
                spread = Math.max(spread, Math.abs(single[i] - single[0]));
            }
            assertThat(spread).as("outputs vary over the input").isGreaterThan(1e-3);
            assertThat(maxDiff).isLessThan(1e-4);
        }
    }

    @Test
    void parametersRoundTripAndReferenceRefusesDense() throws Exception {
        try (PatchClassifier c = PatchClassifier.create(NetArch.REFERENCE, 1)) {
            assertThatThrownBy(() -> c.predictDense(new float[3 * 40 * 40], 40, 40))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("grid");
            c.train(separable(32, 3, 8, 1), 3, TrainConfig.defaults(1), TrainingListener.NONE);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            c.writeParameters(out);
            float[] px = separable(32, 1, 4, 3).next().pixels();
            try (PatchClassifier back = PatchClassifier.read(NetArch.REFERENCE, new ByteArrayInputStream(out.toByteArray()))) {
                assertThat(back.predictPatches(px, 4)).containsExactly(c.predictPatches(px, 4));
            }
            assertThatThrownBy(() -> PatchClassifier.read(NetArch.DENSE, new ByteArrayInputStream(out.toByteArray())))
                    .isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void centreDropoutChangesTrainingRepeatsWithTheSeedAndNeverActsAtPrediction() throws Exception {
        int size = NetArch.DENSE.patchSizePx();
        TrainConfig withDropout = TrainConfig.defaults(4).withCentreDropout(0.7);
        float[] px = separable(size, 1, 6, 12).next().pixels();
        try (PatchClassifier a = PatchClassifier.create(NetArch.DENSE, 2);
                PatchClassifier b = PatchClassifier.create(NetArch.DENSE, 2);
                PatchClassifier plain = PatchClassifier.create(NetArch.DENSE, 2)) {
            a.train(separable(size, 4, 16, 8), 4, withDropout, TrainingListener.NONE);
            b.train(separable(size, 4, 16, 8), 4, withDropout, TrainingListener.NONE);
            plain.train(separable(size, 4, 16, 8), 4, TrainConfig.defaults(4), TrainingListener.NONE);
            float[] first = a.predictPatches(px, 6);
            assertThat(a.predictPatches(px, 6)).as("predicting twice").containsExactly(first);
            assertThat(b.predictPatches(px, 6)).as("same seed, same training").containsExactly(first);
            assertThat(plain.predictPatches(px, 6)).as("dropout changes training").isNotEqualTo(first);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            a.writeParameters(out);
            try (PatchClassifier back = PatchClassifier.read(NetArch.DENSE, new ByteArrayInputStream(out.toByteArray()))) {
                assertThat(back.predictPatches(px, 6)).as("a classifier that never saw dropout")
                        .containsExactly(first);
            }
            float[] patch0 = java.util.Arrays.copyOf(px, 3 * size * size);
            float[] dense = a.predictDense(patch0, size, size);
            assertThat(a.predictDense(patch0, size, size)).as("dense twice").containsExactly(dense);
            assertThat((double) dense[0]).as("dense pass").isCloseTo(first[0], org.assertj.core.api.Assertions.within(1e-4));
        }
    }
}
