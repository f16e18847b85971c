package org.boxrefine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.BinaryMask;
import org.junit.jupiter.api.Test;

class EvalBoxIouTest {

    @Test
    void agreesWithTheIouOfTheBoxMaskOnRandomBoxesAndMasks() {
        Random random = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            int w = 1 + random.nextInt(30);
            int h = 1 + random.nextInt(30);
            BinaryMask truth = new BinaryMask(w, h);
            double density = random.nextDouble();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    truth.set(x, y, random.nextDouble() < density);
                }
            }
            double x0 = random.nextDouble() * (w + 10) - 5;
            double y0 = random.nextDouble() * (h + 10) - 5;
            BoxPx box = BoxPx.fromXywh(x0, y0, random.nextDouble() * w, random.nextDouble() * h);

            assertThat(BoxIou.iou(box, truth)).as("trial %d, box %s", trial, box)
                    .isCloseTo(boxMask(box, w, h).iou(truth), org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void handCheckedCases() {
        BinaryMask truth = new BinaryMask(4, 4);
        truth.set(1, 1, true);
        truth.set(2, 1, true);

        assertThat(BoxIou.iou(BoxPx.fromXywh(1, 1, 2, 1), truth)).isEqualTo(1.0);
        assertThat(BoxIou.iou(BoxPx.fromXywh(1, 1, 2, 2), truth)).isEqualTo(0.5);
        assertThat(BoxIou.iou(BoxPx.fromXywh(0, 0, 1, 1), truth)).isEqualTo(0.0);
        assertThat(BoxIou.iou(BoxPx.fromXywh(1.4, 1.4, 0.05, 0.05), new BinaryMask(4, 4))).isEqualTo(1.0);
    }

    private static BinaryMask boxMask(BoxPx box, int w, int h) {
        BinaryMask m = new BinaryMask(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                m.set(x, y, box.containsPixel(x, y));
            }
        }
        return m;
    }
}
