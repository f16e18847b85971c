package org.boxrefine.snap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.boxrefine.image.RgbImage;
import org.junit.jupiter.api.Test;

class GuidedFilterTest {

    /** A dark left half and a bright right half meeting between x = 16 and x = 17, with some texture. */
    private static RgbImage stepImage(int w, int h) {
        RgbImage img = RgbImage.blank(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int base = x < 17 ? 40 : 200;
                int n = ((x * 7 + y * 13) % 5) - 2;
                img.set(x, y, base + n, base / 2 + n, 255 - base + n);
            }
        }
        return img;
    }

    @Test
    void aBlurredStepSnapsToTheImageEdge() {
        int w = 40;
        int h = 20;
        RgbImage img = stepImage(w, h);
        float[] ramp = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                ramp[y * w + x] = (float) Math.max(0, Math.min(1, (x - 12.5) / 4.0));
            }
        }
        float[] out = GuidedFilter.smooth(img, ramp, 4, 1e-3);
        for (int y = 4; y < h - 4; y++) {
            assertThat(ramp[y * w + 15]).as("the ramp crosses 0.5 two pixels before the edge, as an enlarged low-resolution mask may").isGreaterThan(0.5f);
            assertThat(ramp[y * w + 14]).isLessThan(0.5f);
            for (int x = 6; x < 26; x++) {
                boolean fg = out[y * w + x] > 0.5f;
                assertThat(fg).as("pixel (%d, %d) after filtering", x, y).isEqualTo(x >= 17);
            }
        }
    }

    @Test
    void aConstantMapStaysConstant() {
        RgbImage img = stepImage(30, 12);
        float[] half = new float[30 * 12];
        java.util.Arrays.fill(half, 0.5f);
        for (float v : GuidedFilter.smooth(img, half, 3, 1e-2)) {
            assertThat(v).isCloseTo(0.5f, org.assertj.core.data.Offset.offset(1e-4f));
        }
    }

    @Test
    void rejectsAMapOfTheWrongSize() {
        assertThatThrownBy(() -> GuidedFilter.smooth(RgbImage.blank(4, 4), new float[15], 1, 0.01))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16").hasMessageContaining("15");
    }
}
