package org.boxrefine.snap;

import org.boxrefine.image.RgbImage;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.TermCriteria;

/**
 * GrabCut (Rother et al. 2004, as OpenCV implements it: five-component colour mixtures started by k-means, the
 * background's count set here; an 8-neighbour contrast term, of weight 50 in OpenCV and set here; one minimum
 * cut per iteration) whose data term can also hold a prior in its last iterations: a pixel pays
 * {@code -priorWeight * ln p} to be foreground and {@code -priorWeight * ln(1 - p)} to be background, p being the network's probability. The colour models
 * of the first iterations are learned from colours alone: a prior present from the start keeps
 * background colours in the foreground model, which then holds them (docs/EVALUATION.md). Without a prior
 * it is plain GrabCut. Labels use {@link GrabCut}'s codes; only the "probably" labels change. The cut runs
 * over the undecided pixels only, so a crop whose context is all definite background costs little more than
 * its tag. OpenCV's graph class is internal, hence the {@link MaxFlow} here. With a {@link Reach}, a path from the
 * mask to each side of the tag it stops short of is pinned as foreground after the iterations, and one more runs.
 */
public final class JointGrabCut {
    /** OpenCV's weight of the contrast term (its {@code gamma}): the smoothness of plain GrabCut. */
    public static final double OPENCV_SMOOTHNESS = 50;
    private static final int KMEANS_ITERATIONS = 10;
    private static final double MIN_PROB = 1e-4;
    private static final int SEED = 12345;
    /** What each pixel of a pinned path costs beyond its data term, so that of two equal paths the shorter wins. */
    static final double REACH_STEP_COST = 0.5;
    /** The left, upper-left, upper and upper-right neighbours (x, y offsets): each pair of neighbours once. */
    private static final int[][] NEIGHBOURS = {{-1, 0}, {-1, -1}, {0, -1}, {1, -1}};

    static {
        opencv_core.setNumThreads(1);
    }

    private JointGrabCut() {
    }

    /**
     * Runs {@code iterations} rounds from {@code labels} (image-sized, OpenCV's codes) and returns the foreground
     * (definite and probable) with the clarity of the final colour models ({@link Segmentation}); the initial
     * labels' foreground, clarity NaN, when either side has no pixels to model.
     *
     * @param prior           per pixel in [0, 1], or null for none
     * @param priorWeight     the prior's weight against the colour models' log-likelihoods, at least 0
     * @param priorIterations in how many of the last iterations the prior joins the data term
     * @param smoothness      the contrast term's weight between neighbours ({@value #OPENCV_SMOOTHNESS} in OpenCV):
     *                        higher gives rounder masks, lower lets the data term decide more pixels alone
     * @param backgroundComponents how many components the background's colour model has (OpenCV's
     *                        {@value ColourGmm#COMPONENTS}, as the foreground's always); a crop with much context
     *                        holds more background colours than the object does
     */
    public static Segmentation segment(RgbImage image, byte[] labels, float[] prior, double priorWeight,
            int priorIterations, int iterations, double smoothness, int backgroundComponents) {
        return segment(image, labels, prior, priorWeight, priorIterations, iterations, smoothness,
                backgroundComponents, null);
    }

    /**
     * As {@link #segment(RgbImage, byte[], float[], double, int, int, double, int)}, then, with {@code reach}, the
     * tag's premise that its object reaches every side of the reach rectangle: a cheapest path from the mask to each
     * side it stops short of is pinned as foreground, and one more iteration runs ({@link Reach}).
     *
     * @param reach the rectangle the object reaches, in the crop's pixels, or null for none
     */
    public static Segmentation segment(RgbImage image, byte[] labels, float[] prior, double priorWeight,
            int priorIterations, int iterations, double smoothness, int backgroundComponents, Reach reach) {
        int w = image.widthPx();
        int h = image.heightPx();
        int n = w * h;
        if (labels.length != n || (prior != null && prior.length != n)) {
            throw new IllegalArgumentException("labels and prior must hold " + n + " values, found " + labels.length
                    + " and " + (prior == null ? "none" : prior.length));
        }
        if (backgroundComponents < 1) {
            throw new IllegalArgumentException("the background's colour model needs at least 1 component, found "
                    + backgroundComponents);
        }
        if (!(priorWeight >= 0) || priorIterations < 0 || iterations < 0 || !(smoothness >= 0)) {
            throw new IllegalArgumentException("prior weight, prior iterations, iterations and smoothness must be at"
                    + " least 0, found " + priorWeight + ", " + priorIterations + ", " + iterations + " and "
                    + smoothness);
        }
        byte[] lab = labels.clone();
        int nFg = 0;
        for (byte l : lab) {
            if (GrabCut.isForeground(l)) {
                nFg++;
            }
        }
        if (nFg == 0 || nFg == n || iterations == 0) {
            return new Segmentation(GrabCut.foreground(lab, w, h), Double.NaN);
        }
        byte[] rgb = image.data();
        ColourGmm bg = new ColourGmm(backgroundComponents);
        ColourGmm fg = new ColourGmm();
        initialise(rgb, lab, nFg, fg, bg);
        double[][] edge = contrastWeights(rgb, w, h, smoothness);
        int[] node = new int[n];
        for (int it = 0; it < iterations; it++) {
            relearn(rgb, lab, fg, bg);
            cut(rgb, lab, w, h, it < iterations - priorIterations ? null : prior, priorWeight, fg, bg, edge, node);
        }
        float[] lastPrior = priorIterations > 0 ? prior : null;
        if (reach != null && pinPaths(rgb, lab, w, h, reach, lastPrior, priorWeight, fg, bg)) {
            relearn(rgb, lab, fg, bg);
            cut(rgb, lab, w, h, lastPrior, priorWeight, fg, bg, edge, node);
        }
        return new Segmentation(GrabCut.foreground(lab, w, h), ColourGmm.clarity(rgb, labels, fg, bg));
    }

    /** GrabCut's colour-model step: each pixel joins its side's most likely component, and the models are refitted. */
    private static void relearn(byte[] rgb, byte[] lab, ColourGmm fg, ColourGmm bg) {
        fg.reset();
        bg.reset();
        for (int i = 0; i < lab.length; i++) {
            double r = rgb[3 * i] & 0xFF;
            double g = rgb[3 * i + 1] & 0xFF;
            double b = rgb[3 * i + 2] & 0xFF;
            ColourGmm m = GrabCut.isForeground(lab[i]) ? fg : bg;
            m.add(m.mostLikely(r, g, b), r, g, b);
        }
        fg.finish();
        bg.finish();
    }

    /**
     * Pins, as definite foreground, a cheapest path from the mask to each side of {@code reach} that the mask stops
     * short of by more than the reach's gap; a pixel costs {@code max(0, D_fg - D_bg)} plus
     * {@value #REACH_STEP_COST}, D being its data-term costs under the final models. Returns whether it pinned any.
     */
    private static boolean pinPaths(byte[] rgb, byte[] lab, int w, int h, Reach reach, float[] prior,
            double priorWeight, ColourGmm fg, ColourGmm bg) {
        int x0 = Math.max(0, reach.x0Px());
        int y0 = Math.max(0, reach.y0Px());
        int rw = Math.min(w, reach.x1Px()) - x0;
        int rh = Math.min(h, reach.y1Px()) - y0;
        if (rw < 2 || rh < 2) {
            return false;
        }
        boolean[] source = new boolean[rw * rh];
        int mx0 = rw;
        int my0 = rh;
        int mx1 = -1;
        int my1 = -1;
        for (int y = 0; y < rh; y++) {
            for (int x = 0; x < rw; x++) {
                if (GrabCut.isForeground(lab[(y + y0) * w + x + x0])) {
                    source[y * rw + x] = true;
                    mx0 = Math.min(mx0, x);
                    mx1 = Math.max(mx1, x);
                    my0 = Math.min(my0, y);
                    my1 = Math.max(my1, y);
                }
            }
        }
        if (mx1 < 0) {
            return false;
        }
        double gx = reach.gapFraction() * rw;
        double gy = reach.gapFraction() * rh;
        boolean[] stopsShort = {mx0 > gx, rw - 1 - mx1 > gx, my0 > gy, rh - 1 - my1 > gy};
        if (!(stopsShort[0] || stopsShort[1] || stopsShort[2] || stopsShort[3])) {
            return false;
        }
        double[] cost = new double[rw * rh];
        double[] costs = new double[2];
        for (int y = 0; y < rh; y++) {
            for (int x = 0; x < rw; x++) {
                dataCosts(rgb, (y + y0) * w + x + x0, prior, priorWeight, fg, bg, costs);
                cost[y * rw + x] = Math.max(0, costs[0] - costs[1]) + REACH_STEP_COST;
            }
        }
        boolean pinned = false;
        ReachPaths.Side[] sides = ReachPaths.Side.values();
        for (int k = 0; k < sides.length; k++) {
            if (!stopsShort[k]) {
                continue;
            }
            int[] path = ReachPaths.cheapestPath(cost, source, rw, rh, sides[k]);
            for (int j = 0; path != null && j < path.length; j++) {
                lab[(path[j] / rw + y0) * w + path[j] % rw + x0] = GrabCut.FOREGROUND;
                source[path[j]] = true;
                pinned = true;
            }
        }
        return pinned;
    }

    /** The colour models from k-means on each side's colours, as GrabCut starts. */
    private static void initialise(byte[] rgb, byte[] lab, int nFg, ColourGmm fg, ColourGmm bg) {
        int n = lab.length;
        float[] fgSamples = new float[3 * nFg];
        float[] bgSamples = new float[3 * (n - nFg)];
        int f = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            float[] dst = GrabCut.isForeground(lab[i]) ? fgSamples : bgSamples;
            int o = GrabCut.isForeground(lab[i]) ? 3 * f++ : 3 * b++;
            for (int c = 0; c < 3; c++) {
                dst[o + c] = rgb[3 * i + c] & 0xFF;
            }
        }
        opencv_core.setRNGSeed(SEED);
        int[] bgComp = kmeans(bgSamples, bg.components());
        int[] fgComp = kmeans(fgSamples, fg.components());
        fg.reset();
        bg.reset();
        f = 0;
        b = 0;
        for (int i = 0; i < n; i++) {
            boolean isFg = GrabCut.isForeground(lab[i]);
            int k = isFg ? fgComp[f++] : bgComp[b++];
            (isFg ? fg : bg).add(k, rgb[3 * i] & 0xFF, rgb[3 * i + 1] & 0xFF, rgb[3 * i + 2] & 0xFF);
        }
        fg.finish();
        bg.finish();
    }

    /** OpenCV's k-means (k-means++ centres, 10 iterations) into at most {@code clusters} clusters. */
    private static int[] kmeans(float[] samples, int clusters) {
        int m = samples.length / 3;
        int k = Math.min(clusters, m);
        int[] out = new int[m];
        if (k <= 1) {
            return out;
        }
        try (Mat data = new Mat(m, 3, opencv_core.CV_32FC1); Mat labels = new Mat();
                FloatPointer in = new FloatPointer(data.data());
                TermCriteria tc = new TermCriteria(TermCriteria.COUNT, KMEANS_ITERATIONS, 0)) {
            in.put(samples);
            opencv_core.kmeans(data, k, labels, tc, 1, opencv_core.KMEANS_PP_CENTERS);
            try (IntPointer res = new IntPointer(labels.data())) {
                res.get(out);
            }
        }
        return out;
    }

    /**
     * OpenCV's contrast weights toward the left, upper-left, upper and upper-right neighbours:
     * {@code gamma * exp(-beta * |dRGB|^2)}, divided by the distance, beta from the mean squared difference,
     * gamma being {@code smoothness}.
     */
    static double[][] contrastWeights(byte[] rgb, int w, int h, double smoothness) {
        double sum = 0;
        long count = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int[] d : NEIGHBOURS) {
                    int xx = x + d[0];
                    int yy = y + d[1];
                    if (xx >= 0 && xx < w && yy >= 0) {
                        sum += squaredDiff(rgb, y * w + x, yy * w + xx);
                        count++;
                    }
                }
            }
        }
        double beta = sum <= Math.ulp(1.0) * Math.max(1, count) ? 0 : 1 / (2 * sum / count);
        double[][] out = new double[4][w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int k = 0; k < 4; k++) {
                    int xx = x + NEIGHBOURS[k][0];
                    int yy = y + NEIGHBOURS[k][1];
                    if (xx >= 0 && xx < w && yy >= 0) {
                        double g = k % 2 == 0 ? smoothness : smoothness / Math.sqrt(2);
                        out[k][y * w + x] = g * Math.exp(-beta * squaredDiff(rgb, y * w + x, yy * w + xx));
                    }
                }
            }
        }
        return out;
    }

    private static double squaredDiff(byte[] rgb, int i, int j) {
        double s = 0;
        for (int c = 0; c < 3; c++) {
            double d = (rgb[3 * i + c] & 0xFF) - (rgb[3 * j + c] & 0xFF);
            s += d * d;
        }
        return s;
    }

    /** One minimum cut over the undecided pixels; updates their labels. */
    private static void cut(byte[] rgb, byte[] lab, int w, int h, float[] prior, double priorWeight, ColourGmm fg,
            ColourGmm bg, double[][] edge, int[] node) {
        int n = lab.length;
        int free = 0;
        for (int i = 0; i < n; i++) {
            node[i] = GrabCut.isDecided(lab[i]) ? -1 : free++;
        }
        if (free == 0) {
            return;
        }
        MaxFlow graph = new MaxFlow(free, 4 * free);
        double[] toFg = new double[free];
        double[] toBg = new double[free];
        double[] costs = new double[2];
        for (int i = 0; i < n; i++) {
            int v = node[i];
            if (v < 0) {
                continue;
            }
            dataCosts(rgb, i, prior, priorWeight, fg, bg, costs);
            toFg[v] = costs[0];
            toBg[v] = costs[1];
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                for (int k = 0; k < 4; k++) {
                    int xx = x + NEIGHBOURS[k][0];
                    int yy = y + NEIGHBOURS[k][1];
                    if (xx < 0 || xx >= w || yy < 0) {
                        continue;
                    }
                    int j = yy * w + xx;
                    double wt = edge[k][i];
                    int a = node[i];
                    int c = node[j];
                    if (a >= 0 && c >= 0) {
                        graph.addEdge(a, c, wt, wt);
                    } else if (a >= 0) {
                        addNeighbourCost(GrabCut.isForeground(lab[j]), a, wt, toFg, toBg);
                    } else if (c >= 0) {
                        addNeighbourCost(GrabCut.isForeground(lab[i]), c, wt, toFg, toBg);
                    }
                }
            }
        }
        for (int v = 0; v < free; v++) {
            double lo = Math.min(toFg[v], toBg[v]);
            graph.addTerminal(v, toBg[v] - lo, toFg[v] - lo);
        }
        graph.solve();
        for (int i = 0; i < n; i++) {
            if (node[i] >= 0) {
                lab[i] = graph.inSourceSet(node[i]) ? GrabCut.PROBABLY_FOREGROUND : GrabCut.PROBABLY_BACKGROUND;
            }
        }
    }

    /**
     * Pixel {@code i}'s data-term costs: of being foreground into {@code out[0]}, of being background into
     * {@code out[1]}; the colour models' negative log-likelihoods plus, with a prior, {@code -priorWeight ln p} and
     * {@code -priorWeight ln(1 - p)}.
     */
    private static void dataCosts(byte[] rgb, int i, float[] prior, double priorWeight, ColourGmm fg, ColourGmm bg,
            double[] out) {
        double r = rgb[3 * i] & 0xFF;
        double g = rgb[3 * i + 1] & 0xFF;
        double b = rgb[3 * i + 2] & 0xFF;
        double toFg = -Math.log(Math.max(Double.MIN_NORMAL, fg.density(r, g, b)));
        double toBg = -Math.log(Math.max(Double.MIN_NORMAL, bg.density(r, g, b)));
        if (prior != null && priorWeight > 0) {
            double p = Math.min(1 - MIN_PROB, Math.max(MIN_PROB, prior[i]));
            toFg += -priorWeight * Math.log(p);
            toBg += -priorWeight * Math.log(1 - p);
        }
        out[0] = toFg;
        out[1] = toBg;
    }

    /** A decided neighbour costs {@code weight} when the pixel takes the other label. */
    private static void addNeighbourCost(boolean neighbourFg, int v, double weight, double[] toFg, double[] toBg) {
        if (neighbourFg) {
            toBg[v] += weight;
        } else {
            toFg[v] += weight;
        }
    }

}
