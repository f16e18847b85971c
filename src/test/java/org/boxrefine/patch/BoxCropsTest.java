package org.boxrefine.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.RgbImage;
import org.junit.jupiter.api.Test;

class BoxCropsTest {
    private static final int PATCH = 35;
    private static final int STRIDE = 8;

    /** A grey image with a red rectangle (the object) inside a tag a little larger than it. */
    private static ScaledImage scene() {
        RgbImage img = RgbImage.blank(160, 120);
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 160; x++) {
                boolean object = x >= 60 && x < 100 && y >= 30 && y < 90;
                img.set(x, y, object ? 200 : 90, object ? 30 : 90, object ? 30 : 90);
            }
        }
        return new ScaledImage(img, 1, 1, List.of(new BoxPx(52, 22, 108, 98)));
    }

    @Test
    void cellsMarkTagCentresAndPairsJoinSimilarColoursInsideTheTag() {
        ScaledImage s = scene();
        CropBatch b = new BoxCrops(PATCH, STRIDE, 48, 0.3).crops(s, List.of(0), false, new Random(1));
        int m = b.cells();
        assertThat(b.sizePx()).isEqualTo(PATCH + STRIDE * (m - 1));
        BoxPx tag = s.tags().get(0);
        int x0 = (int) Math.round(0.5 * (tag.x0Px() + tag.x1Px()) - 0.5 * b.sizePx());
        int y0 = (int) Math.round(0.5 * (tag.y0Px() + tag.y1Px()) - 0.5 * b.sizePx());
        // Recover the random shift from the pixels: the crop's red channel equals the image's at the shift.
        int dx = Integer.MIN_VALUE;
        int dy = Integer.MIN_VALUE;
        for (int sy = -STRIDE / 2; sy < STRIDE / 2 && dx == Integer.MIN_VALUE; sy++) {
            for (int sx = -STRIDE / 2; sx < STRIDE / 2; sx++) {
                if (matches(s.image(), b, x0 + sx, y0 + sy)) {
                    dx = sx;
                    dy = sy;
                    break;
                }
            }
        }
        assertThat(dx).as("crop found in the image").isNotEqualTo(Integer.MIN_VALUE);
        int inside = 0;
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < m; i++) {
                int x = x0 + dx + PATCH / 2 + STRIDE * i;
                int y = y0 + dy + PATCH / 2 + STRIDE * j;
                boolean in = tag.containsPixel(x, y);
                inside += in ? 1 : 0;
                assertThat(b.boxCells()[j * m + i]).as("cell (%d, %d)", i, j).isEqualTo(in ? 1f : 0f);
                for (int d = 0; d < CropBatch.DIRECTIONS.length; d++) {
                    int i2 = i + CropBatch.DIRECTIONS[d][0];
                    int j2 = j + CropBatch.DIRECTIONS[d][1];
                    float w = b.pairWeights()[(d * m + j) * m + i];
                    if (i2 < 0 || i2 >= m || j2 >= m) {
                        assertThat(w).isZero();
                        continue;
                    }
                    int x2 = x0 + dx + PATCH / 2 + STRIDE * i2;
                    int y2 = y0 + dy + PATCH / 2 + STRIDE * j2;
                    boolean touches = in && tag.containsPixel(x2, y2);
                    boolean sameColour = object(x, y) == object(x2, y2);
                    boolean blockBorder = near(x) || near(y) || near(x2) || near(y2);
                    if (!blockBorder) {
                        assertThat(w).as("pair (%d, %d) direction %d", i, j, d)
                                .isEqualTo(touches && sameColour ? 1f : 0f);
                    }
                }
            }
        }
        assertThat(inside).isGreaterThan(10);
    }

    private static boolean object(int x, int y) {
        return x >= 60 && x < 100 && y >= 30 && y < 90;
    }

    /** Whether a cell's colour block straddles the object's edge (mixed colour). */
    private static boolean near(int v) {
        for (int e : new int[] {30, 60, 90, 100}) {
            if (Math.abs(v - e) <= STRIDE / 2 + 1) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(RgbImage img, CropBatch b, int x0, int y0) {
        int size = b.sizePx();
        for (int y = 0; y < size; y += 7) {
            for (int x = 0; x < size; x += 5) {
                int ix = Math.max(0, Math.min(img.widthPx() - 1, x0 + x));
                int iy = Math.max(0, Math.min(img.heightPx() - 1, y0 + y));
                float expected = (img.get(ix, iy, 0) - PatchExtractor.MEAN) / PatchExtractor.SCALE;
                if (b.pixels()[y * size + x] != expected) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void aMirroredCropMirrorsPixelsAndCells() {
        ScaledImage s = scene();
        BoxCrops crops = new BoxCrops(PATCH, STRIDE, 48, 0.3);
        CropBatch plain = null;
        CropBatch mirrored = null;
        for (long seed = 0; seed < 200 && (plain == null || mirrored == null); seed++) {
            // The same shift with and without the mirror: find two seeds whose shifts agree, one mirrored.
            CropBatch b = crops.crops(s, List.of(0), true, new Random(seed));
            CropBatch ref = crops.crops(s, List.of(0), false, new Random(seed));
            if (java.util.Arrays.equals(b.pixels(), ref.pixels())) {
                plain = b;
            } else {
                mirrored = b;
                plain = ref;
            }
        }
        assertThat(mirrored).isNotNull();
        int m = plain.cells();
        int size = plain.sizePx();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                assertThat(mirrored.pixels()[y * size + x]).isEqualTo(plain.pixels()[y * size + size - 1 - x]);
            }
        }
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < m; i++) {
                assertThat(mirrored.boxCells()[j * m + i]).isEqualTo(plain.boxCells()[j * m + m - 1 - i]);
            }
        }
    }

    @Test
    void rejectsSettingsOutsideTheirRanges() {
        assertThatThrownBy(() -> new BoxCrops(PATCH, STRIDE, 48, 1.5)).hasMessageContaining("found 1.5");
        assertThatThrownBy(() -> new BoxCrops(PATCH, 0, 48, 0.3)).hasMessageContaining("found 35, 0, 48");
    }
}
