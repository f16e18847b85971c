package org.boxrefine.patch;

import java.util.List;
import org.boxrefine.geom.BoxPx;

/**
 * Chooses the scale at which patches are cut: the image is resized so that its median tag's
 * size ({@link BoxPx#sizePx()}, the geometric mean of width and height) becomes
 * {@code tagSizePx}, never enlarged more than {@code maxUpscale} times.
 */
public record WorkingScale(double tagSizePx, double maxUpscale) {
    public WorkingScale {
        if (!(tagSizePx >= 8)) {
            throw new IllegalArgumentException("working tag size must be at least 8 px, found " + tagSizePx);
        }
        if (!(maxUpscale >= 1)) {
            throw new IllegalArgumentException("max upscale must be at least 1, found " + maxUpscale);
        }
    }

    /** Scale factor (working px per original px) for an image with these tags. */
    public double factor(List<BoxPx> tags, int widthPx, int heightPx) {
        double size;
        if (tags.isEmpty()) {
            size = Math.sqrt((double) widthPx * heightPx) * 0.5;
        } else {
            double[] sizes = tags.stream().mapToDouble(BoxPx::sizePx).sorted().toArray();
            size = median(sizes);
        }
        if (size <= 0) {
            return 1;
        }
        return Math.min(maxUpscale, tagSizePx / size);
    }

    /** Working width or height for an original length: at least 1 px. */
    public static int scaledLength(int lengthPx, double factor) {
        return Math.max(1, (int) Math.round(lengthPx * factor));
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
