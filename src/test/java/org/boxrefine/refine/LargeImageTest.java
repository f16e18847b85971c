package org.boxrefine.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.ImageSource;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.CroppedMask;
import org.boxrefine.image.RgbImage;
import org.boxrefine.io.coco.CocoImageSource;
import org.boxrefine.io.image.ImageFiles;
import org.boxrefine.model.EngineSetup;
import org.boxrefine.model.PatchClassifier;
import org.boxrefine.model.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images far larger than the tags need are decoded subsampled; the masks, enlarged back, must still line up with
 * the object at full resolution.
 */
class LargeImageTest {
    private static final int W = 3000;
    private static final int H = 2250;
    private static final BoxPx BOX = new BoxPx(250, 200, 2750, 2050);

    /** A solid red ellipse on a noisy grey-green background. */
    private static RgbImage scene() {
        byte[] rgb = new byte[3 * W * H];
        SplittableRandom rnd = new SplittableRandom(7);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = 3 * (y * W + x);
                if (inObject(x, y)) {
                    rgb[i] = (byte) 210;
                    rgb[i + 1] = 40;
                    rgb[i + 2] = 40;
                } else {
                    int n = rnd.nextInt(40);
                    rgb[i] = (byte) (90 + n);
                    rgb[i + 1] = (byte) (120 + n);
                    rgb[i + 2] = (byte) (80 + n);
                }
            }
        }
        return new RgbImage(W, H, rgb);
    }

    private static boolean inObject(int x, int y) {
        double dx = (x + 0.5 - 1500) / 900;
        double dy = (y + 0.5 - 1125) / 650;
        return dx * dx + dy * dy <= 1;
    }

    private static BinaryMask truth() {
        byte[] bits = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                bits[y * W + x] = (byte) (inObject(x, y) ? 1 : 0);
            }
        }
        return new BinaryMask(W, H, bits);
    }

    @Test
    void subsamplingFollowsWhatTheTagsNeed() {
        Refiner snapping = new Refiner(RefineConfig.defaults(1));
        Tag big = new Tag(1, 1, BOX);
        assertThat(snapping.subsampling(W, H, List.of(big))).as("a 2150 px tag snapped at 320 px").isEqualTo(3);
        assertThat(snapping.subsampling(W, H, List.of(big, new Tag(2, 1, new BoxPx(10, 10, 310, 310)))))
                .as("a 300 px tag beside it needs more pixels").isEqualTo(1);
        assertThat(snapping.subsampling(640, 480, List.of(new Tag(1, 1, new BoxPx(100, 100, 500, 400)))))
                .as("an ordinary photo").isEqualTo(1);
        SnapConfig sc = RefineConfig.defaults(1).snap();
        RefineConfig noSnap = RefineConfig.defaults(1).withSnap(new SnapConfig(false, sc.sizePx(), sc.minSizePx(),
                sc.marginFraction(),
                sc.iterations(), sc.seedThreshold(), sc.start(), sc.priorWeight(), sc.guideRadius(),
                sc.autoConfidence(), sc.autoMarginFraction(), sc.autoTagConfidence(), sc.edgeBandFraction(),
                sc.networkWeight(), sc.networkIterations(), sc.shapeWeight(), sc.edgeBandLearned(), sc.smoothness(),
                sc.backgroundComponents(), sc.reachGap()));
        assertThat(new Refiner(noSnap).subsampling(W, H, List.of(big)))
                .as("without snapping only the 96 px working scale counts").isEqualTo(11);
    }

    @Test
    void enlargedMasksLineUpWithTheOriginalPixels() {
        BinaryMask truth = truth();
        int s = 5;
        RgbImage small = new RgbImage((W + s - 1) / s, (H + s - 1) / s, new byte[3 * ((W + s - 1) / s) * ((H + s - 1) / s)]);
        DecodedImage d = DecodedImage.of(small, s, W, H, List.of(new Tag(9, 1, BOX)));
        PixelRect rect = d.tags().get(0).box().pixelRect(small.widthPx(), small.heightPx());
        byte[] bits = new byte[rect.widthPx() * rect.heightPx()];
        for (int y = 0; y < rect.heightPx(); y++) {
            for (int x = 0; x < rect.widthPx(); x++) {
                bits[y * rect.widthPx() + x] = (byte) (truth.get(s * (rect.x0Px() + x), s * (rect.y0Px() + y)) ? 1 : 0);
            }
        }
        TagResult decoded = new TagResult(9, new CroppedMask(rect, new BinaryMask(rect.widthPx(), rect.heightPx(), bits)), 0.7);
        TagResult full = d.toOriginal(List.of(decoded)).get(0);
        assertThat(full.mask().rectPx()).isEqualTo(BOX.pixelRect(W, H));
        assertThat(full.score()).isEqualTo(0.7);
        assertThat(full.mask().toFull(W, H).iou(truth)).isGreaterThan(0.99);
    }

    @Test
    void aSubsampledDecodeStillGivesMasksOnTheObject(@TempDir Path dir) throws Exception {
        EngineSetup.start(2);
        Path file = dir.resolve("big.png");
        ImageFiles.writePng(scene(), file);
        ImageRecord record = new ImageRecord(1, "big.png", W, H, List.of(new Tag(1, 1, BOX)));
        ImageSource source = new CocoImageSource(dir);
        Refiner refiner = new Refiner(RefineConfig.defaults(1));
        DecodedImage d = refiner.decode(source, record);
        assertThat(d.subsampling()).isEqualTo(3);
        assertThat(d.image().widthPx()).isEqualTo(1000);
        try (PatchClassifier c = refiner.train(List.of(record), source, TrainingListener.NONE, (r, e) -> {
            throw new AssertionError(e);
        })) {
            List<TagResult> full = d.toOriginal(refiner.refine(c, d));
            BinaryMask mask = full.get(0).mask().toFull(W, H);
            assertThat(mask.iou(truth())).as("IoU with the object at full resolution").isGreaterThan(0.95);
        }
    }
}
