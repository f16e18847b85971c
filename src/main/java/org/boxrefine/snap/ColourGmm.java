package org.boxrefine.snap;

import java.util.Arrays;

/**
 * A Gaussian mixture over RGB colours with full covariances, learned by hard assignment as GrabCut does
 * (Rother et al. 2004; OpenCV's {@code GMM} in grabcut.cpp): pixels are added to components, then
 * {@link #finish()} sets each component's weight, mean and covariance.
 */
final class ColourGmm {
    /** OpenCV's GrabCut uses five components per model. */
    static final int COMPONENTS = 5;
    private static final double VARIANCE_FLOOR = 0.01;
    /** {@link #clarity}: the log-odds from which a colour counts as clearly one side's. */
    static final double CLEAR_LOG_ODDS = 2;

    private final int components;
    private final double[] weight;
    private final double[] mean;
    private final double[] inverse;
    private final double[] norm;
    private final double[] sums;
    private final double[] prods;
    private final int[] counts;
    private int total;

    /** A mixture of OpenCV's {@value #COMPONENTS} components. */
    ColourGmm() {
        this(COMPONENTS);
    }

    /** A mixture of {@code components} components (at least 1). */
    ColourGmm(int components) {
        if (components < 1) {
            throw new IllegalArgumentException("a colour model needs at least 1 component, found " + components);
        }
        this.components = components;
        weight = new double[components];
        mean = new double[3 * components];
        inverse = new double[9 * components];
        norm = new double[components];
        sums = new double[3 * components];
        prods = new double[9 * components];
        counts = new int[components];
    }

    /** How many components the mixture has (some may be empty). */
    int components() {
        return components;
    }

    /** Clears the sums collected so far (the model learned last stays in use until {@link #finish()}). */
    void reset() {
        Arrays.fill(sums, 0);
        Arrays.fill(prods, 0);
        Arrays.fill(counts, 0);
        total = 0;
    }

    /** Adds a colour to component {@code k}. */
    void add(int k, double r, double g, double b) {
        sums[3 * k] += r;
        sums[3 * k + 1] += g;
        sums[3 * k + 2] += b;
        double[] c = {r, g, b};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                prods[9 * k + 3 * i + j] += c[i] * c[j];
            }
        }
        counts[k]++;
        total++;
    }

    /** Sets every component from the colours added since {@link #reset()}; a component with none gets weight 0. */
    void finish() {
        for (int k = 0; k < components; k++) {
            int n = counts[k];
            if (n == 0) {
                weight[k] = 0;
                continue;
            }
            weight[k] = (double) n / total;
            double[] m = new double[3];
            for (int i = 0; i < 3; i++) {
                m[i] = sums[3 * k + i] / n;
                mean[3 * k + i] = m[i];
            }
            double[] c = new double[9];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    c[3 * i + j] = prods[9 * k + 3 * i + j] / n - m[i] * m[j];
                }
            }
            setComponent(k, c);
        }
    }

    /**
     * The mixture OpenCV's {@code grabCut} returns as its model: 65 values, the five weights, then the five means
     * (3 values each), then the five covariances (9 values each, row by row).
     */
    static ColourGmm fromOpenCv(double[] model) {
        if (model.length != 13 * COMPONENTS) {
            throw new IllegalArgumentException("an OpenCV GrabCut model holds " + 13 * COMPONENTS + " values, found "
                    + model.length);
        }
        ColourGmm g = new ColourGmm();
        for (int k = 0; k < COMPONENTS; k++) {
            g.weight[k] = model[k];
            if (model[k] > 0) {
                System.arraycopy(model, COMPONENTS + 3 * k, g.mean, 3 * k, 3);
                g.setComponent(k, java.util.Arrays.copyOfRange(model, 4 * COMPONENTS + 9 * k,
                        4 * COMPONENTS + 9 * k + 9));
            }
        }
        return g;
    }

    /**
     * Sets component {@code k}'s covariance, floored on the diagonal when singular, as OpenCV does, or when rounding
     * left it not positive definite (colours along a line: then its density could grow without bound). A
     * determinant just above the singularity test can be rounding noise (a flat shadow whose blue is its green less
     * one): where the inverse is then not positive definite, the floor is raised tenfold until it is.
     */
    private void setComponent(int k, double[] c) {
        double det = determinant(c);
        double floor = VARIANCE_FLOOR;
        if (det <= Math.ulp(1.0) || !(c[0] > 0) || !(c[0] * c[4] - c[1] * c[3] > 0)) {
            c[0] += floor;
            c[4] += floor;
            c[8] += floor;
            det = determinant(c);
        }
        double[] inv = inverse(c, det);
        for (int tries = 0; tries < MAX_FLOOR_RAISES && !positiveDefinite(inv, det); tries++) {
            floor *= 10;
            c[0] += floor;
            c[4] += floor;
            c[8] += floor;
            det = determinant(c);
            inv = inverse(c, det);
        }
        System.arraycopy(inv, 0, inverse, 9 * k, 9);
        norm[k] = 1 / Math.sqrt(det);
    }

    /** How often {@link #setComponent} raises the floor at most: 0.01 becomes 10^10, far above any colour range. */
    private static final int MAX_FLOOR_RAISES = 12;

    /** Whether a symmetric 3x3 matrix and the covariance's determinant are finite and positive definite (Sylvester). */
    private static boolean positiveDefinite(double[] m, double det) {
        return det > 0 && Double.isFinite(det) && m[0] > 0 && m[0] * m[4] - m[1] * m[3] > 0 && determinant(m) > 0
                && Double.isFinite(determinant(m));
    }

    /**
     * How clearly two models tell the undecided pixels apart: the share of pixels whose label is "probably"
     * something in {@code labels} (GrabCut's codes) and whose colour is at least {@code e^}{@value #CLEAR_LOG_ODDS}
     * times as likely under one model as under the other; NaN when no pixel is undecided.
     */
    static double clarity(byte[] rgb, byte[] labels, ColourGmm fg, ColourGmm bg) {
        int n = 0;
        int clear = 0;
        for (int i = 0; i < labels.length; i++) {
            if (GrabCut.isDecided(labels[i])) {
                continue;
            }
            double r = rgb[3 * i] & 0xFF;
            double g = rgb[3 * i + 1] & 0xFF;
            double b = rgb[3 * i + 2] & 0xFF;
            double odds = Math.log(Math.max(Double.MIN_NORMAL, fg.density(r, g, b)))
                    - Math.log(Math.max(Double.MIN_NORMAL, bg.density(r, g, b)));
            n++;
            if (Math.abs(odds) >= CLEAR_LOG_ODDS) {
                clear++;
            }
        }
        return n == 0 ? Double.NaN : (double) clear / n;
    }

    /** The mixture's density at a colour (without the constant factor common to every model). */
    double density(double r, double g, double b) {
        double s = 0;
        for (int k = 0; k < components; k++) {
            if (weight[k] > 0) {
                s += weight[k] * component(k, r, g, b);
            }
        }
        return s;
    }

    /** The component under which a colour is most likely (weights ignored, as in GrabCut). */
    int mostLikely(double r, double g, double b) {
        int best = 0;
        double bestP = -1;
        for (int k = 0; k < components; k++) {
            if (weight[k] > 0) {
                double p = component(k, r, g, b);
                if (p > bestP) {
                    bestP = p;
                    best = k;
                }
            }
        }
        return best;
    }

    private double component(int k, double r, double g, double b) {
        double dr = r - mean[3 * k];
        double dg = g - mean[3 * k + 1];
        double db = b - mean[3 * k + 2];
        int o = 9 * k;
        double q = dr * (dr * inverse[o] + dg * inverse[o + 3] + db * inverse[o + 6])
                + dg * (dr * inverse[o + 1] + dg * inverse[o + 4] + db * inverse[o + 7])
                + db * (dr * inverse[o + 2] + dg * inverse[o + 5] + db * inverse[o + 8]);
        return norm[k] * Math.exp(-0.5 * q);
    }

    private static double determinant(double[] c) {
        return c[0] * (c[4] * c[8] - c[5] * c[7]) - c[1] * (c[3] * c[8] - c[5] * c[6])
                + c[2] * (c[3] * c[7] - c[4] * c[6]);
    }

    private static double[] inverse(double[] c, double det) {
        return new double[] {
            (c[4] * c[8] - c[5] * c[7]) / det, -(c[1] * c[8] - c[2] * c[7]) / det, (c[1] * c[5] - c[2] * c[4]) / det,
            -(c[3] * c[8] - c[5] * c[6]) / det, (c[0] * c[8] - c[2] * c[6]) / det, -(c[0] * c[5] - c[2] * c[3]) / det,
            (c[3] * c[7] - c[4] * c[6]) / det, -(c[0] * c[7] - c[1] * c[6]) / det, (c[0] * c[4] - c[1] * c[3]) / det
        };
    }
}
