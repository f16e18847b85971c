package org.boxrefine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ComponentsAndResizeTest {

    /** Naive largest 8-connected component by breadth-first flood fill. */
    /** 8-connected labels by flood fill, 1.. in row order of each region's first pixel; 0 for unset pixels. */
    private static int[] naiveLabels(BinaryMask m) {
        int w = m.widthPx();
        int h = m.heightPx();
        int[] label = new int[w * h];
        int next = 0;
        for (int start = 0; start < w * h; start++) {
            if (m.data()[start] == 0 || label[start] != 0) {
                continue;
            }
            next++;
            ArrayDeque<Integer> q = new ArrayDeque<>();
            q.add(start);
            label[start] = next;
            while (!q.isEmpty()) {
                int p = q.poll();
                int px = p % w;
                int py = p / w;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int x = px + dx;
                        int y = py + dy;
                        if (x >= 0 && y >= 0 && x < w && y < h && m.data()[y * w + x] != 0 && label[y * w + x] == 0) {
                            label[y * w + x] = next;
                            q.add(y * w + x);
                        }
                    }
                }
            }
        }
        return label;
    }

    private static int[] sizes(int[] label) {
        int n = 0;
        for (int l : label) {
            n = Math.max(n, l);
        }
        int[] size = new int[n + 1];
        for (int l : label) {
            size[l]++;
        }
        size[0] = 0;
        return size;
    }

    private static BinaryMask naiveLargest(BinaryMask m) {
        int[] label = naiveLabels(m);
        int[] size = sizes(label);
        int best = 0;
        for (int l = 1; l < size.length; l++) {
            if (size[l] > size[best]) {
                best = l;
            }
        }
        byte[] out = new byte[label.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (best > 0 && label[i] == best ? 1 : 0);
        }
        return new BinaryMask(m.widthPx(), m.heightPx(), out);
    }

    private static BinaryMask naivePartsAtLeast(BinaryMask m, double fraction) {
        int[] label = naiveLabels(m);
        int[] size = sizes(label);
        int max = 0;
        for (int v : size) {
            max = Math.max(max, v);
        }
        byte[] out = new byte[label.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (label[i] > 0 && size[label[i]] >= fraction * max ? 1 : 0);
        }
        return new BinaryMask(m.widthPx(), m.heightPx(), out);
    }

    @Test
    void boundsAreTheTightHalfOpenRectangleOfTheSetPixels() {
        BinaryMask m = new BinaryMask(6, 5);
        assertThat(m.bounds()).isEqualTo(new org.boxrefine.geom.PixelRect(0, 0, 0, 0));
        m.set(2, 1, true);
        m.set(4, 3, true);
        assertThat(m.bounds()).isEqualTo(new org.boxrefine.geom.PixelRect(2, 1, 5, 4));
        m.set(0, 4, true);
        assertThat(m.bounds()).isEqualTo(new org.boxrefine.geom.PixelRect(0, 1, 5, 5));
    }

    @Test
    void largestComponentMatchesANaiveFloodFill() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 40; trial++) {
            int w = 1 + rng.nextInt(40);
            int h = 1 + rng.nextInt(40);
            double density = 0.2 + 0.4 * rng.nextDouble();
            byte[] bits = new byte[w * h];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = (byte) (rng.nextDouble() < density ? 1 : 0);
            }
            BinaryMask m = new BinaryMask(w, h, bits);
            BinaryMask fast = Components.largest(m, null);
            BinaryMask naive = naiveLargest(m);
            assertThat(fast.count()).as("trial %d %dx%d", trial, w, h).isEqualTo(naive.count());
            if (fast.count() > 0) {
                assertThat(fast.iou(m)).isGreaterThan(0);
            }
        }
    }

    @Test
    void partsAtLeastAFractionOfTheLargestMatchANaiveFloodFill() {
        SplittableRandom rng = new SplittableRandom(8);
        double[] fractions = {0.05, 0.2, 0.5, 1.0};
        for (int trial = 0; trial < 40; trial++) {
            int w = 1 + rng.nextInt(40);
            int h = 1 + rng.nextInt(40);
            byte[] bits = new byte[w * h];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = (byte) (rng.nextDouble() < 0.3 ? 1 : 0);
            }
            BinaryMask m = new BinaryMask(w, h, bits);
            for (double f : fractions) {
                assertThat(Components.partsAtLeast(m, f).data()).as("trial %d, fraction %.2f", trial, f)
                        .containsExactly(naivePartsAtLeast(m, f).data());
            }
            assertThat(Components.partsAtLeast(m, 0).data()).containsExactly(m.data());
        }
    }

    @Test
    void resampleMapAlignsPixelCentres() {
        int w = 10;
        int h = 6;
        float[] ramp = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                ramp[y * w + x] = x + 100 * y;
            }
        }
        float[] same = Resize.resampleMap(ramp, w, h, 0, 0, 1, 1, 0, 0, w, h);
        assertThat(same).containsExactly(ramp, within(1e-4f));
        float[] up = Resize.resampleMap(ramp, w, h, 0, 0, 0.5, 0.5, 4, 2, 8, 6);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 8; x++) {
                double sx = (4 + x + 0.5) * 0.5 - 0.5;
                double sy = (2 + y + 0.5) * 0.5 - 0.5;
                assertThat(up[y * 8 + x]).as("(%d,%d)", x, y).isCloseTo((float) (sx + 100 * sy), within(1e-3f));
            }
        }
        float[] shifted = Resize.resampleMap(ramp, w, h, 3, 1, 1, 1, 5, 2, 3, 3);
        assertThat(shifted[0]).as("output (5,2) reads source (2,1)").isCloseTo(2 + 100, within(1e-4f));
    }

    @Test
    void shrinkingAveragesAndKeepsAConstantImageConstant() {
        RgbImage img = RgbImage.blank(40, 30);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                img.set(x, y, 200, 100, (x % 2) * 255);
            }
        }
        RgbImage small = Resize.rgb(img, 20, 15);
        assertThat(small.widthPx()).isEqualTo(20);
        assertThat(small.get(7, 7, 0)).isEqualTo(200);
        assertThat(small.get(7, 7, 1)).isEqualTo(100);
        assertThat(small.get(7, 7, 2)).as("alternating 0/255 columns average out").isBetween(126, 129);
    }

    @Test
    void enlargingAlignsPixelCentresAsANaiveBilinearDoes() {
        int w = 7;
        int h = 5;
        RgbImage img = RgbImage.blank(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.set(x, y, 30 * x, 40 * y, x == 3 && y == 2 ? 255 : 0);
            }
        }
        int ow = 28;
        int oh = 15;
        RgbImage up = Resize.rgb(img, ow, oh);
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double sx = Math.min(w - 1, Math.max(0, (x + 0.5) * w / ow - 0.5));
                double sy = Math.min(h - 1, Math.max(0, (y + 0.5) * h / oh - 0.5));
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                int x1 = Math.min(w - 1, x0 + 1);
                int y1 = Math.min(h - 1, y0 + 1);
                double fx = sx - x0;
                double fy = sy - y0;
                for (int c = 0; c < 3; c++) {
                    double v = (1 - fy) * ((1 - fx) * img.get(x0, y0, c) + fx * img.get(x1, y0, c))
                            + fy * ((1 - fx) * img.get(x0, y1, c) + fx * img.get(x1, y1, c));
                    assertThat((double) up.get(x, y, c)).as("(%d,%d) channel %d", x, y, c).isCloseTo(v, within(1.01));
                }
            }
        }
    }
}
