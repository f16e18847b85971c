package org.boxrefine.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.RgbImage;
import org.boxrefine.model.EngineSetup;
import org.boxrefine.model.NetArch;
import org.boxrefine.model.PatchClassifier;
import org.boxrefine.model.TrainConfig;
import org.boxrefine.model.TrainingListener;
import org.boxrefine.patch.PatchBatch;
import org.boxrefine.patch.PatchExtractor;
import org.junit.jupiter.api.Test;

/**
 * The dense pass over a region, as the pipeline builds it, equals the patch classifier applied to
 * the patch centred at each pixel, as training cuts it, across the whole image, borders included.
 */
class DenseBorderTest {

    @Test
    void denseMapEqualsPerPatchEverywhereIncludingImageBorders() {
        EngineSetup.start(2);
        SplittableRandom rng = new SplittableRandom(21);
        int w = 23;
        int h = 19;
        byte[] px = new byte[3 * w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) rng.nextInt(256);
        }
        RgbImage img = new RgbImage(w, h, px);
        int size = NetArch.DENSE.patchSizePx();
        try (PatchClassifier c = PatchClassifier.create(NetArch.DENSE, 3)) {
            List<PatchBatch> batches = new ArrayList<>();
            for (int b = 0; b < 4; b++) {
                float[] p = new float[8 * 3 * size * size];
                float[] l = new float[8];
                for (int i = 0; i < 8; i++) {
                    PatchExtractor.patch(img, rng.nextInt(w), rng.nextInt(h), size, p, i * 3 * size * size);
                    l[i] = rng.nextInt(2);
                }
                batches.add(new PatchBatch(8, size, p, l));
            }
            c.train(batches.iterator(), batches.size(), TrainConfig.defaults(1), TrainingListener.NONE);
            PixelRect all = new PixelRect(0, 0, w, h);
            float[] dense = c.predictDense(PatchExtractor.denseInput(img, all, size), w + size - 1, h + size - 1);
            float[] patches = new float[w * h * 3 * size * size];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    PatchExtractor.patch(img, x, y, size, patches, (y * w + x) * 3 * size * size);
                }
            }
            float[] single = c.predictPatches(patches, w * h);
            double maxDiff = 0;
            double spread = 0;
            for (int i = 0; i < w * h; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(dense[i] - single[i]));
                spread = Math.max(spread, Math.abs(single[i] - single[0]));
            }
            assertThat(spread).as("the map is not constant").isGreaterThan(1e-3);
            assertThat(maxDiff).as("max abs difference, corners and edges included").isLessThan(1e-4);
            PixelRect inner = new PixelRect(3, 4, 11, 9);
            float[] part = c.predictDense(PatchExtractor.denseInput(img, inner, size), inner.widthPx() + size - 1,
                    inner.heightPx() + size - 1);
            for (int y = 0; y < inner.heightPx(); y++) {
                for (int x = 0; x < inner.widthPx(); x++) {
                    assertThat(Math.abs(part[y * inner.widthPx() + x] - single[(y + 4) * w + x + 3]))
                            .isLessThan(1e-4f);
                }
            }
        }
    }
}
