package org.boxrefine.snap;

import org.boxrefine.image.RgbImage;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_ximgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * OpenCV's guided filter (He et al., ximgproc) on boxrefine's image types: smooths a map so that its edges follow
 * the guide image's edges. Used to bring a mask computed at reduced resolution back to full resolution along the
 * image's own boundaries.
 */
public final class GuidedFilter {
    private GuidedFilter() {
    }

    /**
     * The map filtered with the colour image as guide.
     *
     * @param guide     the image, {@code w x h}
     * @param values    the map, {@code w * h} values, row by row
     * @param radiusPx  window radius
     * @param epsilon   regularisation, in units of squared colour on a 0..1 scale (larger: smoother, less edge-bound)
     */
    public static float[] smooth(RgbImage guide, float[] values, int radiusPx, double epsilon) {
        int w = guide.widthPx();
        int h = guide.heightPx();
        if (values.length != (long) w * h) {
            throw new IllegalArgumentException("the map must hold " + (long) w * h + " values, found " + values.length);
        }
        if (radiusPx < 1 || !(epsilon > 0)) {
            throw new IllegalArgumentException("radius must be at least 1 px and epsilon above 0, found " + radiusPx
                    + " and " + epsilon);
        }
        float[] out = new float[values.length];
        try (Mat g = new Mat(h, w, opencv_core.CV_8UC3); Mat src = new Mat(h, w, opencv_core.CV_32FC1);
                Mat dst = new Mat(); FloatPointer in = new FloatPointer(src.data())) {
            g.data().put(guide.data());
            in.put(values);
            opencv_ximgproc.guidedFilter(g, src, dst, radiusPx, epsilon * 255 * 255);
            try (FloatPointer res = new FloatPointer(dst.data())) {
                res.get(out);
            }
        }
        return out;
    }
}
