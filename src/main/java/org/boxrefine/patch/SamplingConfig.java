package org.boxrefine.patch;

/**
 * How patches are drawn from each image.
 *
 * @param patchesPerImage patches per image and epoch, half foreground, half background
 * @param ringFraction    width of the ring around each tag, as a fraction of the tag's size
 * @param ringShare       share of the background patches drawn from that ring (the rest come
 *                        from anywhere outside the tags)
 */
public record SamplingConfig(int patchesPerImage, double ringFraction, double ringShare) {
    public SamplingConfig {
        if (patchesPerImage < 2) {
            throw new IllegalArgumentException("patches per image must be at least 2, found " + patchesPerImage);
        }
        if (!(ringFraction > 0 && ringFraction <= 4)) {
            throw new IllegalArgumentException("ring fraction must be in (0, 4], found " + ringFraction);
        }
        if (!(ringShare >= 0 && ringShare <= 1)) {
            throw new IllegalArgumentException("ring share must be in [0, 1], found " + ringShare);
        }
    }
}
