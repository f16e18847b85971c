package org.boxrefine.snap;

import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.RgbImage;
import org.bytedeco.javacpp.DoublePointer;
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
        return segment(image, labels, iterations).mask();
    }

    /**
     * {@link #fromLabels}, with the clarity of GrabCut's final colour models over the pixels that start as
     * "probably" something ({@link Segmentation}); NaN when GrabCut cannot run.
     */
    public static Segmentation segment(RgbImage image, byte[] labels, int iterations) {
        int w = image.widthPx();
        int h = image.heightPx();
        if (labels.length != w * h) {
            throw new IllegalArgumentException("labels must hold " + w * h + " values, found " + labels.length);
        }
        boolean fg = false;
        boolean bg = false;
        for (byte l : labels) {
            if (isForeground(l)) {
                fg = true;
            } else {
                bg = true;
            }
        }
        byte[] out = labels.clone();
        if (!fg || !bg || iterations == 0) {
            return new Segmentation(foreground(out, w, h), Double.NaN);
        }
        double[] bgModel = new double[13 * ColourGmm.COMPONENTS];
        double[] fgModel = new double[13 * ColourGmm.COMPONENTS];
        try (Mat img = toMat(image); Mat mask = new Mat(h, w, opencv_core.CV_8UC1);
                Mat bgd = new Mat(); Mat fgd = new Mat(); Rect r = new Rect()) {
            mask.data().put(out);
            opencv_core.setRNGSeed(SEED);
            opencv_imgproc.grabCut(img, mask, r, bgd, fgd, iterations, opencv_imgproc.GC_INIT_WITH_MASK);
            mask.data().get(out);
            try (DoublePointer b = new DoublePointer(bgd.data()); DoublePointer f = new DoublePointer(fgd.data())) {
                b.get(bgModel);
                f.get(fgModel);
            }
        }
        double clarity = ColourGmm.clarity(image.data(), labels, ColourGmm.fromOpenCv(fgModel),
                ColourGmm.fromOpenCv(bgModel));
        return new Segmentation(foreground(out, w, h), clarity);
    }

    /**
     * A feature image in which a prior (per pixel, in [0, 1]) replaces the least varying colour direction: the
     * image's colours projected on their two principal components, the third channel
     * {@code priorWeight * 255 * prior}, so that GrabCut's colour models learn the prior beside the colours.
     */
    public static RgbImage priorFeatures(RgbImage image, float[] prior, double priorWeight) {
        if (prior.length != image.widthPx() * image.heightPx()) {
            throw new IllegalArgumentException("prior must hold " + image.widthPx() * image.heightPx()
                    + " values, found " + prior.length);
        }
        return new RgbImage(image.widthPx(), image.heightPx(), features(image.data(), prior, priorWeight));
    }

    /** Two principal colour components scaled to 0..255 with a common factor, plus the weighted prior. */
    static byte[] features(byte[] rgb, float[] prior, double priorWeight) {
        int n = prior.length;
        double[] mean = new double[3];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                mean[c] += rgb[3 * i + c] & 0xFF;
            }
        }
        for (int c = 0; c < 3; c++) {
            mean[c] /= Math.max(1, n);
        }
        double[] cov = new double[9];
        for (int i = 0; i < n; i++) {
            double r = (rgb[3 * i] & 0xFF) - mean[0];
            double g = (rgb[3 * i + 1] & 0xFF) - mean[1];
            double b = (rgb[3 * i + 2] & 0xFF) - mean[2];
            cov[0] += r * r;
            cov[1] += r * g;
            cov[2] += r * b;
            cov[4] += g * g;
            cov[5] += g * b;
            cov[8] += b * b;
        }
        cov[3] = cov[1];
        cov[6] = cov[2];
        cov[7] = cov[5];
        double[] vectors = new double[9];
        double[] values = new double[3];
        try (Mat c = new Mat(3, 3, opencv_core.CV_64FC1); Mat vals = new Mat(); Mat vecs = new Mat()) {
            new DoublePointer(c.data()).put(cov);
            opencv_core.eigen(c, vals, vecs);
            new DoublePointer(vals.data()).get(values);
            new DoublePointer(vecs.data()).get(vectors);
        }
        double spread = 4 * Math.sqrt(Math.max(1e-9, values[0] / Math.max(1, n)));
        double k = 255 / Math.max(1e-9, spread);
        byte[] out = new byte[3 * n];
        for (int i = 0; i < n; i++) {
            double r = (rgb[3 * i] & 0xFF) - mean[0];
            double g = (rgb[3 * i + 1] & 0xFF) - mean[1];
            double b = (rgb[3 * i + 2] & 0xFF) - mean[2];
            for (int e = 0; e < 2; e++) {
                double v = 127.5 + k * (vectors[3 * e] * r + vectors[3 * e + 1] * g + vectors[3 * e + 2] * b);
                out[3 * i + e] = (byte) Math.max(0, Math.min(255, Math.round(v)));
            }
            out[3 * i + 2] = (byte) Math.max(0, Math.min(255, Math.round(priorWeight * 255 * prior[i])));
        }
        return out;
    }

    private static Mat toMat(RgbImage image) {
        Mat m = new Mat(image.heightPx(), image.widthPx(), opencv_core.CV_8UC3);
        m.data().put(image.data());
        return m;
    }

    /** Whether a label (OpenCV's codes) is foreground, definite or probable. */
    static boolean isForeground(byte label) {
        return label == FOREGROUND || label == PROBABLY_FOREGROUND;
    }

    /** Whether a label (OpenCV's codes) is definite, which GrabCut never changes. */
    static boolean isDecided(byte label) {
        return label == FOREGROUND || label == BACKGROUND;
    }

    /** The foreground of a label map (OpenCV's codes). */
    static BinaryMask foreground(byte[] labels, int w, int h) {
        byte[] bits = new byte[w * h];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (byte) (isForeground(labels[i]) ? 1 : 0);
        }
        return new BinaryMask(w, h, bits);
    }
}
