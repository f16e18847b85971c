package org.boxrefine.snap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.RgbImage;
import org.junit.jupiter.api.Test;

class JointGrabCutTest {
    private static final int W = 96;
    private static final int H = 80;
    private static final double OPENCV = JointGrabCut.OPENCV_SMOOTHNESS;

    /** A test image with its truth, GrabCut's start (probably foreground in a 64x64 tag) and a prior. */
    private record Scene(RgbImage image, BinaryMask truth, byte[] labels, float[] prior) {
    }

    /** Whether (x, y) lies in the disc of radius 24 at (48, 40). */
    private static boolean inDisc(int x, int y) {
        return (x - 48) * (x - 48) + (y - 40) * (y - 40) < 24 * 24;
    }

    /** The start labels and a prior of 0.9 inside the disc, 0.1 outside, around {@code image}. */
    private static Scene around(RgbImage image) {
        BinaryMask truth = new BinaryMask(W, H);
        byte[] labels = new byte[W * H];
        float[] prior = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                truth.set(x, y, inDisc(x, y));
                labels[i] = x >= 16 && x < 80 && y >= 8 && y < 72 ? GrabCut.PROBABLY_FOREGROUND : GrabCut.BACKGROUND;
                prior[i] = inDisc(x, y) ? 0.9f : 0.1f;
            }
        }
        return new Scene(image, truth, labels, prior);
    }

    /**
     * The disc's left half red, its right half coloured almost like the green-grey background (the two colour
     * ranges overlap), which also holds a red stripe; independent noise per channel.
     */
    private static Scene twoHalves() {
        SplittableRandom rng = new SplittableRandom(11);
        RgbImage img = RgbImage.blank(W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int r = rng.nextInt(60);
                int g = rng.nextInt(60);
                int b = rng.nextInt(60);
                boolean in = inDisc(x, y);
                if ((in && x < 48) || (!in && y < 6)) {
                    img.set(x, y, 180 + r, 30 + g, 40 + b);
                } else if (in) {
                    img.set(x, y, 85 + r, 145 + g, 95 + b);
                } else {
                    img.set(x, y, 60 + r, 120 + g, 70 + b);
                }
            }
        }
        return around(img);
    }

    /** The disc's colours {@code offset} above the background's in each channel, both with 60 levels of noise. */
    private static Scene shifted(int offset) {
        SplittableRandom rng = new SplittableRandom(5);
        RgbImage img = RgbImage.blank(W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int o = inDisc(x, y) ? offset : 0;
                img.set(x, y, 60 + o + rng.nextInt(60), 120 + o + rng.nextInt(60), 70 + o + rng.nextInt(60));
            }
        }
        return around(img);
    }

    /**
     * A red body over a dark leg, on a green-grey background whose lower rows are as dark as the leg (ground); the
     * tag is the object's bounding box (x 36..60, y 12..68), started as probably foreground, the rest background.
     */
    private static Scene darkLegOnDarkGround() {
        SplittableRandom rng = new SplittableRandom(17);
        RgbImage img = RgbImage.blank(W, H);
        byte[] labels = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean body = x >= 36 && x < 60 && y >= 12 && y < 52;
                boolean leg = x >= 42 && x < 54 && y >= 52 && y < 68;
                if (body) {
                    img.set(x, y, 180 + rng.nextInt(30), 30 + rng.nextInt(30), 40 + rng.nextInt(30));
                } else if (leg || y >= 60) {
                    img.set(x, y, 30 + rng.nextInt(30), 30 + rng.nextInt(30), 35 + rng.nextInt(30));
                } else {
                    img.set(x, y, 90 + rng.nextInt(30), 130 + rng.nextInt(30), 100 + rng.nextInt(30));
                }
                labels[y * W + x] = x >= 36 && x < 60 && y >= 12 && y < 68 ? GrabCut.PROBABLY_FOREGROUND
                        : GrabCut.BACKGROUND;
            }
        }
        return new Scene(img, null, labels, null);
    }

    @Test
    void reachPinsAPathToTheSideTheMaskStopsShortOf() {
        Scene s = darkLegOnDarkGround();
        BinaryMask plain = JointGrabCut.segment(s.image(), s.labels(), null, 0, 0, 3, 25, 12).mask();
        assertThat(plain.bounds().y1Px()).as("colours alone leave the dark leg out").isLessThanOrEqualTo(54);
        Reach reach = new Reach(36, 12, 60, 68, 0.02);
        BinaryMask reached = JointGrabCut.segment(s.image(), s.labels(), null, 0, 0, 3, 25, 12, reach).mask();
        assertThat(reached.bounds().y1Px()).as("the mask reaches the tag's bottom").isEqualTo(68);
        assertThat(reached.bounds().y0Px()).isEqualTo(plain.bounds().y0Px());
        for (int y = 0; y < 52; y++) {
            for (int x = 0; x < W; x++) {
                assertThat(reached.get(x, y)).as("(%d, %d) above the leg", x, y).isEqualTo(plain.get(x, y));
            }
        }
    }

    @Test
    void reachChangesNothingWhereTheMaskTouchesEverySide() {
        Scene s = twoHalves();
        BinaryMask plain = JointGrabCut.segment(s.image(), s.labels(), s.prior(), 1, 3, 3, 25, 12).mask();
        PixelRect b = plain.bounds();
        assertThat(b.widthPx()).as("the disc is found").isGreaterThan(40);
        Reach reach = new Reach(b.x0Px(), b.y0Px(), b.x1Px(), b.y1Px(), 0.02);
        BinaryMask reached = JointGrabCut.segment(s.image(), s.labels(), s.prior(), 1, 3, 3, 25, 12, reach).mask();
        assertThat(reached.data()).isEqualTo(plain.data());
    }

    @Test
    void withoutAPriorItAgreesWithOpenCvsGrabCut() {
        Scene s = twoHalves();
        BinaryMask ours = JointGrabCut.segment(s.image(), s.labels(), null, 0, 0, 5, OPENCV, 5).mask();
        BinaryMask opencv = GrabCut.fromLabels(s.image(), s.labels(), 5);
        assertThat(ours.iou(opencv)).isGreaterThan(0.97);
        assertThat(JointGrabCut.segment(s.image(), s.labels(), s.prior(), 1.0, 0, 5, OPENCV, 5).mask())
                .as("a prior used in no iteration").isEqualTo(ours);
    }

    @Test
    void aPriorRecoversThePartColoursCannotTell() {
        Scene s = twoHalves();
        BinaryMask colours = JointGrabCut.segment(s.image(), s.labels(), null, 0, 0, 5, OPENCV, 5).mask();
        BinaryMask joint = JointGrabCut.segment(s.image(), s.labels(), s.prior(), 1.0, 5, 5, OPENCV, 5).mask();
        assertThat(colours.iou(s.truth())).as("colours alone keep the red half only").isLessThan(0.6);
        assertThat(joint.iou(s.truth())).isGreaterThan(0.9);
    }

    @Test
    void definiteLabelsStayAndBadInputIsNamed() {
        Scene s = twoHalves();
        byte[] labels = s.labels();
        labels[40 * W + 30] = GrabCut.BACKGROUND;
        labels[40 * W + 70] = GrabCut.FOREGROUND;
        BinaryMask m = JointGrabCut.segment(s.image(), labels, s.prior(), 1.0, 2, 5, OPENCV, 5).mask();
        assertThat(m.get(30, 40)).isFalse();
        assertThat(m.get(70, 40)).isTrue();
        assertThatThrownBy(() -> JointGrabCut.segment(s.image(), new byte[3], null, 0, 0, 5, OPENCV, 5))
                .hasMessageContaining("must hold " + W * H + " values, found 3");
        assertThatThrownBy(() -> JointGrabCut.segment(s.image(), labels, s.prior(), -1, 2, 5, OPENCV, 5))
                .hasMessageContaining("at least 0, found -1.0");
    }

    @Test
    void clarityFallsAsColoursOverlapAndReadsOpenCvsModelsAsOurs() {
        Scene s = shifted(30);
        Segmentation ours = JointGrabCut.segment(s.image(), s.labels(), null, 0, 0, 5, OPENCV, 5);
        Segmentation opencv = GrabCut.segment(s.image(), s.labels(), 5);
        assertThat(opencv.mask().iou(s.truth())).isGreaterThan(0.95);
        assertThat(opencv.colourClarity()).isLessThan(0.9);
        assertThat(opencv.colourClarity()).as("OpenCV's models, read back, judge as ours do")
                .isCloseTo(ours.colourClarity(), within(0.02));
        Scene clear = shifted(60);
        assertThat(GrabCut.segment(clear.image(), clear.labels(), 5).colourClarity())
                .isGreaterThan(opencv.colourClarity() + 0.1);
        byte[] allFg = new byte[W * H];
        Arrays.fill(allFg, GrabCut.PROBABLY_FOREGROUND);
        assertThat(GrabCut.segment(s.image(), allFg, 5).colourClarity()).as("GrabCut cannot run").isNaN();
    }

    @Test
    void smoothnessDecidesWhetherIsolatedPixelsFollowTheirDataTerm() {
        Scene s = shifted(0);
        SplittableRandom rng = new SplittableRandom(3);
        float[] speckles = new float[W * H];
        BinaryMask speckled = new BinaryMask(W, H);
        for (int i = 0; i < W * H; i++) {
            boolean on = s.labels()[i] != GrabCut.BACKGROUND && rng.nextInt(10) == 0;
            speckles[i] = on ? 0.9f : 0.1f;
            speckled.set(i % W, i / W, on);
        }
        BinaryMask alone = JointGrabCut.segment(s.image(), s.labels(), speckles, 4, 5, 5, 0, 5).mask();
        BinaryMask smooth = JointGrabCut.segment(s.image(), s.labels(), speckles, 4, 5, 5, OPENCV, 5).mask();
        assertThat(alone.iou(speckled)).as("no smoothness: every pixel takes its own side").isGreaterThan(0.95);
        assertThat(smooth.count()).as("OpenCV's smoothness drops isolated pixels").isLessThan(speckled.count() / 10);
        assertThatThrownBy(() -> JointGrabCut.segment(s.image(), s.labels(), speckles, 4, 5, 5, -1, 5))
                .hasMessageContaining("smoothness must be at least 0, found 4.0, 5, 5 and -1.0");
    }

    /** A grey disc on eight stripes of colours around it, the tag (and so the foreground start) holding some. */
    private static Scene onStripes() {
        int[][] colours = {{200, 60, 60}, {60, 200, 60}, {60, 60, 200}, {200, 200, 60}, {200, 60, 200},
            {60, 200, 200}, {90, 90, 90}, {170, 170, 170}};
        SplittableRandom rng = new SplittableRandom(7);
        RgbImage img = RgbImage.blank(W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int[] c = inDisc(x, y) ? new int[] {130, 130, 130} : colours[(x / 6 + y / 10) % colours.length];
                img.set(x, y, c[0] + rng.nextInt(20), c[1] + rng.nextInt(20), c[2] + rng.nextInt(20));
            }
        }
        return around(img);
    }

    @Test
    void moreBackgroundComponentsModelAManyColouredBackground() {
        Scene s = onStripes();
        double[] iou = new double[13];
        for (int k : new int[] {1, 5, 8, 12}) {
            iou[k] = JointGrabCut.segment(s.image(), s.labels(), null, 0, 0, 5, OPENCV, k).mask().iou(s.truth());
        }
        assertThat(iou[5]).as("OpenCV's five against one").isGreaterThan(iou[1] + 0.05);
        assertThat(iou[8]).isGreaterThan(iou[5] + 0.01);
        assertThat(iou[12]).isGreaterThan(iou[8] + 0.01);
        assertThatThrownBy(() -> JointGrabCut.segment(s.image(), s.labels(), null, 0, 0, 5, OPENCV, 0))
                .hasMessageContaining("needs at least 1 component, found 0");
    }
}
