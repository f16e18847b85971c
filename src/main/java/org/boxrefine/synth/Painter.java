package org.boxrefine.synth;

import java.util.random.RandomGenerator;

/**
 * Paints backgrounds and object textures into a float RGB canvas (interleaved, row-major,
 * 0..255 scale, not clamped until {@link #toBytes}).
 */
final class Painter {
    private final int width;
    private final int height;
    private final float[] rgb;

    Painter(int width, int height) {
        this.width = width;
        this.height = height;
        this.rgb = new float[3 * width * height];
    }

    /** A colour from hue (degrees), saturation and value (0..1), as 0..255 RGB. */
    static float[] hsv(double hueDeg, double sat, double val) {
        double h = ((hueDeg % 360) + 360) % 360 / 60.0;
        int sector = (int) h;
        double f = h - sector;
        double p = val * (1 - sat);
        double q = val * (1 - sat * f);
        double t = val * (1 - sat * (1 - f));
        double r;
        double g;
        double b;
        switch (sector) {
            case 0 -> { r = val; g = t; b = p; }
            case 1 -> { r = q; g = val; b = p; }
            case 2 -> { r = p; g = val; b = t; }
            case 3 -> { r = p; g = q; b = val; }
            case 4 -> { r = t; g = p; b = val; }
            default -> { r = val; g = p; b = q; }
        }
        return new float[] {(float) (255 * r), (float) (255 * g), (float) (255 * b)};
    }

    /** Paints the whole canvas as {@code kind} around hue {@code hueDeg}. */
    void background(BackgroundKind kind, double hueDeg, RandomGenerator rng) {
        int n = width * height;
        float[] t = new float[n];
        float[] c1;
        float[] c2;
        switch (kind) {
            case VALUE_NOISE -> {
                c1 = hsv(hueDeg, Rng.uniform(rng, 0.2, 0.7), Rng.uniform(rng, 0.25, 0.55));
                c2 = hsv(hueDeg + Rng.uniform(rng, -40, 40), Rng.uniform(rng, 0.2, 0.7), Rng.uniform(rng, 0.55, 0.9));
                double cell = Rng.uniform(rng, 8, 30);
                t = ValueNoise.field(rng, width, height, cell, cell, 3);
            }
            case GRADIENT -> {
                c1 = hsv(hueDeg, Rng.uniform(rng, 0.2, 0.8), Rng.uniform(rng, 0.2, 0.9));
                c2 = hsv(hueDeg + Rng.uniform(rng, 20, 120), Rng.uniform(rng, 0.2, 0.8), Rng.uniform(rng, 0.2, 0.9));
                double angle = Rng.uniform(rng, 0, 2 * Math.PI);
                linear(t, angle);
                float[] wobble = ValueNoise.field(rng, width, height, 20, 20, 2);
                for (int i = 0; i < n; i++) {
                    t[i] = clamp01(t[i] + 0.25f * (wobble[i] - 0.5f));
                }
            }
            case STRIPES -> {
                c1 = hsv(hueDeg, Rng.uniform(rng, 0.2, 0.7), Rng.uniform(rng, 0.3, 0.6));
                c2 = hsv(hueDeg + Rng.uniform(rng, -60, 60), Rng.uniform(rng, 0.2, 0.7), Rng.uniform(rng, 0.55, 0.9));
                stripes(t, Rng.uniform(rng, 0, Math.PI), Rng.uniform(rng, 10, 28), Rng.uniform(rng, 0.8, 2.5),
                        Rng.uniform(rng, 0, 2 * Math.PI));
                float[] wobble = ValueNoise.field(rng, width, height, 16, 16, 2);
                for (int i = 0; i < n; i++) {
                    t[i] = clamp01(0.8f * t[i] + 0.4f * (wobble[i] - 0.25f));
                }
            }
            case GRASS -> {
                c1 = hsv(hueDeg, Rng.uniform(rng, 0.5, 0.9), Rng.uniform(rng, 0.15, 0.35));
                c2 = hsv(hueDeg + Rng.uniform(rng, -15, 15), Rng.uniform(rng, 0.35, 0.8), Rng.uniform(rng, 0.5, 0.85));
                float[] blades = ValueNoise.field(rng, width, height, Rng.uniform(rng, 1.2, 2.5),
                        Rng.uniform(rng, 5, 10), 2);
                float[] patches = ValueNoise.field(rng, width, height, 24, 24, 2);
                for (int i = 0; i < n; i++) {
                    t[i] = clamp01(1.4f * (blades[i] - 0.5f) + 0.6f * patches[i] + 0.2f);
                }
            }
            default -> throw new IllegalStateException("unknown background " + kind);
        }
        mix(null, t, c1, c2);
    }

    /**
     * Paints {@code texture} in colours {@code c1}/{@code c2} over the pixels set in {@code mask}.
     */
    void object(byte[] mask, TextureKind texture, float[] c1, float[] c2, RandomGenerator rng) {
        int n = width * height;
        float[] t = new float[n];
        switch (texture) {
            case SOLID -> {
                float[] shade = ValueNoise.field(rng, width, height, 12, 12, 2);
                for (int i = 0; i < n; i++) {
                    t[i] = 0.15f * shade[i] + (float) (0.05 * rng.nextGaussian());
                }
            }
            case STRIPES -> stripes(t, Rng.uniform(rng, 0, Math.PI), Rng.uniform(rng, 4, 12),
                    Rng.uniform(rng, 1.5, 6), Rng.uniform(rng, 0, 2 * Math.PI));
            case CHECKER -> checker(t, Rng.uniform(rng, 0, Math.PI / 2), Rng.uniform(rng, 3, 9));
            case GRADIENT -> {
                linear(t, Rng.uniform(rng, 0, 2 * Math.PI));
                stretchOver(t, mask);
            }
            case BLOTCHY -> {
                double cell = Rng.uniform(rng, 5, 12);
                float[] f = ValueNoise.field(rng, width, height, cell, cell, 2);
                for (int i = 0; i < n; i++) {
                    float u = clamp01((f[i] - 0.4f) / 0.2f);
                    t[i] = u * u * (3 - 2 * u);
                }
            }
            default -> throw new IllegalStateException("unknown texture " + texture);
        }
        mix(mask, t, c1, c2);
    }

    /** Adds Gaussian noise of {@code sigma} to every channel and rounds to 0..255 bytes. */
    byte[] toBytes(double sigma, RandomGenerator rng) {
        byte[] out = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            double v = rgb[i] + (sigma > 0 ? sigma * rng.nextGaussian() : 0);
            out[i] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
        }
        return out;
    }

    /** {@code t} = position along direction {@code angle}, 0 at one image corner and 1 at the other. */
    private void linear(float[] t, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double lo = Math.min(0, c * (width - 1)) + Math.min(0, s * (height - 1));
        double hi = Math.max(0, c * (width - 1)) + Math.max(0, s * (height - 1));
        double inv = hi > lo ? 1 / (hi - lo) : 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                t[y * width + x] = (float) ((c * x + s * y - lo) * inv);
            }
        }
    }

    /** Rescales {@code t} so that over the pixels of {@code mask} it spans [0, 1]. */
    private static void stretchOver(float[] t, byte[] mask) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < t.length; i++) {
            if (mask[i] != 0) {
                lo = Math.min(lo, t[i]);
                hi = Math.max(hi, t[i]);
            }
        }
        float inv = hi > lo ? 1 / (hi - lo) : 0;
        for (int i = 0; i < t.length; i++) {
            t[i] = clamp01((t[i] - lo) * inv);
        }
    }

    private void stripes(float[] t, double angle, double period, double sharpness, double phase) {
        double c = Math.cos(angle) * 2 * Math.PI / period;
        double s = Math.sin(angle) * 2 * Math.PI / period;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = sharpness * Math.sin(c * x + s * y + phase);
                t[y * width + x] = (float) (0.5 + 0.5 * Math.max(-1, Math.min(1, v)));
            }
        }
    }

    private void checker(float[] t, double angle, double cell) {
        double c = Math.cos(angle) / cell;
        double s = Math.sin(angle) / cell;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                long u = (long) Math.floor(c * x - s * y + 1000);
                long v = (long) Math.floor(s * x + c * y + 1000);
                t[y * width + x] = ((u + v) & 1) == 0 ? 0f : 1f;
            }
        }
    }

    /** Sets each pixel of {@code mask} (all when null) to {@code c1 + t (c2 - c1)}. */
    private void mix(byte[] mask, float[] t, float[] c1, float[] c2) {
        for (int i = 0; i < t.length; i++) {
            if (mask != null && mask[i] == 0) {
                continue;
            }
            float w = t[i];
            rgb[3 * i] = c1[0] + w * (c2[0] - c1[0]);
            rgb[3 * i + 1] = c1[1] + w * (c2[1] - c1[1]);
            rgb[3 * i + 2] = c1[2] + w * (c2[2] - c1[2]);
        }
    }

    private static float clamp01(float v) {
        return Math.max(0f, Math.min(1f, v));
    }
}
