package org.boxrefine.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.RgbImage;
import org.junit.jupiter.api.Test;

class PatchLabelAndSamplingTest {

    private static ScaledImage image(int w, int h, BoxPx... tags) {
        return new ScaledImage(RgbImage.blank(w, h), 1, 1, List.of(tags));
    }

    @Test
    void labelIsWhetherTheCentreLiesInsideATagAtItsBorders() {
        ScaledImage img = image(50, 60, new BoxPx(10, 20, 30, 40));
        assertThat(img.insideAnyTag(9, 25)).isFalse();
        assertThat(img.insideAnyTag(10, 25)).isTrue();
        assertThat(img.insideAnyTag(29, 39)).isTrue();
        assertThat(img.insideAnyTag(30, 25)).isFalse();
        assertThat(img.insideAnyTag(29, 40)).isFalse();
        assertThat(img.insideAnyTag(15, 19)).isFalse();
        ScaledImage frac = image(50, 60, new BoxPx(10.4, 20, 30.6, 40));
        assertThat(frac.insideAnyTag(10, 25)).as("centre 10.5 >= 10.4").isTrue();
        assertThat(frac.insideAnyTag(30, 25)).as("centre 30.5 < 30.6").isTrue();
        ScaledImage late = image(50, 60, new BoxPx(10.6, 20, 30.4, 40));
        assertThat(late.insideAnyTag(10, 25)).as("centre 10.5 < 10.6").isFalse();
        assertThat(late.insideAnyTag(30, 25)).as("centre 30.5 >= 30.4").isFalse();
        ScaledImage two = image(50, 60, new BoxPx(0, 0, 5, 5), new BoxPx(40, 50, 50, 60));
        assertThat(two.insideAnyTag(2, 2)).isTrue();
        assertThat(two.insideAnyTag(45, 55)).isTrue();
        assertThat(two.insideAnyTag(20, 20)).isFalse();
    }

    @Test
    void samplesAreBalancedCorrectlyLabelledSeededAndUseTheRing() {
        ScaledImage img = image(200, 150, new BoxPx(40, 30, 90, 110), new BoxPx(120, 20, 150, 60));
        SamplingConfig cfg = new SamplingConfig(400, 0.5, 0.5);
        PatchSampler.Samples s = PatchSampler.sample(img, cfg, new SplittableRandom(3));
        assertThat(s.count()).isEqualTo(400);
        int fg = 0;
        int nearTag = 0;
        for (int i = 0; i < s.count(); i++) {
            boolean inside = img.insideAnyTag(s.x()[i], s.y()[i]);
            assertThat(s.label()[i] == 1).as("sample %d at (%d,%d)", i, s.x()[i], s.y()[i]).isEqualTo(inside);
            fg += s.label()[i];
            if (s.label()[i] == 0 && (new BoxPx(40, 30, 90, 110).grow(5).containsPixel(s.x()[i], s.y()[i])
                    || new BoxPx(120, 20, 150, 60).grow(5).containsPixel(s.x()[i], s.y()[i]))) {
                nearTag++;
            }
        }
        assertThat(fg).isEqualTo(200);
        assertThat(nearTag).as("background right next to the tags").isGreaterThan(10);
        PatchSampler.Samples again = PatchSampler.sample(img, cfg, new SplittableRandom(3));
        assertThat(again.x()).containsExactly(s.x());
        assertThat(again.y()).containsExactly(s.y());
        PatchSampler.Samples other = PatchSampler.sample(img, cfg, new SplittableRandom(4));
        assertThat(other.x()).isNotEqualTo(s.x());
    }

    @Test
    void aTagCoveringTheWholeImageGivesNoBackground() {
        ScaledImage img = image(30, 30, new BoxPx(0, 0, 30, 30));
        PatchSampler.Samples s = PatchSampler.sample(img, new SamplingConfig(100, 0.5, 0.5), new SplittableRandom(1));
        assertThat(s.count()).isEqualTo(50);
        for (int i = 0; i < s.count(); i++) {
            assertThat(s.label()[i]).isEqualTo((byte) 1);
        }
    }

    @Test
    void boxFreeLabelsTheBorderBandBackgroundAndTheRestOfAWholeImageTagForeground() {
        ScaledImage img = image(50, 40, new BoxPx(0, 0, 50, 40)).withBorderBackground(0.1);
        assertThat(img.foreground(3, 20)).as("centre 3.5 < band 4").isFalse();
        assertThat(img.foreground(4, 20)).as("centre 4.5").isTrue();
        assertThat(img.foreground(45, 35)).as("centre 45.5 < 46, 35.5 < 36").isTrue();
        assertThat(img.foreground(46, 20)).isFalse();
        assertThat(img.foreground(20, 36)).isFalse();
        PatchSampler.Samples s = PatchSampler.sample(img, new SamplingConfig(200, 0.5, 0.5), new SplittableRandom(2));
        assertThat(s.count()).isEqualTo(200);
        int fg = 0;
        for (int i = 0; i < s.count(); i++) {
            int x = s.x()[i];
            int y = s.y()[i];
            boolean inner = x >= 4 && x < 46 && y >= 4 && y < 36;
            assertThat(s.label()[i] == 1).as("sample at (%d,%d)", x, y).isEqualTo(inner);
            fg += s.label()[i];
        }
        assertThat(fg).isEqualTo(100);
    }

    @Test
    void theForegroundShareSetsTheClassBalance() {
        ScaledImage img = image(60, 50, new BoxPx(20, 15, 40, 35));
        for (double share : new double[] {0.2, 0.5, 0.75}) {
            SamplingConfig cfg = new SamplingConfig(200, 0.5, 0.5, false, 0, 0, 10_000, share);
            PatchSampler.Samples s = PatchSampler.sample(img, cfg, new SplittableRandom(3));
            int fg = 0;
            for (int i = 0; i < s.count(); i++) {
                fg += s.label()[i];
                assertThat(s.label()[i] == 1).as("label of (%d,%d)", s.x()[i], s.y()[i])
                        .isEqualTo(img.foreground(s.x()[i], s.y()[i]));
            }
            assertThat(s.count()).isEqualTo(200);
            assertThat(fg).as("foreground patches at share %s", share).isEqualTo((int) Math.round(200 * share));
        }
        assertThat(new SamplingConfig(64, 0.5, 0.5).foregroundShare()).isEqualTo(0.5);
        assertThat(new SamplingConfig(64, 0.5, 0.5, false, 0, 0, 10_000, 0.3).forImages(1000).foregroundShare())
                .isEqualTo(0.3);
        assertThatThrownBy(() -> new SamplingConfig(64, 0.5, 0.5, false, 0, 0, 10_000, 1.0))
                .hasMessageContaining("foreground share").hasMessageContaining("found 1.0");
    }

    @Test
    void workingScaleMakesTheMedianTagTheChosenSize() {
        WorkingScale ws = new WorkingScale(64, 2);
        List<BoxPx> tags = List.of(BoxPx.fromXywh(0, 0, 100, 100), BoxPx.fromXywh(0, 0, 200, 200),
                BoxPx.fromXywh(0, 0, 400, 100));
        assertThat(ws.factor(tags, 1000, 1000)).isCloseTo(64.0 / 200, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ws.factor(List.of(BoxPx.fromXywh(0, 0, 8, 8)), 100, 100)).as("capped upscale").isEqualTo(2.0);
        assertThat(WorkingScale.scaledLength(550, 0.2)).isEqualTo(110);
        assertThat(WorkingScale.scaledLength(3, 0.01)).isEqualTo(1);
    }

    @Test
    void relabelledMasksTurnInTagPixelsOutsideTheMaskIntoBackground() {
        BoxPx tag = HALF_MASKED_TAG;
        org.boxrefine.geom.PixelRect rect = tag.pixelRect(200, 150);
        ScaledImage img = halfMasked();
        assertThat(img.foreground(45, 50)).isTrue();
        assertThat(img.foreground(80, 50)).as("inside the tag, outside its mask").isFalse();
        assertThat(img.foreground(10, 10)).isFalse();
        PatchSampler.Samples s = PatchSampler.sample(img, new SamplingConfig(400, 0.5, 0.5), new SplittableRandom(5));
        int inTagBackground = 0;
        for (int i = 0; i < s.count(); i++) {
            assertThat(s.label()[i] == 1).isEqualTo(img.foreground(s.x()[i], s.y()[i]));
            if (s.label()[i] == 0 && tag.containsPixel(s.x()[i], s.y()[i])) {
                inTagBackground++;
            }
        }
        assertThat(s.count()).isEqualTo(400);
        assertThat(inTagBackground).as("background drawn from the tag's right half").isGreaterThan(10);
        ScaledImage emptyMask = image(200, 150, tag).withMasks(List.of(new org.boxrefine.image.CroppedMask(rect,
                new org.boxrefine.image.BinaryMask(rect.widthPx(), rect.heightPx()))));
        assertThat(emptyMask.foreground(80, 50)).as("an empty mask falls back to the tag").isTrue();
    }

    @Test
    void insideShareDrawsThatShareOfTheBackgroundFromInTagPixelsOutsideTheMasks() {
        BoxPx tag = HALF_MASKED_TAG;
        org.boxrefine.geom.PixelRect rect = tag.pixelRect(200, 150);
        ScaledImage img = halfMasked();
        int[] inTag = new int[2];
        double[] shares = {0, 0.5};
        for (int k = 0; k < 2; k++) {
            PatchSampler.Samples s = PatchSampler.sample(img, new SamplingConfig(400, 0.5, 0.5, false, 0, shares[k]),
                    new SplittableRandom(5));
            assertThat(s.count()).isEqualTo(400);
            for (int i = 0; i < s.count(); i++) {
                assertThat(s.label()[i] == 1).isEqualTo(img.foreground(s.x()[i], s.y()[i]));
                if (s.label()[i] == 0 && tag.containsPixel(s.x()[i], s.y()[i])) {
                    inTag[k]++;
                }
            }
        }
        assertThat(inTag[1]).as("half the 200 background patches, plus what the ring adds").isBetween(100, 140);
        assertThat(inTag[0]).as("without it only the ring's chance").isLessThan(50);
        PatchSampler.Samples boxesOnly = PatchSampler.sample(image(200, 150, tag),
                new SamplingConfig(400, 0.5, 0.5, false, 0, 0.5), new SplittableRandom(5));
        assertThat(boxesOnly.count()).as("without masks there is no in-tag background to draw").isEqualTo(400);
        assertThatThrownBy(() -> new SamplingConfig(400, 0.5, 0.5, false, 0, 1.5))
                .hasMessageContaining("inside share must be in [0, 1], found 1.5");
    }

    private static final BoxPx HALF_MASKED_TAG = new BoxPx(40, 30, 90, 110);

    /** A 200x150 image with {@link #HALF_MASKED_TAG} whose mask is the tag's left half. */
    private static ScaledImage halfMasked() {
        org.boxrefine.geom.PixelRect rect = HALF_MASKED_TAG.pixelRect(200, 150);
        org.boxrefine.image.BinaryMask left = new org.boxrefine.image.BinaryMask(rect.widthPx(), rect.heightPx());
        for (int y = 0; y < rect.heightPx(); y++) {
            for (int x = 0; x < rect.widthPx() / 2; x++) {
                left.set(x, y, true);
            }
        }
        return image(200, 150, HALF_MASKED_TAG).withMasks(List.of(new org.boxrefine.image.CroppedMask(rect, left)));
    }
}
