package org.boxrefine.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.BinaryMask;
import org.junit.jupiter.api.Test;

class SceneGeneratorTest {
    private static final SceneConfig DEFAULTS = SceneConfig.defaults();

    private static List<Scene> scenes(SceneConfig config, int count, long seed) {
        return SceneSet.generate(config, count, seed).scenes();
    }

    @Test
    void sameGeneratorStateGivesTheSameScene() {
        SceneGenerator generator = new SceneGenerator(DEFAULTS);
        Scene a = generator.generate(new SplittableRandom(42));
        Scene b = generator.generate(new SplittableRandom(42));
        assertThat(b.image().data()).isEqualTo(a.image().data());
        assertThat(b.objects()).hasSameSizeAs(a.objects());
        for (int k = 0; k < a.objects().size(); k++) {
            assertThat(b.objects().get(k).mask()).isEqualTo(a.objects().get(k).mask());
            assertThat(b.objects().get(k).tightBox()).isEqualTo(a.objects().get(k).tightBox());
            assertThat(b.objects().get(k).looseBox()).isEqualTo(a.objects().get(k).looseBox());
        }
    }

    @Test
    void differentSeedsGiveDifferentScenes() {
        SceneGenerator generator = new SceneGenerator(DEFAULTS);
        Scene a = generator.generate(new SplittableRandom(1));
        Scene b = generator.generate(new SplittableRandom(2));
        boolean sameImage = a.widthPx() == b.widthPx() && a.heightPx() == b.heightPx()
                && Arrays.equals(a.image().data(), b.image().data());
        assertThat(sameImage).isFalse();
        assertThat(b.objects().get(0).mask()).isNotEqualTo(a.objects().get(0).mask());
    }

    @Test
    void imageSizeAndObjectCountStayInTheConfiguredRanges() {
        for (Scene s : scenes(DEFAULTS, 50, 7)) {
            assertThat(s.widthPx()).isBetween(DEFAULTS.minWidthPx(), DEFAULTS.maxWidthPx());
            assertThat(s.heightPx()).isBetween(DEFAULTS.minHeightPx(), DEFAULTS.maxHeightPx());
            assertThat(s.objects().size()).isBetween(DEFAULTS.minObjects(), DEFAULTS.maxObjects());
        }
    }

    @Test
    void tightBoxIsExactlyTheBoundingBoxOfANonEmptyMask() {
        for (Scene s : scenes(DEFAULTS, 40, 11)) {
            for (SceneObject o : s.objects()) {
                BinaryMask m = o.mask();
                assertThat(m.count()).isPositive();
                int minX = Integer.MAX_VALUE;
                int minY = Integer.MAX_VALUE;
                int maxX = -1;
                int maxY = -1;
                for (int y = 0; y < m.heightPx(); y++) {
                    for (int x = 0; x < m.widthPx(); x++) {
                        if (m.get(x, y)) {
                            assertThat(o.tightBox().containsPixel(x, y)).isTrue();
                            minX = Math.min(minX, x);
                            minY = Math.min(minY, y);
                            maxX = Math.max(maxX, x);
                            maxY = Math.max(maxY, y);
                        }
                    }
                }
                assertThat(o.tightBox()).isEqualTo(new BoxPx(minX, minY, maxX + 1, maxY + 1));
                assertThat(o.areaPx()).isEqualTo(m.count());
            }
        }
    }

    @Test
    void masksKeepAwayFromTheImageBorder() {
        for (Scene s : scenes(DEFAULTS, 40, 12)) {
            for (SceneObject o : s.objects()) {
                BoxPx t = o.tightBox();
                assertThat(t.x0Px()).isGreaterThanOrEqualTo(1);
                assertThat(t.y0Px()).isGreaterThanOrEqualTo(1);
                assertThat(t.x1Px()).isLessThanOrEqualTo(s.widthPx() - 1);
                assertThat(t.y1Px()).isLessThanOrEqualTo(s.heightPx() - 1);
            }
        }
    }

    @Test
    void looseBoxContainsTheTightBoxStaysInTheImageAndIsPaddedAsConfigured() {
        int clipped = 0;
        int sides = 0;
        for (Scene s : scenes(DEFAULTS, 50, 13)) {
            for (SceneObject o : s.objects()) {
                BoxPx t = o.tightBox();
                BoxPx l = o.looseBox();
                assertThat(l.x0Px()).isLessThanOrEqualTo(t.x0Px()).isGreaterThanOrEqualTo(0);
                assertThat(l.y0Px()).isLessThanOrEqualTo(t.y0Px()).isGreaterThanOrEqualTo(0);
                assertThat(l.x1Px()).isGreaterThanOrEqualTo(t.x1Px()).isLessThanOrEqualTo(s.widthPx());
                assertThat(l.y1Px()).isGreaterThanOrEqualTo(t.y1Px()).isLessThanOrEqualTo(s.heightPx());
                double[] pads = {
                    (t.x0Px() - l.x0Px()) / t.widthPx(), (t.y0Px() - l.y0Px()) / t.heightPx(),
                    (l.x1Px() - t.x1Px()) / t.widthPx(), (l.y1Px() - t.y1Px()) / t.heightPx()};
                double[] sizes = {t.widthPx(), t.heightPx(), t.widthPx(), t.heightPx()};
                boolean[] atBorder = {l.x0Px() == 0, l.y0Px() == 0, l.x1Px() == s.widthPx(),
                    l.y1Px() == s.heightPx()};
                for (int side = 0; side < 4; side++) {
                    sides++;
                    if (atBorder[side]) {
                        clipped++;
                        continue;
                    }
                    double slack = 0.5 / sizes[side];
                    assertThat(pads[side]).isBetween(DEFAULTS.minPadFrac() - slack, DEFAULTS.maxPadFrac() + slack);
                }
            }
        }
        assertThat(clipped).as("clipped sides").isLessThan(sides / 2);
    }

    @Test
    void everyPixelBelongsToAtMostOneObjectAndOcclusionDoesHappen() {
        SceneConfig crowded = new SceneConfig(96, 128, 96, 128, 5, 6, 0.4, 0.7, 0.05, 0.1, 0.4, 4.0);
        int touchingPairs = 0;
        for (Scene s : scenes(crowded, 20, 14)) {
            int n = s.widthPx() * s.heightPx();
            int[] owners = new int[n];
            int[] label = new int[n];
            for (int k = 0; k < s.objects().size(); k++) {
                byte[] bits = s.objects().get(k).mask().data();
                for (int i = 0; i < n; i++) {
                    owners[i] += bits[i];
                    if (bits[i] != 0) {
                        label[i] = k + 1;
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                assertThat(owners[i]).as("objects owning pixel %d", i).isLessThanOrEqualTo(1);
            }
            for (int i = 0; i + 1 < n; i++) {
                if ((i + 1) % s.widthPx() != 0 && label[i] != 0 && label[i + 1] != 0 && label[i] != label[i + 1]) {
                    touchingPairs++;
                }
            }
        }
        assertThat(touchingPairs).as("pixels where two objects meet").isPositive();
    }

    @Test
    void meanBoxVersusMaskIouLooksLikeRealPhotos() {
        double sum = 0;
        int n = 0;
        for (Scene s : scenes(DEFAULTS, 50, 15)) {
            for (SceneObject o : s.objects()) {
                sum += boxMaskIou(o.tightBox(), o.mask());
                n++;
            }
        }
        assertThat(sum / n).isBetween(0.35, 0.8);
    }

    @Test
    void looseBoxIouIsLowerThanTightBoxIou() {
        for (Scene s : scenes(DEFAULTS, 20, 16)) {
            for (SceneObject o : s.objects()) {
                assertThat(boxMaskIou(o.looseBox(), o.mask())).isLessThan(boxMaskIou(o.tightBox(), o.mask()));
            }
        }
    }

    @Test
    void shapesTexturesAndBackgroundsAreAllUsed() {
        EnumSet<ShapeKind> shapes = EnumSet.noneOf(ShapeKind.class);
        EnumSet<TextureKind> textures = EnumSet.noneOf(TextureKind.class);
        EnumSet<BackgroundKind> backgrounds = EnumSet.noneOf(BackgroundKind.class);
        for (Scene s : scenes(DEFAULTS, 60, 17)) {
            backgrounds.add(s.background());
            for (SceneObject o : s.objects()) {
                shapes.add(o.shape());
                textures.add(o.texture());
            }
        }
        assertThat(shapes).containsExactlyInAnyOrder(ShapeKind.values());
        assertThat(textures).containsExactlyInAnyOrder(TextureKind.values());
        assertThat(backgrounds).containsExactlyInAnyOrder(BackgroundKind.values());
    }

    @Test
    void concaveShapesFillLessOfTheirBoxThanEllipses() {
        double[] sum = new double[ShapeKind.values().length];
        int[] count = new int[ShapeKind.values().length];
        for (Scene s : scenes(DEFAULTS, 150, 18)) {
            for (SceneObject o : s.objects()) {
                sum[o.shape().ordinal()] += boxMaskIou(o.tightBox(), o.mask());
                count[o.shape().ordinal()]++;
            }
        }
        double ellipse = sum[ShapeKind.ELLIPSE.ordinal()] / count[ShapeKind.ELLIPSE.ordinal()];
        for (ShapeKind concave : List.of(ShapeKind.STAR, ShapeKind.L_SHAPE, ShapeKind.CRESCENT, ShapeKind.PERSON)) {
            assertThat(sum[concave.ordinal()] / count[concave.ordinal()]).as(concave.name())
                    .isLessThan(ellipse - 0.1);
        }
    }

    @Test
    void noiseChangesOnlyPixelsByAboutSigma() {
        SceneConfig clean = new SceneConfig(96, 160, 96, 160, 1, 3, 0.3, 0.65, 0.05, 0.1, 0.25, 0.0);
        Scene quiet = new SceneGenerator(clean).generate(new SplittableRandom(5));
        Scene noisy = new SceneGenerator(DEFAULTS).generate(new SplittableRandom(5));
        assertThat(noisy.tightBoxes()).isEqualTo(quiet.tightBoxes());
        assertThat(noisy.looseBoxes()).isEqualTo(quiet.looseBoxes());
        byte[] a = quiet.image().data();
        byte[] b = noisy.image().data();
        double sq = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            int qa = a[i] & 0xff;
            if (qa > 20 && qa < 235) {
                double d = (b[i] & 0xff) - qa;
                sq += d * d;
                n++;
            }
        }
        assertThat(Math.sqrt(sq / n)).isBetween(0.8 * DEFAULTS.noiseSigma(), 1.2 * DEFAULTS.noiseSigma());
    }

    @Test
    void backgroundsAndPatternedObjectsAreTexturedBeyondTheNoise() {
        double background = 0;
        double patterned = 0;
        int scenes = 0;
        int objects = 0;
        for (Scene s : scenes(DEFAULTS, 30, 19)) {
            BinaryMask all = new BinaryMask(s.widthPx(), s.heightPx());
            for (SceneObject o : s.objects()) {
                byte[] bits = o.mask().data();
                for (int i = 0; i < bits.length; i++) {
                    all.data()[i] |= bits[i];
                }
                if (o.texture() == TextureKind.STRIPES || o.texture() == TextureKind.CHECKER) {
                    patterned += greenStd(s, o.mask(), true);
                    objects++;
                }
            }
            background += greenStd(s, all, false);
            scenes++;
        }
        assertThat(objects).isPositive();
        assertThat(background / scenes).as("mean background spread").isGreaterThan(2 * DEFAULTS.noiseSigma());
        assertThat(patterned / objects).as("mean stripe/checker spread").isGreaterThan(4 * DEFAULTS.noiseSigma());
    }

    /** Standard deviation of the green channel over the pixels where {@code mask} is {@code inside}. */
    private static double greenStd(Scene s, BinaryMask mask, boolean inside) {
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int y = 0; y < s.heightPx(); y++) {
            for (int x = 0; x < s.widthPx(); x++) {
                if (mask.get(x, y) == inside) {
                    int g = s.image().get(x, y, 1);
                    sum += g;
                    sq += (double) g * g;
                    n++;
                }
            }
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sq / n - mean * mean));
    }

    /** IoU of the pixels inside {@code box} with the mask. */
    static double boxMaskIou(BoxPx box, BinaryMask mask) {
        long inter = 0;
        long boxCount = 0;
        for (int y = 0; y < mask.heightPx(); y++) {
            for (int x = 0; x < mask.widthPx(); x++) {
                if (box.containsPixel(x, y)) {
                    boxCount++;
                    if (mask.get(x, y)) {
                        inter++;
                    }
                }
            }
        }
        return (double) inter / (boxCount + mask.count() - inter);
    }
}
