package org.boxrefine.snap;

import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.RgbImage;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * OpenCV's {@code grabCut} on boxrefine's image types. Labels use OpenCV's codes:
 * {@link #BACKGROUND}, {@link #FOREGROUND}, {@link #PROBABLY_BACKGROUND}, {@link #PROBABLY_FOREGROUND}.
 */
public final class GrabCut {
    public static final byte BACKGROUND = 0;
    public static final byte FOREGROUND = 1;
    public static final byte PROBABLY_BACKGROUND = 2;
    public static final byte PROBABLY_FOREGROUND = 3;

    /** GrabCut's k-means start draws from OpenCV's thread-local RNG: reseeded before each call, so results repeat. */
    private static final int SEED = 12345;

    static {
        opencv_core.setNumThreads(1);
    }

    private GrabCut() {
    }

    /**
     * Plain GrabCut started from a rectangle, as a user would run it: the mask of the whole image
     * (foreground and probable foreground), or the rectangle itself when GrabCut cannot start
     * (no background pixels outside it).
     */
    public static BinaryMask fromRect(RgbImage image, PixelRect rect, int iterations) {
        int w = image.widthPx();
        int h = image.heightPx();
        byte[] labels = new byte[w * h];
        for (int y = rect.y0Px(); y < rect.y1Px(); y++) {
            java.util.Arrays.fill(labels, y * w + rect.x0Px(), y * w + rect.x1Px(), PROBABLY_FOREGROUND);
        }
        if (rect.isEmpty() || rect.areaPx() >= (long) w * h) {
            return foreground(labels, w, h);
        }
        try (Mat img = toMat(image); Mat mask = new Mat(h, w, opencv_core.CV_8UC1);
                Mat bgd = new Mat(); Mat fgd = new Mat();
                Rect r = new Rect(rect.x0Px(), rect.y0Px(), rect.widthPx(), rect.heightPx())) {
            opencv_core.setRNGSeed(SEED);
            opencv_imgproc.grabCut(img, mask, r, bgd, fgd, iterations, opencv_imgproc.GC_INIT_WITH_RECT);
            mask.data().get(labels);
        }
        return foreground(labels, w, h);
    }

    /**
     * GrabCut started from a label map of the image's size (OpenCV's codes). Returns the
     * foreground, or the initial labels' foreground when either side has no pixels to model.
     */
    public static BinaryMask fromLabels(RgbImage image, byte[] labels, int iterations) {
        int w = image.widthPx();
        int h = image.heightPx();
        if (labels.length != w * h) {
            throw new IllegalArgumentException("labels must hold " + w * h + " values, found " + labels.length);
        }
        boolean fg = false;
        boolean bg = false;
        for (byte l : labels) {
            if (l == FOREGROUND || l == PROBABLY_FOREGROUND) {
                fg = true;
            } else {
                bg = true;
            }
        }
        byte[] out = labels.clone();
        if (!fg || !bg || iterations == 0) {
            return foreground(out, w, h);
        }
        try (Mat img = toMat(image); Mat mask = new Mat(h, w, opencv_core.CV_8UC1);
                Mat bgd = new Mat(); Mat fgd = new Mat(); Rect r = new Rect()) {
            mask.data().put(out);
            opencv_core.setRNGSeed(SEED);
            opencv_imgproc.grabCut(img, mask, r, bgd, fgd, iterations, opencv_imgproc.GC_INIT_WITH_MASK);
            mask.data().get(out);
        }
        return foreground(out, w, h);
    }

    private static Mat toMat(RgbImage image) {
        Mat m = new Mat(image.heightPx(), image.widthPx(), opencv_core.CV_8UC3);
        m.data().put(image.data());
        return m;
    }

    private static BinaryMask foreground(byte[] labels, int w, int h) {
        byte[] bits = new byte[w * h];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (byte) (labels[i] == FOREGROUND || labels[i] == PROBABLY_FOREGROUND ? 1 : 0);
        }
        return new BinaryMask(w, h, bits);
    }
}
