package org.boxrefine.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FillHolesTest {

    /** Naive hole filling: flood the unset pixels 4-connected from the border; the rest is set. */
    private static BinaryMask naiveFill(BinaryMask m) {
        int w = m.widthPx();
        int h = m.heightPx();
        boolean[] outside = new boolean[w * h];
        ArrayDeque<Integer> q = new ArrayDeque<>();
        for (int i = 0; i < w * h; i++) {
            int x = i % w;
            int y = i / w;
            if ((x == 0 || y == 0 || x == w - 1 || y == h - 1) && m.data()[i] == 0) {
                outside[i] = true;
                q.add(i);
            }
        }
        int[][] steps = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        while (!q.isEmpty()) {
            int p = q.poll();
            for (int[] s : steps) {
                int x = p % w + s[0];
                int y = p / w + s[1];
                if (x >= 0 && y >= 0 && x < w && y < h && m.data()[y * w + x] == 0 && !outside[y * w + x]) {
                    outside[y * w + x] = true;
                    q.add(y * w + x);
                }
            }
        }
        byte[] out = new byte[w * h];
        for (int i = 0; i < w * h; i++) {
            out[i] = (byte) (outside[i] ? 0 : 1);
        }
        return new BinaryMask(w, h, out);
    }

    @Test
    void matchesNaiveFloodFillOnRandomMasks() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int w = 1 + rng.nextInt(30);
            int h = 1 + rng.nextInt(30);
            byte[] bits = new byte[w * h];
            double density = rng.nextDouble();
            for (int i = 0; i < bits.length; i++) {
                bits[i] = (byte) (rng.nextDouble() < density ? 1 : 0);
            }
            BinaryMask m = new BinaryMask(w, h, bits);
            assertThat(Components.fillHoles(m)).as("trial %d, %dx%d", trial, w, h).isEqualTo(naiveFill(m));
        }
    }

    @Test
    void fillsAnEnclosedHoleButNotANotch() {
        BinaryMask ring = new BinaryMask(7, 7);
        for (int y = 1; y < 6; y++) {
            for (int x = 1; x < 6; x++) {
                ring.set(x, y, x == 1 || x == 5 || y == 1 || y == 5);
            }
        }
        BinaryMask filled = Components.fillHoles(ring);
        assertThat(filled.get(3, 3)).isTrue();
        assertThat(filled.count()).isEqualTo(25);
        ring.set(3, 1, false);
        assertThat(Components.fillHoles(ring).get(3, 3)).as("the hole now opens to the outside").isFalse();
    }
}
