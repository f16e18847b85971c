package org.boxrefine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Centre-weighted input dropout, for training only: each pixel of an input patch (all three
 * channels together) is kept with probability {@code keep(r) = 1 - maxDrop * (r / rMax)^2}, where
 * {@code r} is its distance from the patch's centre pixel and {@code rMax} the distance of the
 * farthest pixel (a corner). The centre pixel is always kept, so the network learns that the
 * centre decides the label. Kept pixels are divided by their keep probability (inverted dropout),
 * so every pixel's expected value is unchanged and prediction needs no correction: prediction
 * never applies this.
 *
 * <p>The masks come from PyTorch's generator, which {@link PatchClassifier#train} seeds from
 * {@link TrainConfig#seed()}: the same seed gives the same masks.
 */
public final class CentreDropout implements AutoCloseable {
    private final int sizePx;
    private final NDManager manager;
    private final NDArray keep;
    private final NDArray scale;

    /**
     * @param parent  the manager under which the keep and scale maps live (closed with this object)
     * @param sizePx  side of the square patches
     * @param maxDrop drop probability of the corner pixels, in [0, 1)
     */
    CentreDropout(NDManager parent, int sizePx, double maxDrop) {
        float[] k = keepProbabilities(sizePx, maxDrop);
        float[] s = new float[k.length];
        for (int i = 0; i < k.length; i++) {
            s[i] = 1f / k[i];
        }
        this.sizePx = sizePx;
        this.manager = parent.newSubManager();
        Shape shape = new Shape(1, 1, sizePx, sizePx);
        this.keep = manager.create(k, shape);
        this.scale = manager.create(s, shape);
    }

    /**
     * The keep probability of every pixel of a {@code sizePx x sizePx} patch, row-major: 1 at the
     * centre pixel (offset {@code sizePx / 2} from the top-left corner), {@code 1 - maxDrop} at the
     * farthest corner, falling with the squared distance in between.
     *
     * @throws IllegalArgumentException when the size is below 1 or {@code maxDrop} is outside [0, 1)
     */
    public static float[] keepProbabilities(int sizePx, double maxDrop) {
        if (sizePx < 1) {
            throw new IllegalArgumentException("patch size must be at least 1 px, found " + sizePx);
        }
        if (!(maxDrop >= 0 && maxDrop < 1)) {
            throw new IllegalArgumentException("centre dropout must be in [0, 1), found " + maxDrop);
        }
        int c = sizePx / 2;
        double rMax2 = 2.0 * c * c;
        double perR2 = rMax2 == 0 ? 0 : maxDrop / rMax2;
        double[] dx2 = new double[sizePx];
        for (int i = 0; i < sizePx; i++) {
            dx2[i] = (double) (i - c) * (i - c);
        }
        float[] out = new float[sizePx * sizePx];
        for (int y = 0; y < sizePx; y++) {
            double dy2 = dx2[y];
            int row = y * sizePx;
            for (int x = 0; x < sizePx; x++) {
                out[row + x] = (float) (1 - perR2 * (dx2[x] + dy2));
            }
        }
        return out;
    }

    /**
     * {@code x} ({@code [n][channels][size][size]}) with pixels dropped: a new array in
     * {@code x}'s manager, drawn from PyTorch's seeded generator.
     */
    NDArray apply(NDArray x) {
        Shape in = x.getShape();
        if (in.dimension() != 4 || in.get(2) != sizePx || in.get(3) != sizePx) {
            throw new IllegalArgumentException("expected [n][channels][" + sizePx + "][" + sizePx + "] patches, found "
                    + in);
        }
        NDArray u = x.getManager().randomUniform(0f, 1f, new Shape(in.get(0), 1, sizePx, sizePx), DataType.FLOAT32);
        NDArray factor = u.lt(keep).toType(DataType.FLOAT32, false).mul(scale);
        return x.mul(factor);
    }

    @Override
    public void close() {
        manager.close();
    }
}
