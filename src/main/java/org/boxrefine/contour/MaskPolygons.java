package org.boxrefine.contour;

import java.util.ArrayList;
import java.util.List;
import org.boxrefine.image.BinaryMask;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;

/**
 * Traces a mask's outline as polygons with OpenCV ({@code findContours}, {@code approxPolyDP}).
 *
 * <p>Coordinates follow COCO: pixel (x, y) covers [x, x+1) x [y, y+1), so a polygon runs along pixel edges, not
 * through pixel centres. To get that outline from OpenCV, which traces pixel centres, the mask is traced on a
 * lattice of half pixels in which each set pixel covers its closed square (its corners, edge midpoints and
 * centre); the traced cells then lie exactly on the pixels' outer edges. Without simplification, filling the
 * polygons (a pixel inside when its centre is, as {@link PolygonRaster}) gives back the mask exactly
 * ({@link Parts#HOLES}), or the mask with its holes filled.
 */
public final class MaskPolygons {
    private static final int MAX_SEARCH_STEPS = 30;

    private MaskPolygons() {
    }

    /**
     * The polygons of {@code mask} as {@code [x1, y1, x2, y2, ...]} in the mask's pixels; none for an empty mask.
     * Contours that simplify to fewer than 3 vertices are dropped.
     */
    public static List<double[]> trace(BinaryMask mask, PolygonConfig config) {
        List<double[]> out = new ArrayList<>();
        if (mask.count() == 0) {
            return out;
        }
        try (Mat lattice = lattice(mask); MatVector contours = new MatVector(); Mat hierarchy = new Mat()) {
            opencv_imgproc.findContours(lattice, contours, hierarchy, opencv_imgproc.RETR_CCOMP,
                    opencv_imgproc.CHAIN_APPROX_SIMPLE);
            int n = (int) contours.size();
            int[][] h = new int[n][4];
            try (IntIndexer idx = hierarchy.createIndexer()) {
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < 4; k++) {
                        h[i][k] = idx.get(0, i, k);
                    }
                }
            }
            List<Integer> outers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (h[i][3] < 0) {
                    outers.add(i);
                }
            }
            if (config.parts() == Parts.LARGEST) {
                int best = outers.get(0);
                for (int i : outers) {
                    if (Math.abs(opencv_imgproc.contourArea(contours.get(i)))
                            > Math.abs(opencv_imgproc.contourArea(contours.get(best)))) {
                        best = i;
                    }
                }
                outers = List.of(best);
            }
            for (int i : outers) {
                int[] outer = simplify(contours.get(i), config);
                if (outer.length < 6) {
                    continue;
                }
                if (config.parts() == Parts.HOLES) {
                    for (int c = h[i][2]; c >= 0; c = h[c][0]) {
                        int[] hole = simplify(contours.get(c), config);
                        if (hole.length >= 6) {
                            outer = splice(outer, hole);
                        }
                    }
                }
                double[] xy = new double[outer.length];
                for (int k = 0; k < outer.length; k++) {
                    xy[k] = (outer[k] - 1) / 2.0;
                }
                out.add(xy);
            }
        }
        return out;
    }

    /** Number of vertices over all polygons. */
    public static int vertices(List<double[]> polygons) {
        int n = 0;
        for (double[] p : polygons) {
            n += p.length / 2;
        }
        return n;
    }

    /**
     * The half-pixel lattice with a one-cell empty border: cell (u, v) stands for the point ((u - 1) / 2,
     * (v - 1) / 2) and is set when it lies in the closed square of a set pixel.
     */
    private static Mat lattice(BinaryMask mask) {
        int w = mask.widthPx();
        int h = mask.heightPx();
        int lw = 2 * w + 3;
        int lh = 2 * h + 3;
        byte[] cells = new byte[lw * lh];
        byte[] bits = mask.data();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (bits[y * w + x] != 0) {
                    for (int dv = 0; dv < 3; dv++) {
                        int row = (2 * y + 1 + dv) * lw + 2 * x + 1;
                        cells[row] = 1;
                        cells[row + 1] = 1;
                        cells[row + 2] = 1;
                    }
                }
            }
        }
        Mat m = new Mat(lh, lw, opencv_core.CV_8UC1);
        m.data().put(cells);
        return m;
    }

    /** A contour simplified by Douglas-Peucker, in lattice cells (twice the pixel tolerance), as x, y pairs. */
    private static int[] simplify(Mat contour, PolygonConfig config) {
        double eps = 2 * config.tolerancePx();
        int[] pts = approx(contour, eps);
        if (config.maxVertices() == 0 || pts.length / 2 <= config.maxVertices()) {
            return pts;
        }
        double lo = eps;
        double hi = Math.max(1, eps);
        int[] fit = approx(contour, hi);
        while (fit.length / 2 > config.maxVertices()) {
            lo = hi;
            hi *= 2;
            fit = approx(contour, hi);
        }
        for (int step = 0; step < MAX_SEARCH_STEPS && hi - lo > 1e-3; step++) {
            double mid = (lo + hi) / 2;
            int[] p = approx(contour, mid);
            if (p.length / 2 <= config.maxVertices()) {
                hi = mid;
                fit = p;
            } else {
                lo = mid;
            }
        }
        return fit;
    }

    private static int[] approx(Mat contour, double eps) {
        try (Mat approx = new Mat()) {
            opencv_imgproc.approxPolyDP(contour, approx, eps, true);
            int n = approx.rows() * approx.cols();
            int[] pts = new int[2 * n];
            if (n > 0) {
                try (IntIndexer idx = approx.createIndexer()) {
                    for (int k = 0; k < n; k++) {
                        pts[2 * k] = idx.get(k, 0, 0);
                        pts[2 * k + 1] = idx.get(k, 0, 1);
                    }
                }
            }
            return pts;
        }
    }

    /**
     * The outline with a hole joined in: from the outline's vertex nearest the hole, along a zero-width cut to the
     * hole, once around the hole and back, so that one polygon carries the hole (even-odd or non-zero filling).
     */
    static int[] splice(int[] outer, int[] hole) {
        int bi = 0;
        int bj = 0;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < outer.length; i += 2) {
            for (int j = 0; j < hole.length; j += 2) {
                long dx = outer[i] - hole[j];
                long dy = outer[i + 1] - hole[j + 1];
                long d = dx * dx + dy * dy;
                if (d < best) {
                    best = d;
                    bi = i;
                    bj = j;
                }
            }
        }
        int[] out = new int[outer.length + hole.length + 4];
        int p = 0;
        System.arraycopy(outer, 0, out, p, bi + 2);
        p += bi + 2;
        System.arraycopy(hole, bj, out, p, hole.length - bj);
        p += hole.length - bj;
        System.arraycopy(hole, 0, out, p, bj + 2);
        p += bj + 2;
        System.arraycopy(outer, bi, out, p, outer.length - bi);
        return out;
    }
}
