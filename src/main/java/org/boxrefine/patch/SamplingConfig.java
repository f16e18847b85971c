package org.boxrefine.patch;

/**
 * How patches are drawn from each image, and how training patches are augmented.
 *
 * @param patchesPerImage patches per image and epoch, half foreground, half background
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
 */
public record SamplingConfig(int patchesPerImage, double ringFraction, double ringShare, boolean flip,
        double colourJitter, double insideShare) {
    public SamplingConfig {
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

    /** Sampling without augmentation. */
    public SamplingConfig(int patchesPerImage, double ringFraction, double ringShare) {
        this(patchesPerImage, ringFraction, ringShare, false, 0, 0);
    }

    /** Sampling with augmentation and no extra in-tag background. */
    public SamplingConfig(int patchesPerImage, double ringFraction, double ringShare, boolean flip,
            double colourJitter) {
        this(patchesPerImage, ringFraction, ringShare, flip, colourJitter, 0);
    }

    /** Whether training patches are changed at all (flipped or jittered). */
    public boolean augments() {
        return flip || colourJitter > 0;
    }
}
