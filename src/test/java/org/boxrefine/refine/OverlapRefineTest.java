package org.boxrefine.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.Components;
import org.boxrefine.image.RgbImage;
import org.boxrefine.model.EngineSetup;
import org.boxrefine.model.PatchClassifier;
import org.boxrefine.model.TrainingListener;
import org.boxrefine.synth.Scene;
import org.boxrefine.synth.SceneConfig;
import org.boxrefine.synth.SceneSet;
import org.junit.jupiter.api.Test;

/**
 * Synthetic scenes whose loose boxes overlap, refined by a trained network without snapping (so
 * that masks hold pixels of probability 0.5 to 0.8, which the rule contests): with the exclusive
 * rule no pixel stays in two masks unless both probabilities there are at least the shared
 * confidence, the pixels given up are those a naive per-pixel reference gives up, and a mask that
 * gave pixels up is one region again.
 */
class OverlapRefineTest {

    @Test
    void overlappingTagsSplitTheirPixelsByProbabilityAsTheNaiveReferenceDoes() {
        EngineSetup.start(2);
        SceneSet set = SceneSet.generate(SceneConfig.defaults().withObjects(2, 3), 10, 17);
        List<ImageRecord> records = SceneRecords.of(set);
        Map<Long, Scene> scenes = new HashMap<>();
        for (int i = 0; i < set.size(); i++) {
            scenes.put((long) i, set.scenes().get(i));
        }
        RefineConfig d = RefineConfig.defaults(1);
        assertThat(d.overlap()).isEqualTo(OverlapRule.BY_PROBABILITY);
        assertThat(d.sharedConfidence()).isEqualTo(0.8);
        RefineConfig cfg = new RefineConfig(d.arch(), d.scale(), d.sampling(), d.epochs(), d.train(), d.threshold(),
                1.0, d.gridStepPx(), true, SnapConfig.off(), 0, d.initialLabels(),
                d.borderFraction(), d.overlap(), d.sharedConfidence(), d.boxSupervision(), d.seed());
        Refiner exclusive = new Refiner(cfg);
        Refiner keep = new Refiner(cfg.withOverlap(OverlapRule.KEEP_ALL, 0.8));
        int contested = 0;
        int shared = 0;
        int given = 0;
        try (PatchClassifier c = exclusive.train(records, r -> scenes.get(r.imageId()).image(), TrainingListener.NONE,
                (r, e) -> {
                    throw new AssertionError(e);
                })) {
            for (ImageRecord r : records) {
                RgbImage img = scenes.get(r.imageId()).image();
                int w = img.widthPx();
                int h = img.heightPx();
                List<Overlaps.Claim> claims = exclusive.claims(c, img, r.tags());
                List<TagResult> kept = keep.refine(c, img, r.tags());
                List<TagResult> split = exclusive.refine(c, img, r.tags());
                boolean[][] lost = OverlapsTest.naiveLost(claims, w, h, 0.8);
                int n = claims.size();
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int claimed = 0;
                        int after = 0;
                        float minProb = 1;
                        for (int k = 0; k < n; k++) {
                            if (kept.get(k).mask().get(x, y)) {
                                claimed++;
                                minProb = Math.min(minProb, claims.get(k).prob(x, y));
                            }
                            after += split.get(k).mask().get(x, y) ? 1 : 0;
                            given += lost[k][y * w + x] ? 1 : 0;
                        }
                        contested += claimed > 1 && minProb < 0.8 ? 1 : 0;
                        if (after > 1) {
                            assertThat(minProb).as("image %d pixel (%d,%d) in %d masks", r.imageId(), x, y, after)
                                    .isGreaterThanOrEqualTo(0.8f);
                            shared++;
                        }
                    }
                }
                for (int k = 0; k < n; k++) {
                    String what = "image " + r.imageId() + " tag " + k;
                    assertThat(kept.get(k).mask()).as(what).isEqualTo(claims.get(k).mask());
                    BinaryMask before = claims.get(k).mask().toFull(w, h);
                    BinaryMask after = split.get(k).mask().toFull(w, h);
                    BinaryMask remaining = before.copy();
                    for (int i = 0; i < w * h; i++) {
                        remaining.data()[i] &= (byte) (lost[k][i] ? 0 : 1);
                        assertThat(after.data()[i] <= remaining.data()[i]).as(what + " pixel " + i).isTrue();
                    }
                    assertThat(Components.largest(after, null)).as(what + " is one region").isEqualTo(after);
                    BinaryMask core = Components.largest(remaining, null);
                    for (int i = 0; i < w * h; i++) {
                        assertThat(after.data()[i] >= core.data()[i]).as(what + " keeps its largest region").isTrue();
                    }
                }
            }
        }
        assertThat(contested).as("keep-all masks overlap where a probability is below 0.8").isGreaterThan(20);
        assertThat(given).as("pixels the reference moves").isGreaterThan(20);
        assertThat(shared).as("confident pixels stay in both masks").isPositive();
    }
}
