package org.boxrefine.snap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.RgbImage;
import org.junit.jupiter.api.Test;

class JointGrabCutTest {
    private static final int W = 96;
    private static final int H = 80;

    /**
     * A disc of radius 24 at (48, 40): its left half red, its right half coloured almost like the green-grey
     * background (the two colour ranges overlap), which also holds a red stripe; independent noise per channel. Labels: probably foreground in a 64x64 tag, background outside.
     */
    private static RgbImage scene(BinaryMask truth, byte[] labels, float[] prior) {
        SplittableRandom rng = new SplittableRandom(11);
        RgbImage img = RgbImage.blank(W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean in = (x - 48) * (x - 48) + (y - 40) * (y - 40) < 24 * 24;
                truth.set(x, y, in);
                int r = rng.nextInt(60);
                int g = rng.nextInt(60);
                int b = rng.nextInt(60);
                if ((in && x < 48) || (!in && y < 6)) {
                    img.set(x, y, 180 + r, 30 + g, 40 + b);
                } else if (in) {
                    img.set(x, y, 85 + r, 145 + g, 95 + b);
                } else {
                    img.set(x, y, 60 + r, 120 + g, 70 + b);
                }
                int i = y * W + x;
                labels[i] = x >= 16 && x < 80 && y >= 8 && y < 72 ? GrabCut.PROBABLY_FOREGROUND : GrabCut.BACKGROUND;
                prior[i] = in ? 0.9f : 0.1f;
            }
        }
        return img;
    }

    @Test
    void withoutAPriorItAgreesWithOpenCvsGrabCut() {
        BinaryMask truth = new BinaryMask(W, H);
        byte[] labels = new byte[W * H];
        float[] prior = new float[W * H];
        RgbImage img = scene(truth, labels, prior);
        BinaryMask ours = JointGrabCut.segment(img, labels, null, 0, 0, 5).mask();
        BinaryMask opencv = GrabCut.fromLabels(img, labels, 5);
        assertThat(ours.iou(opencv)).isGreaterThan(0.97);
        assertThat(JointGrabCut.segment(img, labels, prior, 1.0, 0, 5).mask()).as("a prior used in no iteration")
                .isEqualTo(ours);
    }

    @Test
    void aPriorRecoversThePartColoursCannotTell() {
        BinaryMask truth = new BinaryMask(W, H);
        byte[] labels = new byte[W * H];
        float[] prior = new float[W * H];
        RgbImage img = scene(truth, labels, prior);
        BinaryMask colours = JointGrabCut.segment(img, labels, null, 0, 0, 5).mask();
        BinaryMask joint = JointGrabCut.segment(img, labels, prior, 1.0, 5, 5).mask();
        assertThat(colours.iou(truth)).as("colours alone keep the red half only").isLessThan(0.6);
        assertThat(joint.iou(truth)).isGreaterThan(0.9);
    }

    @Test
    void definiteLabelsStayAndBadInputIsNamed() {
        BinaryMask truth = new BinaryMask(W, H);
        byte[] labels = new byte[W * H];
        float[] prior = new float[W * H];
        RgbImage img = scene(truth, labels, prior);
        labels[40 * W + 30] = GrabCut.BACKGROUND;
        labels[40 * W + 70] = GrabCut.FOREGROUND;
        BinaryMask m = JointGrabCut.segment(img, labels, prior, 1.0, 2, 5).mask();
        assertThat(m.get(30, 40)).isFalse();
        assertThat(m.get(70, 40)).isTrue();
        assertThatThrownBy(() -> JointGrabCut.segment(img, new byte[3], null, 0, 0, 5))
                .hasMessageContaining("must hold " + W * H + " values, found 3");
        assertThatThrownBy(() -> JointGrabCut.segment(img, labels, prior, -1, 2, 5))
                .hasMessageContaining("at least 0, found -1.0");
    }

    /** A disc of colours {@code offset} above the background's in each channel, both with 60 levels of noise. */
    private static RgbImage shifted(int offset, BinaryMask truth, byte[] labels) {
        SplittableRandom rng = new SplittableRandom(5);
        RgbImage img = RgbImage.blank(W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean in = (x - 48) * (x - 48) + (y - 40) * (y - 40) < 24 * 24;
                truth.set(x, y, in);
                int o = in ? offset : 0;
                img.set(x, y, 60 + o + rng.nextInt(60), 120 + o + rng.nextInt(60), 70 + o + rng.nextInt(60));
                labels[y * W + x] = x >= 16 && x < 80 && y >= 8 && y < 72 ? GrabCut.PROBABLY_FOREGROUND
                        : GrabCut.BACKGROUND;
            }
        }
        return img;
    }

    @Test
    void clarityFallsAsColoursOverlapAndReadsOpenCvsModelsAsOurs() {
        BinaryMask truth = new BinaryMask(W, H);
        byte[] labels = new byte[W * H];
        RgbImage overlapping = shifted(30, truth, labels);
        Segmentation ours = JointGrabCut.segment(overlapping, labels, null, 0, 0, 5);
        Segmentation opencv = GrabCut.segment(overlapping, labels, 5);
        assertThat(opencv.mask().iou(truth)).isGreaterThan(0.95);
        assertThat(opencv.colourClarity()).isLessThan(0.9);
        assertThat(opencv.colourClarity()).as("OpenCV's models, read back, judge as ours do")
                .isCloseTo(ours.colourClarity(), org.assertj.core.data.Offset.offset(0.02));
        assertThat(GrabCut.segment(shifted(60, truth, labels), labels, 5).colourClarity())
                .isGreaterThan(opencv.colourClarity() + 0.1);
        byte[] allFg = new byte[W * H];
        java.util.Arrays.fill(allFg, GrabCut.PROBABLY_FOREGROUND);
        assertThat(GrabCut.segment(overlapping, allFg, 5).colourClarity()).as("GrabCut cannot run").isNaN();
    }
}
