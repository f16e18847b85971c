package org.boxrefine.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.model.EngineSetup;
import org.boxrefine.model.PatchClassifier;
import org.boxrefine.model.TrainingListener;
import org.boxrefine.synth.Scene;
import org.boxrefine.synth.SceneConfig;
import org.boxrefine.synth.SceneSet;
import org.junit.jupiter.api.Test;

/**
 * Box-free refinement of synthetic scenes with one object clear of the border band: each image is
 * one whole-image tag, the band is background, and the masks must fit the objects clearly better
 * than the image less the band does (measured: 0.70 against 0.12).
 */
class BoxFreeTest {

    @Test
    void wholeImageTagsWithABackgroundBorderFindTheObject() {
        EngineSetup.start(2);
        double fraction = 0.1;
        SceneSet set = SceneSet.generate(SceneConfig.defaults().withObjects(1, 1), 60, 5);
        List<ImageRecord> records = new ArrayList<>();
        Map<Long, Scene> scenes = new HashMap<>();
        for (Scene s : set.scenes()) {
            int w = s.widthPx();
            int h = s.heightPx();
            double band = fraction * Math.min(w, h);
            BoxPx t = s.objects().get(0).tightBox();
            if (records.size() == 12 || t.x0Px() < band || t.y0Px() < band || t.x1Px() > w - band || t.y1Px() > h - band) {
                continue;
            }
            long id = records.size() + 1;
            records.add(new ImageRecord(id, "scene" + id, w, h, List.of(new Tag(id, 1, new BoxPx(0, 0, w, h)))));
            scenes.put(id, s);
        }
        assertThat(records).hasSize(12);
        Refiner refiner = new Refiner(RefineConfig.defaults(1).boxFree(fraction));
        double[] maskIou = new double[SnapStart.values().length];
        double interiorIou = 0;
        try (PatchClassifier c = refiner.train(records, r -> scenes.get(r.imageId()).image(), TrainingListener.NONE,
                (r, e) -> {
                    throw new AssertionError(e);
                })) {
            for (ImageRecord r : records) {
                Scene s = scenes.get(r.imageId());
                int w = s.widthPx();
                int h = s.heightPx();
                BinaryMask truth = s.objects().get(0).mask();
                for (SnapStart start : SnapStart.values()) {
                    RefineConfig cfg = refiner.config().withSnap(refiner.config().snap().withStart(start));
                    List<TagResult> res = new Refiner(cfg).refine(c, s.image(), r.tags());
                    assertThat(res).hasSize(1);
                    maskIou[start.ordinal()] += res.get(0).mask().toFull(w, h).iou(truth) / records.size();
                }
                double band = fraction * Math.min(w, h);
                BoxPx inner = new BoxPx(band, band, w - band, h - band);
                BinaryMask interior = new BinaryMask(w, h);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        interior.set(x, y, inner.containsPixel(x, y));
                    }
                }
                interiorIou += interior.iou(truth);
            }
        }
        interiorIou /= records.size();
        for (SnapStart start : SnapStart.values()) {
            double m = maskIou[start.ordinal()];
            assertThat(m).as("box-free mIoU %.3f with %s start vs image less border %.3f", m, start, interiorIou)
                    .isGreaterThan(interiorIou + 0.15);
        }
    }
}
