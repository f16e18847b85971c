package org.boxrefine.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
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

    /** A red ellipse on a noisy green background, and its true mask. */
    private static boolean inside(int x, int y) {
        double dx = (x + 0.5 - 180) / 121.3;
        double dy = (y + 0.5 - 150) / 97.7;
        return dx * dx + dy * dy <= 1;
    }

    private static RgbImage scene() {
        SplittableRandom rng = new SplittableRandom(3);
        RgbImage img = RgbImage.blank(W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int n = rng.nextInt(-12, 13);
                if (inside(x, y)) {
                    img.set(x, y, 200 + n, 60 + n, 50 + n);
                } else {
                    img.set(x, y, 60 + n, 150 + n, 70 + n);
                }
            }
        }
        return img;
    }

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
        RgbImage img = scene();
        byte[] bits = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                bits[y * W + x] = (byte) (inside(x, y) ? 1 : 0);
            }
        }
        BinaryMask truth = new BinaryMask(W, H, bits);
        SnapConfig d = SnapConfig.defaults();
        SnapConfig shrunk = new SnapConfig(true, 40, 0, d.marginFraction(), d.iterations(), d.seedThreshold(),
                SnapStart.RECTANGLE, d.priorWeight(), 0, d.autoConfidence(), d.autoMarginFraction(),
                d.autoTagConfidence());
        SnapConfig guided = new SnapConfig(true, 40, 0, d.marginFraction(), d.iterations(), d.seedThreshold(),
                SnapStart.RECTANGLE, d.priorWeight(), 2, d.autoConfidence(), d.autoMarginFraction(),
                d.autoTagConfidence());
        double bilinear = iou(shrunk, img, truth);
        double edge = iou(guided, img, truth);
        assertThat(bilinear).as("GrabCut at about a sixth of the size finds the ellipse").isGreaterThan(0.9);
        assertThat(edge).as("guided (bilinear %.4f)", bilinear).isGreaterThan(bilinear + 0.01).isGreaterThan(0.98);
    }
}
