package org.boxrefine.patch;

import java.util.random.RandomGenerator;

/**
 * Augmentation of training patches in place, on the normalised channel-first floats that
 * {@link PatchExtractor} writes: a left-right mirror and a colour jitter. Labels are unchanged:
 * for the odd patch sizes of the dense network the mirror keeps the centre pixel where it is (for
 * even sizes it mirrors about the patch's middle, moving the centre by one column).
 */
public final class PatchAugment {
    /** Luma weights of R, G and B (ITU-R BT.601), which sum to 1. */
    static final float WEIGHT_R = 0.299f;
    static final float WEIGHT_G = 0.587f;
    static final float WEIGHT_B = 0.114f;
    /** The normalised values of raw 0 and 255, between which jittered values are clamped. */
    static final float LOW = (0 - PatchExtractor.MEAN) / PatchExtractor.SCALE;
    static final float HIGH = (255 - PatchExtractor.MEAN) / PatchExtractor.SCALE;

    private PatchAugment() {
    }

    /**
     * Augments the patch at {@code offset} as {@code cfg} says: mirrored with probability 1/2 when
     * {@link SamplingConfig#flip()}, then jittered with factors drawn from
     * {@code [1 - a, 1 + a]} for {@code a = }{@link SamplingConfig#colourJitter()} &gt; 0. Draws
     * from {@code rng} only for the augmentations that are on, so it leaves both the patch and
     * {@code rng} alone when none is.
     */
    public static void augment(float[] chw, int offset, int sizePx, SamplingConfig cfg, RandomGenerator rng) {
        if (cfg.flip() && rng.nextBoolean()) {
            flipHorizontal(chw, offset, sizePx);
        }
        double a = cfg.colourJitter();
        if (a > 0) {
            float brightness = (float) (1 + a * (2 * rng.nextDouble() - 1));
            float contrast = (float) (1 + a * (2 * rng.nextDouble() - 1));
            float saturation = (float) (1 + a * (2 * rng.nextDouble() - 1));
            jitter(chw, offset, sizePx, brightness, contrast, saturation);
        }
    }

    /** Mirrors the {@code [3][size][size]} patch at {@code offset} left to right, in place. */
    public static void flipHorizontal(float[] chw, int offset, int sizePx) {
        int rows = 3 * sizePx;
        for (int r = 0; r < rows; r++) {
            int lo = offset + r * sizePx;
            int hi = lo + sizePx - 1;
            while (lo < hi) {
                float t = chw[lo];
                chw[lo] = chw[hi];
                chw[hi] = t;
                lo++;
                hi--;
            }
        }
    }

    /**
     * Changes the colours of the {@code [3][size][size]} patch at {@code offset} in place, as
     * these steps on raw 0..255 values would, in this order: saturation (each pixel blended with
     * its grey, {@code grey + s * (v - grey)}), contrast (blended with the patch's mean grey,
     * {@code mean + c * (v - mean)}), brightness ({@code b * v}); the result is clamped to the raw
     * range. Factors of 1 leave the patch as it was, up to rounding.
     */
    public static void jitter(float[] chw, int offset, int sizePx, float brightness, float contrast,
            float saturation) {
        int plane = sizePx * sizePx;
        int g0 = offset + plane;
        int b0 = offset + 2 * plane;
        double sum = 0;
        for (int i = 0; i < plane; i++) {
            sum += WEIGHT_R * chw[offset + i] + WEIGHT_G * chw[g0 + i] + WEIGHT_B * chw[b0 + i];
        }
        float mean = (float) (sum / plane);
        // On normalised values v = (raw - MEAN) / SCALE, "raw * b" is "v * b + (b - 1) * MEAN / SCALE".
        float shift = (brightness - 1) * PatchExtractor.MEAN / PatchExtractor.SCALE;
        float gain = brightness * contrast * saturation;
        float greyGain = brightness * contrast;
        float base = brightness * mean * (1 - contrast) + shift;
        for (int i = 0; i < plane; i++) {
            float r = chw[offset + i];
            float g = chw[g0 + i];
            float b = chw[b0 + i];
            float grey = WEIGHT_R * r + WEIGHT_G * g + WEIGHT_B * b;
            float common = base + greyGain * grey - gain * grey;
            chw[offset + i] = clamp(common + gain * r);
            chw[g0 + i] = clamp(common + gain * g);
            chw[b0 + i] = clamp(common + gain * b);
        }
    }

    private static float clamp(float v) {
        return v < LOW ? LOW : (v > HIGH ? HIGH : v);
    }
}
