package org.boxrefine.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.RgbImage;
import org.boxrefine.model.EngineSetup;
import org.boxrefine.model.NetArch;
import org.boxrefine.model.PatchClassifier;
import org.junit.jupiter.api.Test;

/** GrabCut on a shrunk tag, enlarged back with the image as guide, follows the object's full-resolution edge. */
class GuidedUpsampleTest {
    private static final int W = 360;
    private static final int H = 300;

    private static final EllipseScene SCENE = new EllipseScene(W, H, 180, 150, 121.3, 97.7, 3);

    private static double iou(SnapConfig snap, RgbImage img, BinaryMask truth) {
        RefineConfig cfg = RefineConfig.defaults(1).withSnap(snap);
        try (PatchClassifier untrained = PatchClassifier.create(NetArch.DENSE, 3)) {
            List<TagResult> r = new Refiner(cfg).refine(untrained, img,
                    List.of(new Tag(1, 1, new BoxPx(52, 46, 309, 255))));
            return r.get(0).mask().toFull(W, H).iou(truth);
        }
    }

    @Test
    void theGuidedMaskIsCloserToTheTrueEdgeThanTheBilinearOne() {
        EngineSetup.start(1);
        RgbImage img = SCENE.image();
        BinaryMask truth = SCENE.truth();
        SnapConfig d = SnapConfig.defaults();
        SnapConfig shrunk = new SnapConfig(true, 40, 0, d.marginFraction(), d.iterations(), d.seedThreshold(),
                SnapStart.RECTANGLE, d.priorWeight(), 0, d.autoConfidence(), d.autoMarginFraction(),
                d.autoTagConfidence(), d.edgeBandFraction(), d.networkWeight(), d.networkIterations(),
                d.shapeWeight(), d.edgeBandLearned(), d.smoothness(), d.backgroundComponents(), d.reachGap());
        SnapConfig guided = new SnapConfig(true, 40, 0, d.marginFraction(), d.iterations(), d.seedThreshold(),
                SnapStart.RECTANGLE, d.priorWeight(), 2, d.autoConfidence(), d.autoMarginFraction(),
                d.autoTagConfidence(), d.edgeBandFraction(), d.networkWeight(), d.networkIterations(),
                d.shapeWeight(), d.edgeBandLearned(), d.smoothness(), d.backgroundComponents(), d.reachGap());
        double bilinear = iou(shrunk, img, truth);
        double edge = iou(guided, img, truth);
        assertThat(bilinear).as("GrabCut at about a sixth of the size finds the ellipse").isGreaterThan(0.9);
        assertThat(edge).as("guided (bilinear %.4f)", bilinear).isGreaterThan(bilinear + 0.01).isGreaterThan(0.98);
    }
}
