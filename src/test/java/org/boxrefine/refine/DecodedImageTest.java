package org.boxrefine.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.boxrefine.geom.BoxPx;
import org.junit.jupiter.api.Test;

class DecodedImageTest {

    @Test
    void aDecodedBoxHoldsTheDecodedPixelsWhoseOriginalsItHoldsAndStaysInTheImage() {
        SplittableRandom rng = new SplittableRandom(11);
        int outside = 0;
        for (int round = 0; round < 400; round++) {
            int s = 2 + rng.nextInt(4);
            int widthPx = 20 + rng.nextInt(60);
            int heightPx = 20 + rng.nextInt(60);
            int w = (widthPx + s - 1) / s;
            int h = (heightPx + s - 1) / s;
            double x0 = rng.nextDouble(-30, widthPx + 10);
            double y0 = rng.nextDouble(-30, heightPx + 10);
            BoxPx box = new BoxPx(x0, y0, x0 + rng.nextDouble(0, 50), y0 + rng.nextDouble(0, 50));
            BoxPx d = DecodedImage.toDecoded(box, s, w, h);
            String what = box + " subsampled by " + s + " in " + w + "x" + h + ": " + d;
            assertThat(d.x0Px()).as(what).isBetween(0.0, (double) w);
            assertThat(d.x1Px()).as(what).isBetween(d.x0Px(), (double) w);
            assertThat(d.y0Px()).as(what).isBetween(0.0, (double) h);
            assertThat(d.y1Px()).as(what).isBetween(d.y0Px(), (double) h);
            outside += box.x0Px() < 0 || box.y0Px() < 0 || box.x1Px() > widthPx || box.y1Px() > heightPx ? 1 : 0;
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    assertThat(d.containsPixel(i, j)).as(what + " pixel (%d,%d)", i, j)
                            .isEqualTo(box.containsPixel(s * i, s * j));
                }
            }
        }
        assertThat(outside).as("boxes leaving the image").isGreaterThan(100);
        BoxPx b = new BoxPx(3, 4, 9, 10);
        assertThat(DecodedImage.toDecoded(b, 1, 2, 2)).as("subsampling 1 keeps the box").isEqualTo(b);
    }
}
