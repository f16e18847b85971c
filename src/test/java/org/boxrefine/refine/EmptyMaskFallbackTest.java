package org.boxrefine.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.RgbImage;
import org.boxrefine.model.EngineSetup;
import org.boxrefine.model.NetArch;
import org.boxrefine.model.PatchClassifier;
import org.junit.jupiter.api.Test;

/** A box always holds its object: refining never returns an empty mask for a box that holds pixels. */
class EmptyMaskFallbackTest {
    private static final BoxPx BOX = new BoxPx(20, 15, 60, 45);

    private static RgbImage uniform() {
        RgbImage img = RgbImage.blank(80, 60);
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 80; x++) {
                img.set(x, y, 120, 120, 120);
            }
        }
        return img;
    }

    private static RefineConfig config(SnapConfig snap, double threshold) {
        RefineConfig d = RefineConfig.defaults(1);
        return new RefineConfig(d.arch(), d.scale(), d.sampling(), d.epochs(), d.train(), threshold,
                d.minPartFraction(), d.gridStepPx(), d.fillHoles(), snap, 0, d.initialLabels(), d.borderFraction(),
                d.overlap(), d.sharedConfidence(), d.boxSupervision(), d.seed());
    }

    @Test
    void whenTheNetworkFindsNothingTheMaskIsTheBox() {
        EngineSetup.start(1);
        try (PatchClassifier untrained = PatchClassifier.create(NetArch.DENSE, 3)) {
            List<TagResult> r = new Refiner(config(SnapConfig.off(), 0.999)).refine(untrained, uniform(),
                    List.of(new Tag(7, 1, BOX)));
            assertThat(r).hasSize(1);
            assertThat(r.get(0).annotationId()).isEqualTo(7);
            assertThat(r.get(0).mask().toFull(80, 60).count()).as("the box's pixels").isEqualTo(40 * 30);
        }
    }

    @Test
    void aSnappedMaskIsNeverEmptyOnAnImageWithoutContrast() {
        EngineSetup.start(1);
        try (PatchClassifier untrained = PatchClassifier.create(NetArch.DENSE, 3)) {
            for (SnapStart start : SnapStart.values()) {
                List<TagResult> r = new Refiner(config(SnapConfig.defaults().withStart(start), 0.999)).refine(untrained,
                        uniform(), List.of(new Tag(7, 1, BOX)));
                assertThat(r.get(0).mask().toFull(80, 60).count()).as("start %s", start).isPositive();
            }
        }
    }

    @Test
    void aTagInsideAnotherKeepsItsOwnMaskWhenTheOverlapRuleWouldTakeEveryPixel() {
        EngineSetup.start(1);
        BoxPx inner = new BoxPx(30, 20, 50, 40);
        try (PatchClassifier untrained = PatchClassifier.create(NetArch.DENSE, 3)) {
            Refiner r = new Refiner(config(SnapConfig.off(), 0.999));
            assertThat(r.config().overlap()).isEqualTo(OverlapRule.BY_PROBABILITY);
            List<TagResult> out = r.refine(untrained, uniform(), List.of(new Tag(1, 1, BOX), new Tag(2, 1, inner)));
            // every pixel of the inner tag lies deeper in the outer one, so the rule alone would empty it
            assertThat(out.get(1).mask().toFull(80, 60).count()).as("inner tag").isEqualTo(20 * 20);
            assertThat(out.get(0).mask().toFull(80, 60).count()).as("outer tag").isEqualTo(40 * 30);
        }
    }
}
