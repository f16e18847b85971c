package org.boxrefine.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OverlayTest {

    @Test
    void outlineColoursABandInsideTheRectangleClippedToTheImage() {
        int[] yellow = {255, 220, 0};
        int[][] rects = {{3, 2, 12, 9}, {-4, 5, 6, 20}, {0, 0, 15, 11}};
        for (int[] r : rects) {
            for (int thick = 1; thick <= 3; thick++) {
                RgbImage img = RgbImage.blank(16, 12);
                Overlay.outline(img, r[0], r[1], r[2], r[3], thick, yellow);
                for (int y = 0; y < img.heightPx(); y++) {
                    for (int x = 0; x < img.widthPx(); x++) {
                        boolean inside = x >= r[0] && x <= r[2] && y >= r[1] && y <= r[3];
                        boolean band = x < r[0] + thick || x > r[2] - thick || y < r[1] + thick || y > r[3] - thick;
                        boolean coloured = img.get(x, y, 0) == 255 && img.get(x, y, 1) == 220;
                        assertThat(coloured).as("rect %d,%d..%d,%d thick %d pixel (%d,%d)", r[0], r[1], r[2], r[3],
                                thick, x, y).isEqualTo(inside && band);
                        assertThat(img.get(x, y, 2)).isZero();
                    }
                }
            }
        }
    }
}
