package org.boxrefine.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.CroppedMask;
import org.junit.jupiter.api.Test;

class OverlapsTest {

    /** A claim whose mask is its whole box and whose probability is {@code p} everywhere. */
    private static Overlaps.Claim flat(BoxPx box, float p) {
        PixelRect r = box.pixelRect(100, 100);
        BinaryMask m = new BinaryMask(r.widthPx(), r.heightPx());
        Arrays.fill(m.data(), (byte) 1);
        float[] probs = new float[r.widthPx() * r.heightPx()];
        Arrays.fill(probs, p);
        return new Overlaps.Claim(box, new CroppedMask(r, m), probs);
    }

    @Test
    void higherProbabilityWinsSureClaimantsShareAndTiesGoToTheDeeperTag() {
        BoxPx a = new BoxPx(0, 0, 20, 10);
        BoxPx b = new BoxPx(10, 0, 40, 10);
        List<BinaryMask> lost = Overlaps.lost(List.of(flat(a, 0.7f), flat(b, 0.6f)), 0.8);
        assertThat(lost.get(0).count()).isZero();
        assertThat(lost.get(1).count()).as("b gives the 10x10 overlap to a").isEqualTo(100);
        assertThat(lost.get(1).get(0, 0)).isTrue();
        assertThat(lost.get(1).get(10, 0)).isFalse();

        List<BinaryMask> shared = Overlaps.lost(List.of(flat(a, 0.9f), flat(b, 0.8f)), 0.8);
        assertThat(shared.get(0).count() + shared.get(1).count()).as("both at least 0.8: shared").isZero();
        List<BinaryMask> oneUnsure = Overlaps.lost(List.of(flat(a, 0.79f), flat(b, 0.95f)), 0.8);
        assertThat(oneUnsure.get(0).count()).isEqualTo(100);

        List<BinaryMask> tie = Overlaps.lost(List.of(flat(a, 0.5f), flat(b, 0.5f + 1e-4f)), 0.8);
        for (int x = 10; x < 20; x++) {
            double da = Overlaps.depth(a, x, 5);
            double db = Overlaps.depth(b, x, 5);
            assertThat(tie.get(0).get(x, 5)).as("x=%d, depth a %.3f b %.3f", x, da, db).isEqualTo(db > da);
            assertThat(tie.get(1).get(x - 10, 5)).as("x=%d", x).isEqualTo(da >= db);
        }
    }

    @Test
    void aTagThatWouldLoseEveryPixelGivesUpNone() {
        BoxPx outer = new BoxPx(0, 0, 40, 30);
        BoxPx inner = new BoxPx(10, 10, 20, 20);
        List<BinaryMask> lost = Overlaps.lost(List.of(flat(outer, 0.7f), flat(inner, 0.6f)), 0.8);
        assertThat(lost.get(1).count()).as("inner tag, every pixel won by the outer one").isZero();
        assertThat(lost.get(0).count()).as("outer tag").isZero();

        BoxPx sticksOut = new BoxPx(10, 10, 41, 20);
        List<BinaryMask> partly = Overlaps.lost(List.of(flat(outer, 0.7f), flat(sticksOut, 0.6f)), 0.8);
        assertThat(partly.get(1).count()).as("all but the column outside the outer tag").isEqualTo(30 * 10);
        assertThat(partly.get(1).get(30, 0)).isFalse();
    }

    @Test
    void matchesANaivePerPixelReferenceOnRandomOverlappingMasks() {
        SplittableRandom rng = new SplittableRandom(7);
        float[] levels = {0.2f, 0.5f, 0.5005f, 0.51f, 0.79f, 0.8f, 0.95f};
        int w = 40;
        int h = 30;
        int moved = 0;
        int sharedPixels = 0;
        for (int round = 0; round < 60; round++) {
            List<Overlaps.Claim> claims = new ArrayList<>();
            int n = 2 + rng.nextInt(3);
            for (int k = 0; k < n; k++) {
                double x0 = rng.nextInt(25) + rng.nextDouble();
                double y0 = rng.nextInt(18) + rng.nextDouble();
                BoxPx box = new BoxPx(x0, y0, Math.min(w, x0 + 5 + rng.nextInt(15)), Math.min(h, y0 + 5 + rng.nextInt(12)));
                PixelRect r = box.pixelRect(w, h);
                BinaryMask m = new BinaryMask(r.widthPx(), r.heightPx());
                float[] p = new float[r.widthPx() * r.heightPx()];
                for (int i = 0; i < p.length; i++) {
                    m.data()[i] = (byte) (rng.nextDouble() < 0.7 ? 1 : 0);
                    p[i] = levels[rng.nextInt(levels.length)];
                }
                claims.add(new Overlaps.Claim(box, new CroppedMask(r, m), p));
            }
            List<BinaryMask> lost = Overlaps.lost(claims, 0.8);
            boolean[][] expected = naiveLost(claims, w, h, 0.8);
            for (int k = 0; k < n; k++) {
                PixelRect r = claims.get(k).mask().rectPx();
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        boolean got = r.contains(x, y) && lost.get(k).get(x - r.x0Px(), y - r.y0Px());
                        assertThat(got).as("round %d tag %d pixel (%d,%d)", round, k, x, y).isEqualTo(expected[k][y * w + x]);
                        moved += got ? 1 : 0;
                    }
                }
            }
            for (int i = 0; i < w * h; i++) {
                int claimed = 0;
                int kept = 0;
                for (int k = 0; k < n; k++) {
                    if (claims.get(k).mask().get(i % w, i / w)) {
                        claimed++;
                        kept += expected[k][i] ? 0 : 1;
                    }
                }
                sharedPixels += claimed > 1 && kept > 1 ? 1 : 0;
            }
        }
        assertThat(moved).as("pixels given up").isGreaterThan(1000);
        assertThat(sharedPixels).as("pixels kept by several sure tags").isGreaterThan(50);
    }

    /** The rule pixel by pixel over the whole image: who gives up each pixel (a tag never gives up every one). */
    static boolean[][] naiveLost(List<Overlaps.Claim> claims, int w, int h, double shared) {
        int n = claims.size();
        boolean[][] lost = new boolean[n][w * h];
        for (int i = 0; i < w * h; i++) {
            int x = i % w;
            int y = i / w;
            List<Integer> who = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                if (claims.get(k).mask().get(x, y)) {
                    who.add(k);
                }
            }
            if (who.size() < 2 || who.stream().allMatch(k -> claims.get(k).prob(x, y) >= shared)) {
                continue;
            }
            double max = who.stream().mapToDouble(k -> claims.get(k).prob(x, y)).max().orElseThrow();
            int best = -1;
            double bestDepth = -1;
            for (int k : who) {
                BoxPx b = claims.get(k).box();
                double cx = x + 0.5;
                double cy = y + 0.5;
                double d = Math.min(Math.min(cx - b.x0Px(), b.x1Px() - cx) / b.widthPx(),
                        Math.min(cy - b.y0Px(), b.y1Px() - cy) / b.heightPx());
                if (claims.get(k).prob(x, y) >= max - Overlaps.TIE && d > bestDepth) {
                    best = k;
                    bestDepth = d;
                }
            }
            for (int k : who) {
                lost[k][y * w + x] = k != best;
            }
        }
        for (int k = 0; k < n; k++) {
            int kept = 0;
            for (int i = 0; i < w * h; i++) {
                kept += claims.get(k).mask().get(i % w, i / w) && !lost[k][i] ? 1 : 0;
            }
            if (kept == 0) {
                Arrays.fill(lost[k], false);
            }
        }
        return lost;
    }
}
