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

/**
 * The rectangle start's edge band ({@link SnapConfig#edgeBandFraction()}): a loose tag's margin of background
 * starts as probably background, so that background colours found only next to the object stay out of the mask.
 */
class EdgeBandTest {
    private static final int W = 140;
    private static final int H = 120;
    private static final double CX = 70;
    private static final double CY = 60;
    private static final double DISC_PX = 20;
    private static final double TAG_PX = 30;
    private static final double FRAME_PX = 3;

    /**
     * A red disc on a noisy green ground, in a tag whose margin holds a dark frame, a colour found nowhere
     * else (the edge of a door behind a person, say).
     */
    private static RgbImage image() {
        SplittableRandom rng = new SplittableRandom(7);
        RgbImage img = RgbImage.blank(W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double r = Math.hypot(x + 0.5 - CX, y + 0.5 - CY);
                int n = rng.nextInt(-12, 13);
                if (r <= DISC_PX) {
                    img.set(x, y, 200 + n, 60 + n, 50 + n);
                } else if (onFrame(x, y)) {
                    img.set(x, y, 45 + n, 40 + n, 50 + n);
                } else {
                    img.set(x, y, 60 + n, 150 + n, 70 + n);
                }
            }
        }
        return img;
    }

    private static boolean onFrame(int x, int y) {
        double d = Math.max(Math.abs(x + 0.5 - CX), Math.abs(y + 0.5 - CY));
        return d > TAG_PX - FRAME_PX && d <= TAG_PX;
    }

    private static BinaryMask disc() {
        byte[] bits = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                bits[y * W + x] = (byte) (Math.hypot(x + 0.5 - CX, y + 0.5 - CY) <= DISC_PX ? 1 : 0);
            }
        }
        return new BinaryMask(W, H, bits);
    }

    private static BinaryMask snapped(double band, double halfSidePx) {
        SnapConfig snap = SnapConfig.defaults().withEdgeBand(band);
        try (PatchClassifier untrained = PatchClassifier.create(NetArch.DENSE, 3)) {
            BoxPx tag = new BoxPx(CX - halfSidePx, CY - halfSidePx, CX + halfSidePx, CY + halfSidePx);
            return new Refiner(RefineConfig.defaults(1).withSnap(snap)).refine(untrained, image(),
                    List.of(new Tag(1, 1, tag))).get(0).mask().toFull(W, H);
        }
    }

    @Test
    void theBandKeepsAColourFoundOnlyInALooseTagsMarginOutOfTheMask() {
        EngineSetup.start(1);
        BinaryMask truth = disc();
        assertThat(SnapConfig.defaults().edgeBandFraction()).isEqualTo(SnapConfig.DEFAULT_EDGE_BAND);
        assertThat(snapped(0, TAG_PX).iou(truth)).as("whole tag probably foreground: the frame stays in")
                .isLessThan(0.7);
        assertThat(snapped(SnapConfig.DEFAULT_EDGE_BAND, TAG_PX).iou(truth)).as("default band").isGreaterThan(0.9);
    }

    @Test
    void anObjectReachingATightTagsSidesIsClaimedBackFromTheBand() {
        EngineSetup.start(1);
        BinaryMask truth = disc();
        BinaryMask without = snapped(0, DISC_PX);
        BinaryMask with = snapped(SnapConfig.DEFAULT_EDGE_BAND, DISC_PX);
        assertThat(without.iou(truth)).isGreaterThan(0.9);
        assertThat(with.iou(truth)).as("tight tag, default band").isGreaterThan(without.iou(truth) - 0.02);
    }
}
