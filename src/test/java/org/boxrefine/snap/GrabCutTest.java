package org.boxrefine.snap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.RgbImage;
import org.junit.jupiter.api.Test;

class GrabCutTest {
    /** A noisy red disc of radius 20 at (40, 36) on a noisy green-grey 80x72 background, and its mask. */
    private static RgbImage disc(BinaryMask truth) {
        SplittableRandom rng = new SplittableRandom(3);
        RgbImage img = RgbImage.blank(80, 72);
        for (int y = 0; y < 72; y++) {
            for (int x = 0; x < 80; x++) {
                boolean in = (x - 40) * (x - 40) + (y - 36) * (y - 36) < 400;
                truth.set(x, y, in);
                int n = rng.nextInt(30);
                if (in) {
                    img.set(x, y, 200 + n / 2, 30 + n, 40 + n);
                } else {
                    img.set(x, y, 60 + n, 140 + n, 80 + n);
                }
            }
        }
        return img;
    }

    @Test
    void rectangleStartFindsTheDisc() {
        BinaryMask truth = new BinaryMask(80, 72);
        RgbImage img = disc(truth);
        BinaryMask box = new BinaryMask(80, 72);
        for (int y = 14; y < 58; y++) {
            for (int x = 18; x < 62; x++) {
                box.set(x, y, true);
            }
        }
        BinaryMask m = GrabCut.fromRect(img, new PixelRect(18, 14, 62, 58), 5);
        assertThat(m.iou(truth)).isGreaterThan(0.95).isGreaterThan(box.iou(truth) + 0.1);
    }

    @Test
    void labelStartKeepsDefiniteLabelsAndFallsBackWithoutBackground() {
        BinaryMask truth = new BinaryMask(80, 72);
        RgbImage img = disc(truth);
        byte[] labels = new byte[80 * 72];
        for (int i = 0; i < labels.length; i++) {
            int x = i % 80;
            int y = i / 80;
            labels[i] = x >= 16 && x < 64 && y >= 12 && y < 60 ? GrabCut.PROBABLY_FOREGROUND : GrabCut.BACKGROUND;
        }
        labels[36 * 80 + 30] = GrabCut.BACKGROUND;
        BinaryMask m = GrabCut.fromLabels(img, labels, 5);
        assertThat(m.iou(truth)).isGreaterThan(0.9);
        assertThat(m.get(30, 36)).as("a definite background pixel stays background").isFalse();
        byte[] allFg = new byte[80 * 72];
        java.util.Arrays.fill(allFg, GrabCut.PROBABLY_FOREGROUND);
        assertThat(GrabCut.fromLabels(img, allFg, 5).count()).as("no background to model: labels kept").isEqualTo(80 * 72);
    }

    @Test
    void repeatsExactlyWhateverRanBefore() {
        BinaryMask truth = new BinaryMask(80, 72);
        RgbImage img = disc(truth);
        PixelRect rect = new PixelRect(10, 8, 70, 64);
        BinaryMask first = GrabCut.fromRect(img, rect, 3);
        GrabCut.fromRect(img, new PixelRect(0, 0, 50, 50), 2);
        assertThat(GrabCut.fromRect(img, rect, 3)).isEqualTo(first);
    }

    @Test
    void aPriorChannelSeparatesWhatColoursCannot() {
        SplittableRandom rng = new SplittableRandom(5);
        RgbImage img = RgbImage.blank(80, 72);
        BinaryMask truth = new BinaryMask(80, 72);
        float[] prior = new float[80 * 72];
        byte[] labels = new byte[80 * 72];
        for (int y = 0; y < 72; y++) {
            for (int x = 0; x < 80; x++) {
                boolean in = (x - 40) * (x - 40) + (y - 36) * (y - 36) < 400;
                truth.set(x, y, in);
                int n = rng.nextInt(60);
                img.set(x, y, 100 + n, 100 + rng.nextInt(60), 100 + rng.nextInt(60));
                prior[y * 80 + x] = in ? 0.9f : 0.1f;
                labels[y * 80 + x] = x >= 12 && x < 68 && y >= 8 && y < 64 ? GrabCut.PROBABLY_FOREGROUND
                        : GrabCut.BACKGROUND;
            }
        }
        BinaryMask plain = GrabCut.fromLabels(img, labels, 5);
        BinaryMask withPrior = GrabCut.fromLabels(GrabCut.priorFeatures(img, prior, 1.0), labels, 5);
        assertThat(withPrior.iou(truth)).isGreaterThan(0.9).isGreaterThan(plain.iou(truth) + 0.2);
    }

    @Test
    void featuresKeepThePriorInTheThirdChannelAndSpreadColoursAlongTheFirst() {
        byte[] rgb = new byte[3 * 100];
        float[] prior = new float[100];
        for (int i = 0; i < 100; i++) {
            int v = 50 + 2 * i;
            rgb[3 * i] = (byte) v;
            rgb[3 * i + 1] = (byte) v;
            rgb[3 * i + 2] = (byte) v;
            prior[i] = i / 99f;
        }
        byte[] f = GrabCut.features(rgb, prior, 0.5);
        assertThat(f[3 * 99 + 2] & 0xFF).isEqualTo(128);
        assertThat(f[2] & 0xFF).isZero();
        int first = Math.abs((f[3 * 99] & 0xFF) - (f[0] & 0xFF));
        int second = Math.abs((f[3 * 99 + 1] & 0xFF) - (f[1] & 0xFF));
        assertThat(first).as("grey ramp lies on the first component").isGreaterThan(100);
        assertThat(second).as("nothing varies along the second").isLessThanOrEqualTo(1);
    }
}
