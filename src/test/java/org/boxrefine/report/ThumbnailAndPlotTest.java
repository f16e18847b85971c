package org.boxrefine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.RgbImage;
import org.junit.jupiter.api.Test;

class ThumbnailAndPlotTest {

    private static RgbImage grey(int w, int h, int v) {
        RgbImage img = RgbImage.blank(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.set(x, y, v, v, v);
            }
        }
        return img;
    }

    private static boolean is(RgbImage img, int x, int y, int[] c) {
        return img.get(x, y, 0) == c[0] && img.get(x, y, 1) == c[1] && img.get(x, y, 2) == c[2];
    }

    @Test
    void thumbnailShowsTheBoxWithContextTheMaskTintedAndTheBoxDrawn() {
        RgbImage photo = grey(800, 600, 100);
        BoxPx box = new BoxPx(200, 100, 600, 300);
        BinaryMask mask = new BinaryMask(800, 600);
        for (int y = 150; y < 250; y++) {
            for (int x = 300; x < 500; x++) {
                mask.set(x, y, true);
            }
        }
        RgbImage t = Thumbnail.render(photo, box, mask, 160);
        assertThat(Math.max(t.widthPx(), t.heightPx())).isEqualTo(160);
        assertThat(t.widthPx()).isGreaterThan(t.heightPx());
        double f = 160.0 / Math.max(box.widthPx(), box.heightPx()) / (1 + 2 * Thumbnail.MARGIN);
        int cx = t.widthPx() / 2;
        int cy = t.heightPx() / 2;
        assertThat(t.get(cx, cy, 2)).as("inside the mask: tinted blue").isGreaterThan(t.get(cx, cy, 0) + 50);
        int outsideMaskX = (int) Math.round(cx - 150 * f);
        assertThat(t.get(outsideMaskX, cy, 0)).as("inside the box, outside the mask: as the photo").isEqualTo(100);
        assertThat(t.get(outsideMaskX, cy, 2)).isEqualTo(100);
        long boxPixels = 0;
        for (int y = 0; y < t.heightPx(); y++) {
            for (int x = 0; x < t.widthPx(); x++) {
                if (is(t, x, y, Thumbnail.BOX)) {
                    boxPixels++;
                }
            }
        }
        double perimeter = 2 * (box.widthPx() + box.heightPx()) * f * Thumbnail.BOX_LINE_PX;
        assertThat((double) boxPixels).isBetween(perimeter * 0.9, perimeter * 1.1);
        assertThat(is(t, 0, 0, Thumbnail.BOX)).as("context outside the box").isFalse();
    }

    @Test
    void smallBoxesAreEnlargedAtMostFourTimesAndMismatchedMasksRejected() {
        RgbImage photo = grey(100, 80, 50);
        RgbImage t = Thumbnail.render(photo, new BoxPx(10, 10, 20, 20), null, 160);
        assertThat(Math.max(t.widthPx(), t.heightPx())).isLessThan(80);
        assertThatThrownBy(() -> Thumbnail.render(photo, new BoxPx(10, 10, 20, 20), new BinaryMask(99, 80), 160))
                .hasMessageContaining("mask is 99x80, image 100x80");
    }

    @Test
    void histogramCountsValuesPerBinWithOneInTheLastBin() {
        int[] h = DistributionPlot.histogram(new double[] {0.0, 0.04, 0.05, 0.51, 1.0, 0.999, Double.NaN});
        assertThat(h).hasSize(DistributionPlot.BINS);
        assertThat(h[0]).isEqualTo(2);
        assertThat(h[1]).isEqualTo(1);
        assertThat(h[10]).isEqualTo(1);
        assertThat(h[DistributionPlot.BINS - 1]).isEqualTo(2);
        assertThat(java.util.Arrays.stream(h).sum()).isEqualTo(6);
    }

    @Test
    void plotDrawsOnePanelPerSeriesWithBarsWhereTheValuesAre() {
        double[] scores = {0.92, 0.93, 0.94, 0.12};
        RgbImage plot = DistributionPlot.render(List.of(new DistributionPlot.Series("score", scores),
                new DistributionPlot.Series("IoU", new double[] {0.3})));
        assertThat(plot.widthPx()).isEqualTo(2 * DistributionPlot.PANEL_WIDTH_PX);
        assertThat(plot.heightPx()).isEqualTo(DistributionPlot.PANEL_HEIGHT_PX);
        int yJustAboveAxis = DistributionPlot.PANEL_HEIGHT_PX - DistributionPlot.BOTTOM_PX - 2;
        int yHalfway = DistributionPlot.PANEL_HEIGHT_PX - DistributionPlot.BOTTOM_PX
                - (DistributionPlot.PANEL_HEIGHT_PX - DistributionPlot.BOTTOM_PX - DistributionPlot.TOP_PX) / 2 - 4;
        java.awt.Color c = DistributionPlot.COLOURS[0];
        int[] blue = {c.getRed(), c.getGreen(), c.getBlue()};
        int[] white = {255, 255, 255};
        assertThat(is(plot, mid(0, 18), yHalfway, blue)).as("bin 18 holds 3 of 3: full height").isTrue();
        assertThat(is(plot, mid(0, 2), yJustAboveAxis, blue)).as("bin 2 holds 1").isTrue();
        assertThat(is(plot, mid(0, 2), yHalfway, white)).as("bin 2 is a third as high").isTrue();
        assertThat(is(plot, mid(0, 10), yJustAboveAxis, white)).as("bin 10 is empty").isTrue();
        java.awt.Color c2 = DistributionPlot.COLOURS[1];
        assertThat(is(plot, mid(DistributionPlot.PANEL_WIDTH_PX, 6), yHalfway, new int[] {c2.getRed(),
            c2.getGreen(), c2.getBlue()})).as("second panel, bin 6").isTrue();
        assertThatThrownBy(() -> DistributionPlot.render(List.of())).hasMessageContaining("at least one series");
    }

    private static int mid(int x0, int bin) {
        return (DistributionPlot.binEdgePx(x0, bin) + DistributionPlot.binEdgePx(x0, bin + 1)) / 2 + 1;
    }
}
