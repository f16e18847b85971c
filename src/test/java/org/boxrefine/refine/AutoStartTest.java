package org.boxrefine.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.RgbImage;
import org.boxrefine.model.EngineSetup;
import org.boxrefine.model.NetArch;
import org.boxrefine.model.PatchClassifier;
import org.junit.jupiter.api.Test;

/**
 * {@link SnapStart#AUTO}: the network start's mask on the narrower crop where the network's mean probability over
 * the tag, or else inside the rectangle start's mask, reaches its confidence; the rectangle start's mask otherwise.
 */
class AutoStartTest {
    private static final int W = 120;
    private static final int H = 90;
    private static final List<Tag> TAGS = List.of(new Tag(1, 1, new BoxPx(30, 20, 90, 75)));

    /** A disc with a darker ring on a striped background. */
    private static RgbImage scene() {
        RgbImage img = RgbImage.blank(W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double r = Math.hypot(x - 60, y - 48);
                if (r < 18) {
                    img.set(x, y, 200, 40, 40);
                } else if (r < 26) {
                    img.set(x, y, 120, 30, 60);
                } else {
                    int v = (x / 6 + y / 9) % 2 == 0 ? 90 : 150;
                    img.set(x, y, v, v, 100);
                }
            }
        }
        return img;
    }

    private static SnapConfig snap(SnapStart start, double margin, double autoConfidence) {
        return snap(start, margin, autoConfidence, 1);
    }

    private static SnapConfig snap(SnapStart start, double margin, double autoConfidence, double autoTagConfidence) {
        SnapConfig d = SnapConfig.defaults();
        return new SnapConfig(true, d.sizePx(), d.minSizePx(), margin, d.iterations(), d.seedThreshold(), start, d.priorWeight(),
                d.guideRadius(), autoConfidence, d.autoMarginFraction(), autoTagConfidence, d.edgeBandFraction(),
                d.networkWeight(), d.networkIterations(), d.shapeWeight(), d.edgeBandLearned(),
                d.smoothness(), d.backgroundComponents(), d.reachGap());
    }

    private static List<BinaryMask> masks(PatchClassifier c, SnapConfig snap) {
        return masks(c, RefineConfig.defaults(1).withSnap(snap));
    }

    private static List<BinaryMask> masks(PatchClassifier c, RefineConfig config) {
        List<BinaryMask> out = new ArrayList<>();
        for (TagResult t : new Refiner(config).refine(c, scene(), TAGS)) {
            out.add(t.mask().toFull(W, H));
        }
        return out;
    }

    @Test
    void autoKeepsTheRectangleMaskBelowTheConfidenceAndTheNetworkMaskAtOrAboveIt() {
        EngineSetup.start(1);
        double margin = SnapConfig.defaults().marginFraction();
        double narrow = SnapConfig.defaults().autoMarginFraction();
        try (PatchClassifier untrained = PatchClassifier.create(NetArch.DENSE, 5)) {
            List<BinaryMask> rectangle = masks(untrained, snap(SnapStart.RECTANGLE, margin, 0.5));
            List<BinaryMask> network = masks(untrained, snap(SnapStart.NETWORK, narrow, 0.5));
            assertThat(rectangle.get(0).iou(network.get(0))).as("the two starts differ on this scene").isLessThan(0.99);
            Overlaps.Claim first = new Refiner(RefineConfig.defaults(1).withSnap(snap(SnapStart.RECTANGLE, margin,
                    0.5))).claims(untrained, scene(), TAGS).get(0);
            double sum = 0;
            byte[] inside = first.mask().mask().data();
            for (int i = 0; i < inside.length; i++) {
                sum += inside[i] * first.probs()[i];
            }
            double mean = sum / first.mask().mask().count();
            assertThat(masks(untrained, snap(SnapStart.AUTO, margin, Math.min(1, mean + 1e-6))))
                    .as("confidence just above the mean inside the rectangle mask (%s)", mean).isEqualTo(rectangle);
            assertThat(masks(untrained, snap(SnapStart.AUTO, margin, mean - 1e-6)))
                    .as("confidence just below the mean (%s)", mean).isEqualTo(network);
            assertThat(masks(untrained, snap(SnapStart.AUTO, margin, 1, 1e-6)))
                    .as("confident over the whole tag: the network start at once").isEqualTo(network);
        }
    }

    @Test
    void boxFreeAutoIsTheRectangleStart() {
        EngineSetup.start(1);
        double margin = SnapConfig.defaults().marginFraction();
        RefineConfig boxFree = RefineConfig.defaults(1).boxFree(0.1);
        try (PatchClassifier untrained = PatchClassifier.create(NetArch.DENSE, 5)) {
            List<BinaryMask> rectangle = masks(untrained, boxFree.withSnap(snap(SnapStart.RECTANGLE, margin, 0.5)));
            List<BinaryMask> network = masks(untrained, boxFree.withSnap(snap(SnapStart.NETWORK,
                    SnapConfig.defaults().autoMarginFraction(), 0.5)));
            assertThat(rectangle.get(0).iou(network.get(0))).as("the two starts differ box-free too").isLessThan(0.99);
            assertThat(masks(untrained, boxFree.withSnap(snap(SnapStart.AUTO, margin, 1e-6, 1e-6))))
                    .as("box-free, auto never switches").isEqualTo(rectangle);
        }
    }
}
