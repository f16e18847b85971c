package org.boxrefine.patch;

/**
 * How patches are drawn from each image, and how training patches are augmented.
 *
 * @param patchesPerImage patches per image and epoch, {@code foregroundShare} of them foreground, the rest background
 * @param ringFraction    width of the ring around each tag, as a fraction of the tag's size
 * @param ringShare       share of the background patches drawn from that ring (the rest come
 *                        from anywhere outside the tags)
 * @param flip            mirror each training patch left to right with probability 1/2
 * @param colourJitter    amplitude of the per-patch colour jitter: brightness, contrast and
 *                        saturation factors drawn uniformly from {@code [1 - a, 1 + a]}
 *                        (see {@link PatchAugment}); 0 turns it off
 * @param insideShare     when tags carry masks (re-labelling, GrabCut labels), the share of the
 *                        background patches drawn from inside the tags, outside their masks, where
 *                        the labels say most; taken before the ring's share
 * @param maxPatchesPerEpoch training budget: on a data set where {@code patchesPerImage} times the
 *                        image count exceeds it, each image gives fewer patches (see
 *                        {@link #forImages(int)}), so training time and memory stop growing with the
 *                        data set while every image still takes part
 * @param foregroundShare the class balance: the share of each image's patches drawn with their centre inside a
 *                        tag (labelled foreground); the rest are background
 */
public record SamplingConfig(int patchesPerImage, double ringFraction, double ringShare, boolean flip,
        double colourJitter, double insideShare, long maxPatchesPerEpoch, double foregroundShare) {

    /** The default class balance: as many foreground as background patches. */
    public static final double DEFAULT_FOREGROUND_SHARE = 0.5;

    /**
     * The default budget: 512 patches from each of 160 images. On the dev splits 128 patches per image scored
     * as 512 did, within one training run's noise (docs/EVALUATION.md), so a larger set trains on all its
     * images at fewer patches each, in the same time.
     */
    public static final long DEFAULT_MAX_PATCHES_PER_EPOCH = 81_920;

    /** Patches per image never drop below this, however large the data set. */
    public static final int MIN_PATCHES_PER_IMAGE = 16;

    public SamplingConfig {
        if (!(foregroundShare >= 0.05 && foregroundShare <= 0.95)) {
            throw new IllegalArgumentException("foreground share must be in [0.05, 0.95], found " + foregroundShare);
        }
        if (maxPatchesPerEpoch < 2) {
            throw new IllegalArgumentException("the patch budget per epoch must be at least 2, found "
                    + maxPatchesPerEpoch);
        }
        if (!(insideShare >= 0 && insideShare <= 1)) {
            throw new IllegalArgumentException("inside share must be in [0, 1], found " + insideShare);
        }
        if (patchesPerImage < 2) {
            throw new IllegalArgumentException("patches per image must be at least 2, found " + patchesPerImage);
        }
        if (!(ringFraction > 0 && ringFraction <= 4)) {
            throw new IllegalArgumentException("ring fraction must be in (0, 4], found " + ringFraction);
        }
        if (!(ringShare >= 0 && ringShare <= 1)) {
            throw new IllegalArgumentException("ring share must be in [0, 1], found " + ringShare);
        }
        if (!(colourJitter >= 0 && colourJitter < 1)) {
            throw new IllegalArgumentException("colour jitter must be in [0, 1), found " + colourJitter);
        }
    }

    /** Sampling without augmentation, with the default budget. */
    public SamplingConfig(int patchesPerImage, double ringFraction, double ringShare) {
        this(patchesPerImage, ringFraction, ringShare, false, 0, 0);
    }

    /** Sampling with the default class balance. */
    public SamplingConfig(int patchesPerImage, double ringFraction, double ringShare, boolean flip,
            double colourJitter, double insideShare, long maxPatchesPerEpoch) {
        this(patchesPerImage, ringFraction, ringShare, flip, colourJitter, insideShare, maxPatchesPerEpoch,
                DEFAULT_FOREGROUND_SHARE);
    }

    /** Sampling with the default budget and class balance. */
    public SamplingConfig(int patchesPerImage, double ringFraction, double ringShare, boolean flip,
            double colourJitter, double insideShare) {
        this(patchesPerImage, ringFraction, ringShare, flip, colourJitter, insideShare,
                DEFAULT_MAX_PATCHES_PER_EPOCH);
    }

    /** Sampling with augmentation and no extra in-tag background. */
    public SamplingConfig(int patchesPerImage, double ringFraction, double ringShare, boolean flip,
            double colourJitter) {
        this(patchesPerImage, ringFraction, ringShare, flip, colourJitter, 0);
    }

    /**
     * The sampling for a data set of {@code images} images: unchanged while they fit the budget, otherwise
     * {@code budget / images} patches per image (an even number, at least {@value #MIN_PATCHES_PER_IMAGE}
     * and never more than {@link #patchesPerImage()}).
     */
    public SamplingConfig forImages(int images) {
        if (images < 1 || (long) images * patchesPerImage <= maxPatchesPerEpoch) {
            return this;
        }
        long share = maxPatchesPerEpoch / images / 2 * 2;
        int perImage = (int) Math.min(patchesPerImage, Math.max(MIN_PATCHES_PER_IMAGE, share));
        return new SamplingConfig(perImage, ringFraction, ringShare, flip, colourJitter, insideShare,
                maxPatchesPerEpoch, foregroundShare);
    }

    /** Whether training patches are changed at all (flipped or jittered). */
    public boolean augments() {
        return flip || colourJitter > 0;
    }
}
