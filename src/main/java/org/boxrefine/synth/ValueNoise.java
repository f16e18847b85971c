package org.boxrefine.synth;

import java.util.random.RandomGenerator;

/** Smooth value noise: random values on a lattice, interpolated with a smoothstep. */
final class ValueNoise {
    private ValueNoise() {
    }

    /**
     * A {@code width x height} field (row-major) in [0, 1] summing {@code octaves} layers; the
     * first has lattice cells of {@code cellX x cellY} px, each next one half that, at half weight.
     */
    static float[] field(RandomGenerator rng, int width, int height, double cellX, double cellY, int octaves) {
        float[] out = new float[width * height];
        double weight = 1;
        double total = 0;
        for (int o = 0; o < octaves; o++) {
            double cx = Math.max(1.0, cellX / (1 << o));
            double cy = Math.max(1.0, cellY / (1 << o));
            addLayer(rng, out, width, height, cx, cy, (float) weight);
            total += weight;
            weight *= 0.5;
        }
        float inv = (float) (1 / total);
        for (int i = 0; i < out.length; i++) {
            out[i] *= inv;
        }
        return out;
    }

    private static void addLayer(RandomGenerator rng, float[] out, int width, int height,
                                 double cellX, double cellY, float weight) {
        int gw = (int) Math.ceil(width / cellX) + 2;
        int gh = (int) Math.ceil(height / cellY) + 2;
        float[] lattice = new float[gw * gh];
        for (int i = 0; i < lattice.length; i++) {
            lattice[i] = rng.nextFloat();
        }
        double offX = rng.nextDouble();
        double offY = rng.nextDouble();
        for (int y = 0; y < height; y++) {
            double fy = y / cellY + offY;
            int iy = (int) fy;
            float ty = smooth((float) (fy - iy));
            int row0 = iy * gw;
            int row1 = row0 + gw;
            int base = y * width;
            for (int x = 0; x < width; x++) {
                double fx = x / cellX + offX;
                int ix = (int) fx;
                float tx = smooth((float) (fx - ix));
                float top = lattice[row0 + ix] + tx * (lattice[row0 + ix + 1] - lattice[row0 + ix]);
                float bot = lattice[row1 + ix] + tx * (lattice[row1 + ix + 1] - lattice[row1 + ix]);
                out[base + x] += weight * (top + ty * (bot - top));
            }
        }
    }

    private static float smooth(float t) {
        return t * t * (3 - 2 * t);
    }
}
