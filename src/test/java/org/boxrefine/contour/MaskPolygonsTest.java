package org.boxrefine.contour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.Components;
import org.junit.jupiter.api.Test;

class MaskPolygonsTest {

    /** Random blobs: rectangles and discs added and cut out, so masks have parts, holes and islands in holes. */
    static BinaryMask blobs(long seed, int w, int h) {
        Random rnd = new Random(seed);
        BinaryMask m = new BinaryMask(w, h);
        for (int k = 0; k < 8; k++) {
            boolean on = k < 4 || rnd.nextBoolean();
            int cx = rnd.nextInt(w);
            int cy = rnd.nextInt(h);
            int r = 1 + rnd.nextInt(Math.min(w, h) / 3);
            boolean disc = rnd.nextBoolean();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int dx = x - cx;
                    int dy = y - cy;
                    if (disc ? dx * dx + dy * dy <= r * r : Math.abs(dx) <= r && Math.abs(dy) <= r / 2) {
                        m.set(x, y, on);
                    }
                }
            }
        }
        return m;
    }

    @Test
    void exactOutlinesFillBackToTheMaskWithHolesOrTheFilledMaskOrItsLargestPart() {
        int checkedHoles = 0;
        for (long seed = 1; seed <= 40; seed++) {
            BinaryMask m = blobs(seed, 37, 23);
            List<double[]> holes = MaskPolygons.trace(m, new PolygonConfig(0, 0, Parts.HOLES));
            assertThat(PolygonRaster.fill(holes, 37, 23)).as("seed %d, holes", seed).isEqualTo(m);
            BinaryMask filled = Components.fillHoles(m);
            checkedHoles += filled.equals(m) ? 0 : 1;
            List<double[]> outer = MaskPolygons.trace(m, new PolygonConfig(0, 0, Parts.OUTER));
            assertThat(PolygonRaster.fill(outer, 37, 23)).as("seed %d, outer", seed).isEqualTo(filled);
            List<double[]> largest = MaskPolygons.trace(m, new PolygonConfig(0, 0, Parts.LARGEST));
            assertThat(largest).hasSizeLessThanOrEqualTo(1);
            BinaryMask part = PolygonRaster.fill(largest, 37, 23);
            assertThat(part).as("seed %d, largest: one filled part of the mask", seed)
                    .isEqualTo(Components.largest(part, null)).isEqualTo(Components.fillHoles(part));
            for (int i = 0; i < part.data().length; i++) {
                assertThat(part.data()[i] <= filled.data()[i]).as("seed %d: inside the filled mask", seed).isTrue();
            }
            assertThat(part.count()).as("the largest outline by area")
                    .isGreaterThanOrEqualTo(Components.fillHoles(Components.largest(m, null)).count());
        }
        assertThat(checkedHoles).as("masks with holes among the samples").isGreaterThan(5);
    }

    @Test
    void aSquareIsFourCornersOnThePixelEdges() {
        BinaryMask m = new BinaryMask(6, 5);
        for (int y = 1; y < 4; y++) {
            for (int x = 2; x < 5; x++) {
                m.set(x, y, true);
            }
        }
        List<double[]> p = MaskPolygons.trace(m, new PolygonConfig(0, 0, Parts.OUTER));
        assertThat(p).hasSize(1);
        assertThat(p.get(0)).hasSize(8);
        double minX = 99;
        double maxX = -1;
        double minY = 99;
        double maxY = -1;
        for (int k = 0; k < 8; k += 2) {
            minX = Math.min(minX, p.get(0)[k]);
            maxX = Math.max(maxX, p.get(0)[k]);
            minY = Math.min(minY, p.get(0)[k + 1]);
            maxY = Math.max(maxY, p.get(0)[k + 1]);
        }
        assertThat(new double[] {minX, minY, maxX, maxY}).containsExactly(2, 1, 5, 4);
        assertThat(MaskPolygons.trace(new BinaryMask(4, 4), PolygonConfig.defaults())).isEmpty();
    }

    @Test
    void simplificationKeepsFewVerticesAndLosesLittle() {
        int w = 120;
        int h = 90;
        BinaryMask disc = new BinaryMask(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x + 0.5 - 60;
                double dy = y + 0.5 - 45;
                disc.set(x, y, dx * dx + dy * dy <= 35 * 35);
            }
        }
        List<double[]> exact = MaskPolygons.trace(disc, new PolygonConfig(0, 0, Parts.OUTER));
        List<double[]> onePx = MaskPolygons.trace(disc, new PolygonConfig(1, 0, Parts.OUTER));
        List<double[]> capped = MaskPolygons.trace(disc, new PolygonConfig(0, 12, Parts.OUTER));
        assertThat(MaskPolygons.vertices(onePx)).isLessThan(MaskPolygons.vertices(exact) / 3);
        assertThat(MaskPolygons.vertices(capped)).isBetween(3, 12);
        assertThat(PolygonRaster.fill(onePx, w, h).iou(disc)).isGreaterThan(0.97).isLessThan(1.0);
        assertThat(PolygonRaster.fill(capped, w, h).iou(disc)).isGreaterThan(0.85)
                .isLessThan(PolygonRaster.fill(onePx, w, h).iou(disc));
    }

    @Test
    void badSettingsSayWhatWasExpected() {
        assertThatThrownBy(() -> new PolygonConfig(-1, 0, Parts.OUTER)).hasMessageContaining(">= 0, found -1");
        assertThatThrownBy(() -> new PolygonConfig(1, 2, Parts.OUTER)).hasMessageContaining("at least 3, found 2");
        assertThatThrownBy(() -> Parts.parse("some")).hasMessageContaining("largest, outer or holes, found 'some'");
    }
}
