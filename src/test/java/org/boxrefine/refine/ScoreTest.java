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

/** The score: GrabCut's colour clarity where GrabCut made the mask, the network's mean probability otherwise. */
class ScoreTest {
    private static final int W = 120;
    private static final int H = 90;
    private static final List<Tag> TAGS = List.of(new Tag(1, 1, new BoxPx(30, 20, 90, 76)));

    /** A disc of radius 24 whose colours lie {@code offset} above the background's, 60 levels of noise each. */
    private static RgbImage scene(int offset) {
        SplittableRandom rng = new SplittableRandom(9);
        RgbImage img = RgbImage.blank(W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int o = Math.hypot(x - 60, y - 48) < 24 ? offset : 0;
                img.set(x, y, 40 + o + rng.nextInt(60), 100 + o + rng.nextInt(60), 50 + o + rng.nextInt(60));
            }
        }
        return img;
    }

    private static double score(PatchClassifier c, RefineConfig config, RgbImage img) {
        return new Refiner(config).refine(c, img, TAGS).get(0).score();
    }

    @Test
    void snappedMasksScoreHowClearlyColoursSeparateOthersTheNetworksMeanProbability() {
        EngineSetup.start(1);
        RefineConfig snapped = RefineConfig.defaults(1);
        try (PatchClassifier untrained = PatchClassifier.create(NetArch.DENSE, 5)) {
            double clear = score(untrained, snapped, scene(120));
            TagResult muddy = new Refiner(snapped).refine(untrained, scene(20), TAGS).get(0);
            BinaryMask disc = new BinaryMask(W, H);
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    disc.set(x, y, Math.hypot(x - 60, y - 48) < 24);
                }
            }
            assertThat(muddy.mask().toFull(W, H).iou(disc)).as("GrabCut still finds the disc").isGreaterThan(0.7);
            assertThat(clear).isGreaterThan(0.95);
            assertThat(muddy.score()).isLessThan(clear - 0.1);
            double network = score(untrained, snapped.withSnap(SnapConfig.off()), scene(120));
            assertThat(network).as("an untrained network's mean probability").isBetween(0.2, 0.8);
        }
    }
}
