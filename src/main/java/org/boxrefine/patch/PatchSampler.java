package org.boxrefine.patch;

import java.util.List;
import java.util.random.RandomGenerator;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.geom.PixelRect;

/**
 * Draws seeded patch centres from one image at working scale, {@link SamplingConfig#foregroundShare()} of them
 * foreground: foreground centres uniformly inside the tags (a tag chosen in proportion to its area),
 * background centres part from the ring around each tag (the tag included) and the rest from the
 * whole image; when the tags carry masks, a share ({@link SamplingConfig#insideShare()}) first from
 * inside the tags, outside their masks (skipped when a tag's mask leaves no such pixel to find). A
 * centre's label is {@link ScaledImage#foreground}: inside a tag, or with masks from a re-labelling round,
 * inside a tag's mask.
 */
public final class PatchSampler {
    private static final int MAX_TRIES = 50;

    private PatchSampler() {
    }

    /** Patch centres and labels: {@code x[i], y[i], label[i]} (1 foreground, 0 background). */
    public record Samples(int[] x, int[] y, byte[] label, int count) {
    }

    public static Samples sample(ScaledImage img, SamplingConfig cfg, RandomGenerator rng) {
        int w = img.image().widthPx();
        int h = img.image().heightPx();
        List<PixelRect> rects = img.tags().stream().map(t -> t.pixelRect(w, h)).filter(r -> !r.isEmpty()).toList();
        int n = cfg.patchesPerImage();
        int[] xs = new int[n];
        int[] ys = new int[n];
        byte[] labels = new byte[n];
        int count = 0;
        int wantFg = rects.isEmpty() ? 0 : (int) Math.round(n * cfg.foregroundShare());
        double[] cumArea = new double[rects.size()];
        double total = 0;
        for (int i = 0; i < rects.size(); i++) {
            total += rects.get(i).areaPx();
            cumArea[i] = total;
        }
        for (int k = 0; k < wantFg; k++) {
            for (int t = 0; t < MAX_TRIES; t++) {
                PixelRect r = rects.get(pick(cumArea, rng.nextDouble() * total));
                int x = r.x0Px() + rng.nextInt(r.widthPx());
                int y = r.y0Px() + rng.nextInt(r.heightPx());
                if (img.foreground(x, y)) {
                    xs[count] = x;
                    ys[count] = y;
                    labels[count] = 1;
                    count++;
                    break;
                }
            }
        }
        int wantBg = n - count;
        int wantInside = rects.isEmpty() || img.tagMasks().isEmpty() ? 0 : (int) Math.round(wantBg * cfg.insideShare());
        int wantRing = rects.isEmpty() ? 0 : (int) Math.round((wantBg - wantInside) * cfg.ringShare());
        for (int k = 0; k < wantBg; k++) {
            boolean inside = k < wantInside;
            boolean ring = !inside && k < wantInside + wantRing;
            for (int t = 0; t < MAX_TRIES * (inside ? 2 : 1); t++) {
                int x;
                int y;
                if (inside) {
                    PixelRect r = rects.get(pick(cumArea, rng.nextDouble() * total));
                    x = r.x0Px() + rng.nextInt(r.widthPx());
                    y = r.y0Px() + rng.nextInt(r.heightPx());
                } else if (ring) {
                    BoxPx tag = img.tags().get(rng.nextInt(img.tags().size()));
                    PixelRect g = tag.grow(cfg.ringFraction() * tag.sizePx()).pixelRect(w, h);
                    if (g.isEmpty()) {
                        continue;
                    }
                    x = g.x0Px() + rng.nextInt(g.widthPx());
                    y = g.y0Px() + rng.nextInt(g.heightPx());
                } else {
                    x = rng.nextInt(w);
                    y = rng.nextInt(h);
                }
                if (!img.foreground(x, y)) {
                    xs[count] = x;
                    ys[count] = y;
                    labels[count] = 0;
                    count++;
                    break;
                }
            }
        }
        return new Samples(xs, ys, labels, count);
    }

    private static int pick(double[] cum, double v) {
        for (int i = 0; i < cum.length; i++) {
            if (v < cum[i]) {
                return i;
            }
        }
        return cum.length - 1;
    }
}
