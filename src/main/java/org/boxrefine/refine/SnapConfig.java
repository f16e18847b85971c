package org.boxrefine.refine;

import org.boxrefine.geom.BoxPx;
import org.boxrefine.snap.JointGrabCut;

/**
 * Boundary refinement: GrabCut on a crop around each tag, started as {@code start} says; outside the
 * tag every pixel is background.
 *
 * @param enabled        whether masks are snapped at all
 * @param sizePx         the tag is scaled so that its size (geometric mean of width and height) is at
 *                       most this many pixels before GrabCut runs
 * @param minSizePx      a tag smaller than this (or than {@code sizePx}, whichever is less) is enlarged to it, at
 *                       most {@value #MAX_UPSCALE} times, before GrabCut runs, and GrabCut's mask is reduced back;
 *                       0 never enlarges
 * @param marginFraction background context around the tag, as a fraction of its size
 * @param iterations     GrabCut iterations
 * @param seedThreshold  with {@link SnapStart#NETWORK}: probability above which a pixel starts as
 *                       probably foreground
 * @param start          how GrabCut starts inside the tag
 * @param priorWeight    with {@link SnapStart#PRIOR}: the probability channel spans 0..255 times this
 * @param guideRadius    when GrabCut ran on a shrunk crop, its mask is enlarged back with a guided filter
 *                       (the image as guide) of this radius in pixels of the shrunk crop, so that its edges
 *                       follow the full-resolution image; 0 enlarges it by plain bilinear interpolation
 * @param autoConfidence with {@link SnapStart#AUTO}: the network's mean probability inside the rectangle start's mask
 *                       at or above which the tag is snapped again with the network start
 * @param autoMarginFraction with {@link SnapStart#AUTO}: the context of that second snapping, as a fraction of the
 *                       tag's size
 * @param autoTagConfidence with {@link SnapStart#AUTO}: the network's mean probability over the whole tag at or
 *                       above which the network start is taken at once, without the rectangle start
 * @param edgeBandFraction with the rectangle start (also {@link SnapStart#AUTO}'s first pass): the tag's outer
 *                       strip, this fraction of its width on the left and right and of its height at the top and
 *                       bottom, starts as probably background instead of probably foreground, since a tag drawn
 *                       by hand leaves a margin of background around its object; GrabCut may still claim it.
 *                       0 starts the whole tag as probably foreground
 * @param networkWeight  the weight of the network's log-probability in GrabCut's data term, beside the colour
 *                       models' log-likelihoods (a pixel pays {@code -w ln p} to be foreground and
 *                       {@code -w ln(1 - p)} to be background); 0 snaps on colours alone (with OpenCV's GrabCut at its
 *                       smoothness)
 * @param networkIterations in how many of the last GrabCut iterations the network's term (and the shape prior's) is
 *                       used (the colour models of the earlier ones are learned from colours alone)
 * @param shapeWeight    the weight of the tag's category's shape prior ({@link ShapePriors}, learned from
 *                       {@link InitialLabels#GRABCUT}'s labels) in GrabCut's data term, inside the tag: a pixel pays
 *                       {@code -w ln q} to be foreground and {@code -w ln(1 - q)} to be background, q being the
 *                       prior's probability at the pixel's place in the tag; 0 for none
 * @param edgeBandLearned whether the edge band is learned: {@value #LEARNED_BAND_FACTOR} times how far the tag's
 *                       category's training labels stop short of their tags' sides ({@link ShapePriors#sideGap}, the
 *                       median), at most {@code edgeBandFraction}, so that tight tags get almost none and hand-drawn
 *                       ones their margin; {@code edgeBandFraction} itself where no labels were counted
 * @param smoothness     the weight of GrabCut's contrast term between neighbouring pixels (OpenCV's gamma,
 *                       {@value org.boxrefine.snap.JointGrabCut#OPENCV_SMOOTHNESS}): higher gives rounder masks that
 *                       cut thin parts off, lower lets the colour models, the network and the shape prior decide
 *                       more pixels alone. Anything but OpenCV's value snaps with {@link JointGrabCut} also on
 *                       colours alone
 * @param backgroundComponents how many components GrabCut's background colour model has (OpenCV's GrabCut: 5, as
 *                       its foreground model always): the crop's context holds more colours than the object.
 *                       Anything but 5 snaps with {@link JointGrabCut} also on colours alone
 * @param reachGap       a tag touches its object: where GrabCut's mask stops short of a side of the tag less its edge
 *                       band by more than this fraction of that rectangle's width or height, the cheapest path from
 *                       the mask to that side is pinned as foreground and GrabCut runs once more
 *                       ({@link org.boxrefine.snap.Reach}); 0 disables. Snaps with {@link JointGrabCut}
 */
public record SnapConfig(boolean enabled, double sizePx, double minSizePx, double marginFraction, int iterations,
        double seedThreshold, SnapStart start, double priorWeight, double guideRadius, double autoConfidence, double autoMarginFraction,
        double autoTagConfidence, double edgeBandFraction, double networkWeight, int networkIterations,
        double shapeWeight, boolean edgeBandLearned, double smoothness, int backgroundComponents, double reachGap) {

    /** The guided filter's regularisation (squared colour difference on a 0..1 scale). */
    public static final double GUIDE_EPSILON = 0.05;

    public SnapConfig {
        if (!(autoConfidence > 0 && autoConfidence <= 1)) {
            throw new IllegalArgumentException("snap auto confidence must be in (0, 1], found " + autoConfidence);
        }
        if (!(autoTagConfidence > 0 && autoTagConfidence <= 1)) {
            throw new IllegalArgumentException("snap auto tag confidence must be in (0, 1], found "
                    + autoTagConfidence);
        }
        if (!(autoMarginFraction >= 0 && autoMarginFraction <= 2)) {
            throw new IllegalArgumentException("snap auto margin must be in [0, 2] tag sizes, found "
                    + autoMarginFraction);
        }
        if (!(edgeBandFraction >= 0 && edgeBandFraction <= MAX_EDGE_BAND)) {
            throw new IllegalArgumentException("snap edge band must be in [0, " + MAX_EDGE_BAND
                    + "] of the tag's width and height, found " + edgeBandFraction);
        }
        if (!(networkWeight >= 0 && networkWeight <= MAX_NETWORK_WEIGHT)) {
            throw new IllegalArgumentException("snap network weight must be in [0, " + MAX_NETWORK_WEIGHT
                    + "], found " + networkWeight);
        }
        if (!(shapeWeight >= 0 && shapeWeight <= MAX_NETWORK_WEIGHT)) {
            throw new IllegalArgumentException("snap shape weight must be in [0, " + MAX_NETWORK_WEIGHT
                    + "], found " + shapeWeight);
        }
        if (backgroundComponents < 1 || backgroundComponents > MAX_COMPONENTS) {
            throw new IllegalArgumentException("snap background components must be in [1, " + MAX_COMPONENTS
                    + "], found " + backgroundComponents);
        }
        if (!(smoothness >= 0 && smoothness <= MAX_SMOOTHNESS)) {
            throw new IllegalArgumentException("snap smoothness must be in [0, " + MAX_SMOOTHNESS + "], found "
                    + smoothness);
        }
        if (!(reachGap >= 0 && reachGap <= MAX_REACH_GAP)) {
            throw new IllegalArgumentException("snap reach gap must be in [0, " + MAX_REACH_GAP
                    + "] of the tag's width and height, found " + reachGap);
        }
        if (networkIterations < 0 || networkIterations > iterations) {
            throw new IllegalArgumentException("snap network iterations must be in [0, " + iterations
                    + "] (the GrabCut iterations), found " + networkIterations);
        }
        if (!(guideRadius >= 0 && guideRadius <= 16)) {
            throw new IllegalArgumentException("snap guide radius must be in [0, 16] px, found " + guideRadius);
        }
        if (start == null) {
            throw new IllegalArgumentException("snap start is required (rectangle, network or prior), found null");
        }
        if (!(priorWeight > 0 && priorWeight <= 4)) {
            throw new IllegalArgumentException("snap prior weight must be in (0, 4], found " + priorWeight);
        }
        if (!(sizePx >= 16)) {
            throw new IllegalArgumentException("snap size must be at least 16 px, found " + sizePx);
        }
        if (!(minSizePx >= 0 && minSizePx <= MAX_MIN_SIZE_PX)) {
            throw new IllegalArgumentException("snap minimum size must be in [0, " + MAX_MIN_SIZE_PX
                    + "] px, found " + minSizePx);
        }
        if (!(marginFraction >= 0 && marginFraction <= 2)) {
            throw new IllegalArgumentException("snap margin must be in [0, 2] tag sizes, found " + marginFraction);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("snap iterations must be at least 1, found " + iterations);
        }
        if (!(seedThreshold > 0 && seedThreshold < 1)) {
            throw new IllegalArgumentException("snap seed threshold must be in (0, 1), found " + seedThreshold);
        }
    }

    /** The most a small tag is enlarged for GrabCut (see {@link #minSizePx()}). */
    public static final double MAX_UPSCALE = 4;

    /** The largest {@link #minSizePx()} accepted. */
    public static final double MAX_MIN_SIZE_PX = 4096;

    /** Default {@link #minSizePx()} (docs/EVALUATION.md). */
    public static final double DEFAULT_MIN_SIZE_PX = 200;

    /** The widest {@link #edgeBandFraction()} accepted: a quarter of the tag on each side. */
    public static final double MAX_EDGE_BAND = 0.25;

    /** {@link #edgeBandLearned()}: the band is this many times the labels' median gap to the tag's sides. */
    public static final double LEARNED_BAND_FACTOR = 2;

    /** Default {@link #edgeBandFraction()} (docs/EVALUATION.md). */
    public static final double DEFAULT_EDGE_BAND = 0.06;

    /** The largest {@link #networkWeight()} (and {@link #shapeWeight()}) accepted. */
    public static final double MAX_NETWORK_WEIGHT = 4;

    /** Default {@link #networkWeight()} (docs/EVALUATION.md). */
    public static final double DEFAULT_NETWORK_WEIGHT = 0.25;

    /** Default {@link #shapeWeight()} (docs/EVALUATION.md). */
    public static final double DEFAULT_SHAPE_WEIGHT = 0.75;

    /** The largest {@link #smoothness()} accepted: ten times OpenCV's. */
    public static final double MAX_SMOOTHNESS = 10 * JointGrabCut.OPENCV_SMOOTHNESS;

    /** OpenCV's GrabCut: five components in each colour model. */
    public static final int OPENCV_COMPONENTS = 5;

    /** The most {@link #backgroundComponents()} accepted. */
    public static final int MAX_COMPONENTS = 16;

    /** Default {@link #backgroundComponents()} (docs/EVALUATION.md). */
    public static final int DEFAULT_BACKGROUND_COMPONENTS = 12;

    /** Default {@link #smoothness()} (docs/EVALUATION.md). */
    public static final double DEFAULT_SMOOTHNESS = 25;

    /** Default {@link #reachGap()} (docs/EVALUATION.md). */
    public static final double DEFAULT_REACH_GAP = 0.02;

    /** The largest {@link #reachGap()} accepted. */
    public static final double MAX_REACH_GAP = 0.5;

    /** Default {@link #iterations()} (docs/EVALUATION.md). */
    public static final int DEFAULT_ITERATIONS = 3;

    /** Default {@link #networkIterations()}: all of them (docs/EVALUATION.md). */
    public static final int DEFAULT_NETWORK_ITERATIONS = DEFAULT_ITERATIONS;

    /** Default {@link #autoConfidence()} (docs/EVALUATION.md). */
    public static final double AUTO_CONFIDENCE = 0.82;

    /** Default {@link #autoTagConfidence()} (docs/EVALUATION.md). */
    public static final double AUTO_TAG_CONFIDENCE = 0.75;

    /** Default {@link #autoMarginFraction()} (docs/EVALUATION.md). */
    public static final double AUTO_MARGIN = 0.1;

    /** No snapping: the network's thresholded map is the mask. */
    public static SnapConfig off() {
        return new SnapConfig(false, 256, 0, 0.1, 5, 0.5, SnapStart.NETWORK, 0.5, 0, AUTO_CONFIDENCE, AUTO_MARGIN,
                AUTO_TAG_CONFIDENCE, 0, 0, 0, 0, false, JointGrabCut.OPENCV_SMOOTHNESS, OPENCV_COMPONENTS, 0);
    }

    /** The measured defaults (docs/EVALUATION.md). */
    public static SnapConfig defaults() {
        return new SnapConfig(true, 320, DEFAULT_MIN_SIZE_PX, 2.0, DEFAULT_ITERATIONS, 0.5, SnapStart.RECTANGLE, 0.5,
                4, AUTO_CONFIDENCE, AUTO_MARGIN, AUTO_TAG_CONFIDENCE, DEFAULT_EDGE_BAND, DEFAULT_NETWORK_WEIGHT,
                DEFAULT_NETWORK_ITERATIONS, DEFAULT_SHAPE_WEIGHT, true, DEFAULT_SMOOTHNESS,
                DEFAULT_BACKGROUND_COMPONENTS, DEFAULT_REACH_GAP);
    }

    /**
     * The scale GrabCut runs a tag at: shrunk so that its size is at most {@link #sizePx()}, enlarged so that it
     * is at least {@link #minSizePx()} or {@link #sizePx()}, whichever is less (at most {@link #MAX_UPSCALE} times).
     */
    public double scaleFor(BoxPx tag) {
        double size = Math.max(1e-9, tag.sizePx());
        double least = Math.min(minSizePx, sizePx);
        if (size < least) {
            return Math.min(MAX_UPSCALE, least / size);
        }
        return Math.min(1.0, sizePx / size);
    }

    /**
     * Size (px) of a tag when GrabCut makes {@link InitialLabels#GRABCUT}'s training labels: tags are shrunk or enlarged
     * to it (labels are used at the working scale, so the final snapping's detail is not needed; docs/EVALUATION.md).
     */
    public static final double LABEL_SIZE_PX = 200;

    /** GrabCut iterations for {@link InitialLabels#GRABCUT}'s training labels. */
    public static final int LABEL_ITERATIONS = 5;

    /**
     * The settings of the GrabCut that makes {@link InitialLabels#GRABCUT}'s training labels: these context and edge
     * band (fixed, not learned), the rectangle start on colours alone (no shape prior) with OpenCV's GrabCut,
     * smoothness and colour models, tags at {@link #LABEL_SIZE_PX}, {@link #LABEL_ITERATIONS} iterations, bilinear
     * enlargement.
     */
    public SnapConfig forLabels() {
        return new SnapConfig(true, LABEL_SIZE_PX, LABEL_SIZE_PX, marginFraction, LABEL_ITERATIONS, seedThreshold,
                SnapStart.RECTANGLE, priorWeight, 0, autoConfidence, autoMarginFraction, autoTagConfidence,
                edgeBandFraction, 0, 0, 0, false, JointGrabCut.OPENCV_SMOOTHNESS, OPENCV_COMPONENTS, 0);
    }

    /** The same settings with another start. */
    public SnapConfig withStart(SnapStart newStart) {
        return new SnapConfig(enabled, sizePx, minSizePx, marginFraction, iterations, seedThreshold, newStart,
                priorWeight, guideRadius, autoConfidence, autoMarginFraction, autoTagConfidence, edgeBandFraction,
                networkWeight, networkIterations, shapeWeight, edgeBandLearned, smoothness, backgroundComponents, reachGap);
    }

    /** The same settings with a fixed edge band of {@code newEdgeBandFraction} (not learned). */
    public SnapConfig withEdgeBand(double newEdgeBandFraction) {
        return new SnapConfig(enabled, sizePx, minSizePx, marginFraction, iterations, seedThreshold, start,
                priorWeight, guideRadius, autoConfidence, autoMarginFraction, autoTagConfidence, newEdgeBandFraction,
                networkWeight, networkIterations, shapeWeight, false, smoothness, backgroundComponents, reachGap);
    }

    /** The same settings with the edge band learned ({@link #edgeBandLearned()}), at most {@code maxFraction}. */
    public SnapConfig withLearnedEdgeBand(double maxFraction) {
        return new SnapConfig(enabled, sizePx, minSizePx, marginFraction, iterations, seedThreshold, start,
                priorWeight, guideRadius, autoConfidence, autoMarginFraction, autoTagConfidence, maxFraction,
                networkWeight, networkIterations, shapeWeight, true, smoothness, backgroundComponents, reachGap);
    }

    /** The same settings with another network term ({@link #networkWeight()}, {@link #networkIterations()}). */
    public SnapConfig withNetworkTerm(double newWeight, int newIterations) {
        return new SnapConfig(enabled, sizePx, minSizePx, marginFraction, iterations, seedThreshold, start,
                priorWeight, guideRadius, autoConfidence, autoMarginFraction, autoTagConfidence, edgeBandFraction,
                newWeight, newIterations, shapeWeight, edgeBandLearned, smoothness, backgroundComponents, reachGap);
    }

    /** The same settings with another {@link #shapeWeight()}. */
    public SnapConfig withShapeWeight(double newWeight) {
        return new SnapConfig(enabled, sizePx, minSizePx, marginFraction, iterations, seedThreshold, start,
                priorWeight, guideRadius, autoConfidence, autoMarginFraction, autoTagConfidence, edgeBandFraction,
                networkWeight, networkIterations, newWeight, edgeBandLearned, smoothness, backgroundComponents, reachGap);
    }

    /** The same settings with another {@link #smoothness()}. */
    public SnapConfig withSmoothness(double newSmoothness) {
        return new SnapConfig(enabled, sizePx, minSizePx, marginFraction, iterations, seedThreshold, start,
                priorWeight, guideRadius, autoConfidence, autoMarginFraction, autoTagConfidence, edgeBandFraction,
                networkWeight, networkIterations, shapeWeight, edgeBandLearned, newSmoothness,
                backgroundComponents, reachGap);
    }

    /** The same settings with another {@link #backgroundComponents()}. */
    public SnapConfig withBackgroundComponents(int newComponents) {
        return new SnapConfig(enabled, sizePx, minSizePx, marginFraction, iterations, seedThreshold, start,
                priorWeight, guideRadius, autoConfidence, autoMarginFraction, autoTagConfidence, edgeBandFraction,
                networkWeight, networkIterations, shapeWeight, edgeBandLearned, smoothness, newComponents, reachGap);
    }

    /** The same settings with another {@link #reachGap()}. */
    public SnapConfig withReachGap(double newReachGap) {
        return new SnapConfig(enabled, sizePx, minSizePx, marginFraction, iterations, seedThreshold, start,
                priorWeight, guideRadius, autoConfidence, autoMarginFraction, autoTagConfidence, edgeBandFraction,
                networkWeight, networkIterations, shapeWeight, edgeBandLearned, smoothness, backgroundComponents,
                newReachGap);
    }
}
