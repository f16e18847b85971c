package org.boxrefine.synth;

/**
 * What {@link SceneGenerator} draws from; every range is inclusive and drawn uniformly.
 * Holds no seed: the same configuration serves any number of seeds.
 *
 * @param minWidthPx       smallest image width
 * @param maxWidthPx       largest image width
 * @param minHeightPx      smallest image height
 * @param maxHeightPx      largest image height
 * @param minObjects       fewest objects asked for per image
 * @param maxObjects       most objects asked for per image; an object that cannot be placed
 *                         within {@code maxOccludedFrac} after many tries is left out, which
 *                         happens only when the image is crowded
 * @param minObjectFrac    smallest object size: the longer side of the object's unrotated frame
 *                         as a fraction of the image's shorter side
 * @param maxObjectFrac    largest object size, same unit
 * @param minPadFrac       smallest padding of the loose box per side, as a fraction of the tight
 *                         box's width (left, right) or height (top, bottom)
 * @param maxPadFrac       largest such padding
 * @param maxOccludedFrac  largest fraction of an object's pixels that later objects may cover
 * @param noiseSigma       standard deviation of the pixel noise added to every channel, in grey
 *                         levels (0..255 scale)
 */
public record SceneConfig(
        int minWidthPx, int maxWidthPx,
        int minHeightPx, int maxHeightPx,
        int minObjects, int maxObjects,
        double minObjectFrac, double maxObjectFrac,
        double minPadFrac, double maxPadFrac,
        double maxOccludedFrac,
        double noiseSigma) {

    /** Smallest image side accepted. */
    public static final int MIN_SIDE_PX = 16;
    /** Largest image side accepted. */
    public static final int MAX_SIDE_PX = 4096;
    /** Most objects per image accepted. */
    public static final int MAX_OBJECTS = 32;
    /** Smallest object frame accepted, in pixels, at the smallest image and object size. */
    public static final int MIN_OBJECT_PX = 8;

    public SceneConfig {
        checkRange("image width (px)", minWidthPx, maxWidthPx, MIN_SIDE_PX, MAX_SIDE_PX);
        checkRange("image height (px)", minHeightPx, maxHeightPx, MIN_SIDE_PX, MAX_SIDE_PX);
        checkRange("objects per image", minObjects, maxObjects, 1, MAX_OBJECTS);
        checkRange("object size fraction", minObjectFrac, maxObjectFrac, false, 0.9);
        checkRange("loose-box padding fraction", minPadFrac, maxPadFrac, true, 1.0);
        if (!(maxOccludedFrac >= 0.0 && maxOccludedFrac <= 0.9)) {
            throw new IllegalArgumentException("maximum occluded fraction must be in [0, 0.9], found "
                    + maxOccludedFrac);
        }
        if (!(noiseSigma >= 0.0 && noiseSigma <= 64.0)) {
            throw new IllegalArgumentException("pixel noise sigma must be in [0, 64] grey levels, found "
                    + noiseSigma);
        }
        double smallestObjectPx = minObjectFrac * Math.min(minWidthPx, minHeightPx);
        if (smallestObjectPx < MIN_OBJECT_PX) {
            throw new IllegalArgumentException("smallest object (minObjectFrac " + minObjectFrac
                    + " of the smallest image side " + Math.min(minWidthPx, minHeightPx) + " px) must be at least "
                    + MIN_OBJECT_PX + " px, found " + smallestObjectPx + " px");
        }
    }

    /**
     * The default: images 96-160 px a side, 1-3 objects of 0.30-0.65 of the shorter side, loose
     * boxes padded 5-10 % per side, at most 25 % of an object occluded, pixel noise sigma 4.
     */
    public static SceneConfig defaults() {
        return new SceneConfig(96, 160, 96, 160, 1, 3, 0.30, 0.65, 0.05, 0.10, 0.25, 4.0);
    }

    /** This configuration with another image size range (both sides). */
    public SceneConfig withImageSize(int minSidePx, int maxSidePx) {
        return new SceneConfig(minSidePx, maxSidePx, minSidePx, maxSidePx, minObjects, maxObjects,
                minObjectFrac, maxObjectFrac, minPadFrac, maxPadFrac, maxOccludedFrac, noiseSigma);
    }

    /** This configuration with another range of objects per image. */
    public SceneConfig withObjects(int min, int max) {
        return new SceneConfig(minWidthPx, maxWidthPx, minHeightPx, maxHeightPx, min, max,
                minObjectFrac, maxObjectFrac, minPadFrac, maxPadFrac, maxOccludedFrac, noiseSigma);
    }

    private static void checkRange(String what, int min, int max, int lo, int hi) {
        if (min < lo || max > hi || min > max) {
            throw new IllegalArgumentException(what + " range must satisfy " + lo + " <= min <= max <= " + hi
                    + ", found [" + min + ", " + max + "]");
        }
    }

    /** Checks {@code 0 < min <= max <= hi}, or {@code 0 <= min} when {@code zeroAllowed}. */
    private static void checkRange(String what, double min, double max, boolean zeroAllowed, double hi) {
        boolean lowOk = zeroAllowed ? min >= 0.0 : min > 0.0;
        if (!(lowOk && min <= max && max <= hi)) {
            throw new IllegalArgumentException(what + " range must satisfy 0 " + (zeroAllowed ? "<=" : "<")
                    + " min <= max <= " + hi + ", found [" + min + ", " + max + "]");
        }
    }
}
