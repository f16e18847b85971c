package org.boxrefine.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.RgbImage;
import org.junit.jupiter.api.Test;

class PatchAugmentTest {

    private static RgbImage noise(int w, int h, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        RgbImage img = RgbImage.blank(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.set(x, y, rng.nextInt(256), rng.nextInt(256), rng.nextInt(256));
            }
        }
        return img;
    }

    private static RgbImage mirrored(RgbImage img) {
        RgbImage out = RgbImage.blank(img.widthPx(), img.heightPx());
        for (int y = 0; y < img.heightPx(); y++) {
            for (int x = 0; x < img.widthPx(); x++) {
                int m = img.widthPx() - 1 - x;
                out.set(m, y, img.get(x, y, 0), img.get(x, y, 1), img.get(x, y, 2));
            }
        }
        return out;
    }

    private static float[] patch(RgbImage img, int cx, int cy, int size) {
        float[] p = new float[3 * size * size];
        PatchExtractor.patch(img, cx, cy, size, p, 0);
        return p;
    }

    @Test
    void flipGivesThePatchOfTheMirroredImageExactly() {
        RgbImage img = noise(60, 50, 1);
        RgbImage mirror = mirrored(img);
        int size = 35;
        for (int[] c : new int[][] {{30, 25}, {3, 4}, {58, 47}}) {
            float[] p = patch(img, c[0], c[1], size);
            PatchAugment.flipHorizontal(p, 0, size);
            assertThat(p).as("centre (%d, %d)", c[0], c[1])
                    .containsExactly(patch(mirror, img.widthPx() - 1 - c[0], c[1], size));
        }
        int even = 32;
        float[] two = new float[2 * 3 * even * even];
        PatchExtractor.patch(img, 20, 20, even, two, 0);
        PatchExtractor.patch(img, 40, 30, even, two, 3 * even * even);
        float[] original = two.clone();
        PatchAugment.flipHorizontal(two, 3 * even * even, even);
        assertThat(Arrays.copyOf(two, 3 * even * even)).as("the other patch").containsExactly(
                Arrays.copyOf(original, 3 * even * even));
        for (int ch = 0; ch < 3; ch++) {
            for (int y = 0; y < even; y++) {
                for (int x = 0; x < even; x++) {
                    int base = 3 * even * even + (ch * even + y) * even;
                    assertThat(two[base + x]).isEqualTo(original[base + even - 1 - x]);
                }
            }
        }
        PatchAugment.flipHorizontal(two, 3 * even * even, even);
        assertThat(two).as("flipped twice").containsExactly(original);
    }

    @Test
    void withAugmentationOffNothingChangesAndNoRandomnessIsUsed() {
        float[] p = patch(noise(40, 40, 2), 20, 20, 35);
        float[] before = p.clone();
        SplittableRandom rng = new SplittableRandom(3);
        PatchAugment.augment(p, 0, 35, new SamplingConfig(64, 0.5, 0.5), rng);
        assertThat(p).containsExactly(before);
        assertThat(rng.nextLong()).isEqualTo(new SplittableRandom(3).nextLong());
        PatchAugment.jitter(p, 0, 35, 1, 1, 1);
        for (int i = 0; i < p.length; i++) {
            assertThat(p[i]).isCloseTo(before[i], within(1e-5f));
        }
    }

    @Test
    void jitterIsRepeatableWithTheSeedAndStaysInRange() {
        SamplingConfig cfg = new SamplingConfig(64, 0.5, 0.5, true, 0.3);
        float[] base = patch(noise(40, 40, 4), 20, 20, 35);
        float[] a = base.clone();
        float[] b = base.clone();
        float[] c = base.clone();
        PatchAugment.augment(a, 0, 35, cfg, new SplittableRandom(9));
        PatchAugment.augment(b, 0, 35, cfg, new SplittableRandom(9));
        PatchAugment.augment(c, 0, 35, cfg, new SplittableRandom(10));
        assertThat(b).containsExactly(a);
        assertThat(a).isNotEqualTo(base);
        assertThat(c).isNotEqualTo(a);
        for (float v : a) {
            assertThat(v).isBetween(PatchAugment.LOW, PatchAugment.HIGH);
        }
    }

    /** Raw value of a normalised one. */
    private static double raw(float v) {
        return v * PatchExtractor.SCALE + PatchExtractor.MEAN;
    }

    @Test
    void jitterFactorsDoWhatTheySay() {
        int size = 9;
        int plane = size * size;
        float[] p = patch(noise(20, 20, 5), 10, 10, size);
        float[] bright = p.clone();
        PatchAugment.jitter(bright, 0, size, 1.2f, 1, 1);
        for (int i = 0; i < p.length; i++) {
            assertThat(raw(bright[i])).as("brightness scales raw values, clamped")
                    .isCloseTo(Math.min(255, 1.2 * raw(p[i])), within(1e-3));
        }
        float[] grey = p.clone();
        PatchAugment.jitter(grey, 0, size, 1, 1, 0);
        for (int i = 0; i < plane; i++) {
            double g = 0.299 * p[i] + 0.587 * p[plane + i] + 0.114 * p[2 * plane + i];
            for (int ch = 0; ch < 3; ch++) {
                assertThat((double) grey[ch * plane + i]).as("saturation 0 leaves the grey").isCloseTo(g, within(1e-5));
            }
        }
        float[] flat = p.clone();
        PatchAugment.jitter(flat, 0, size, 1, 0.5f, 1);
        double mean = 0;
        for (int i = 0; i < plane; i++) {
            mean += 0.299 * p[i] + 0.587 * p[plane + i] + 0.114 * p[2 * plane + i];
        }
        mean /= plane;
        for (int i = 0; i < p.length; i++) {
            assertThat((double) flat[i]).as("contrast halves the distance to the mean grey")
                    .isCloseTo(mean + 0.5 * (p[i] - mean), within(1e-5));
        }
    }

    @Test
    void badAugmentationSettingsAreRefusedWithTheExpectedRangeAndTheValueFound() {
        for (double bad : new double[] {-0.1, 1, 2.5, Double.NaN}) {
            assertThatThrownBy(() -> new SamplingConfig(64, 0.5, 0.5, false, bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("colour jitter must be in [0, 1), found " + bad);
        }
        assertThat(new SamplingConfig(64, 0.5, 0.5)).isEqualTo(new SamplingConfig(64, 0.5, 0.5, false, 0));
        assertThat(new SamplingConfig(64, 0.5, 0.5).augments()).isFalse();
        assertThat(new SamplingConfig(64, 0.5, 0.5, true, 0).augments()).isTrue();
        assertThat(new SamplingConfig(64, 0.5, 0.5, false, 0.1).augments()).isTrue();
    }

    private static List<PatchBatch> all(SamplingConfig sampling) {
        List<ImageRecord> recs = new ArrayList<>();
        List<RgbImage> images = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            recs.add(new ImageRecord(i, "img" + i + ".png", 40, 40, List.of(new Tag(i, 1, new BoxPx(10, 10, 30, 30)))));
            images.add(noise(40, 40, 20 + i));
        }
        PatchStream.Loader loader = r -> {
            if (r.imageId() > 2) {
                throw new IOException("no image");
            }
            return new ScaledImage(images.get((int) r.imageId()), 1, 1, List.of(new BoxPx(10, 10, 30, 30)));
        };
        PatchStream s = new PatchStream(recs, loader, new PatchStream.Settings(sampling, 2, 2, 16, 35, 7), (r, e) -> { });
        List<PatchBatch> out = new ArrayList<>();
        s.forEachRemaining(out::add);
        return out;
    }

    @Test
    void theStreamFlipsAboutHalfThePatchesRepeatablyWithoutChangingTheSampling() {
        int stride = 3 * 35 * 35;
        List<PatchBatch> plain = all(new SamplingConfig(20, 0.5, 0.5));
        List<PatchBatch> flipped = all(new SamplingConfig(20, 0.5, 0.5, true, 0));
        List<PatchBatch> again = all(new SamplingConfig(20, 0.5, 0.5, true, 0));
        assertThat(flipped).hasSameSizeAs(plain);
        int mirrored = 0;
        int total = 0;
        for (int b = 0; b < plain.size(); b++) {
            PatchBatch p = plain.get(b);
            PatchBatch f = flipped.get(b);
            assertThat(f.labels()).containsExactly(p.labels());
            assertThat(again.get(b).pixels()).containsExactly(f.pixels());
            for (int i = 0; i < p.count(); i++) {
                float[] orig = Arrays.copyOfRange(p.pixels(), i * stride, (i + 1) * stride);
                float[] aug = Arrays.copyOfRange(f.pixels(), i * stride, (i + 1) * stride);
                float[] mirror = orig.clone();
                PatchAugment.flipHorizontal(mirror, 0, 35);
                boolean same = Arrays.equals(aug, orig);
                boolean flip = Arrays.equals(aug, mirror);
                assertThat(same || flip).as("batch %d patch %d is itself or its mirror", b, i).isTrue();
                mirrored += flip ? 1 : 0;
                total++;
            }
        }
        assertThat(total).isEqualTo(2 * 3 * 20);
        assertThat(mirrored).isBetween(total / 4, 3 * total / 4);
    }
}
