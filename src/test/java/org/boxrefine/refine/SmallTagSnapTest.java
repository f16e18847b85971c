package org.boxrefine.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.model.EngineSetup;
import org.boxrefine.model.NetArch;
import org.boxrefine.model.PatchClassifier;
import org.junit.jupiter.api.Test;

/** Small tags are enlarged for GrabCut ({@link SnapConfig#minSizePx()}) and their masks reduced back in place. */
class SmallTagSnapTest {
    private static final int W = 120;
    private static final int H = 100;

    private static final EllipseScene SCENE = new EllipseScene(W, H, 58, 47, 15.3, 11.7, 5);

    private static BinaryMask snapped(double minSizePx) {
        SnapConfig d = SnapConfig.defaults();
        SnapConfig snap = new SnapConfig(true, d.sizePx(), minSizePx, d.marginFraction(), d.iterations(),
                d.seedThreshold(), SnapStart.RECTANGLE, d.priorWeight(), d.guideRadius(), d.autoConfidence(),
                d.autoMarginFraction(), d.autoTagConfidence(), d.edgeBandFraction(),
                d.networkWeight(), d.networkIterations(), d.shapeWeight(), d.edgeBandLearned(),
                d.smoothness(), d.backgroundComponents(), d.reachGap());
        try (PatchClassifier untrained = PatchClassifier.create(NetArch.DENSE, 3)) {
            List<TagResult> r = new Refiner(RefineConfig.defaults(1).withSnap(snap)).refine(untrained, SCENE.image(),
                    List.of(new Tag(1, 1, new BoxPx(38, 31, 79, 64))));
            return r.get(0).mask().toFull(W, H);
        }
    }

    @Test
    void anEnlargedTagGivesTheSameObjectInPlaceAsGrabCutAtItsOwnSize() {
        EngineSetup.start(1);
        BinaryMask truth = SCENE.truth();
        BinaryMask own = snapped(0);
        BinaryMask enlarged = snapped(160);
        assertThat(own.iou(truth)).as("GrabCut at the tag's own 37 px").isGreaterThan(0.9);
        assertThat(enlarged.iou(truth)).as("GrabCut at 4x, reduced back").isGreaterThan(0.9);
        assertThat(enlarged.iou(own)).isGreaterThan(0.9);
    }

    @Test
    void theScaleEnlargesSmallTagsUpToTheCapAndShrinksLargeOnes() {
        SnapConfig d = SnapConfig.defaults();
        SnapConfig s = new SnapConfig(true, 320, 160, d.marginFraction(), d.iterations(), d.seedThreshold(),
                d.start(), d.priorWeight(), d.guideRadius(), d.autoConfidence(), d.autoMarginFraction(),
                d.autoTagConfidence(), d.edgeBandFraction(), d.networkWeight(), d.networkIterations(),
                d.shapeWeight(), d.edgeBandLearned(), d.smoothness(), d.backgroundComponents(), d.reachGap());
        assertThat(s.scaleFor(new BoxPx(0, 0, 80, 80))).isCloseTo(2.0, within(1e-9));
        assertThat(s.scaleFor(new BoxPx(0, 0, 20, 20))).isCloseTo(SnapConfig.MAX_UPSCALE, within(1e-9));
        assertThat(s.scaleFor(new BoxPx(0, 0, 200, 200))).isCloseTo(1.0, within(1e-9));
        assertThat(s.scaleFor(new BoxPx(0, 0, 640, 640))).isCloseTo(0.5, within(1e-9));
        SnapConfig above = new SnapConfig(true, 100, 160, d.marginFraction(), d.iterations(), d.seedThreshold(),
                d.start(), d.priorWeight(), d.guideRadius(), d.autoConfidence(), d.autoMarginFraction(),
                d.autoTagConfidence(), d.edgeBandFraction(), d.networkWeight(), d.networkIterations(),
                d.shapeWeight(), d.edgeBandLearned(), d.smoothness(), d.backgroundComponents(), d.reachGap());
        assertThat(above.scaleFor(new BoxPx(0, 0, 50, 50))).as("never above the snap size").isCloseTo(2.0, within(1e-9));
        assertThatThrownBy(() -> new SnapConfig(true, 320, -1, d.marginFraction(), d.iterations(), d.seedThreshold(),
                d.start(), d.priorWeight(), d.guideRadius(), d.autoConfidence(), d.autoMarginFraction(),
                d.autoTagConfidence(), d.edgeBandFraction(), d.networkWeight(), d.networkIterations(),
                d.shapeWeight(), d.edgeBandLearned(), d.smoothness(), d.backgroundComponents(), d.reachGap()))
                .hasMessage("snap minimum size must be in [0, 4096.0] px, found -1.0");
    }
}
