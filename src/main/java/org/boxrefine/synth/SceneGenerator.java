package org.boxrefine.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.RgbImage;

/**
 * Draws synthetic scenes: a textured background, then objects of random {@link ShapeKind}
 * and {@link TextureKind} painted one after another (a later one may cover at most
 * {@link SceneConfig#maxOccludedFrac()} of an earlier one), then pixel noise. An object's truth
 * mask is exactly the set of pixels painted with its texture that stay visible. Objects keep at
 * least one pixel away from the image border. No antialiasing.
 */
public final class SceneGenerator {
    /** Placement attempts per object before it is left out; the size shrinks every few tries. */
    private static final int MAX_TRIES = 60;
    private static final int TRIES_PER_SHRINK = 8;
    private static final double SHRINK = 0.85;
    /** Fewest visible pixels an object may have. */
    private static final int MIN_AREA_PX = 12;
    /** Probability that an object takes the background's hue (with a different texture). */
    private static final double SIMILAR_HUE_PROB = 0.3;

    private static final ShapeKind[] SHAPES = ShapeKind.values();
    private static final TextureKind[] TEXTURES = TextureKind.values();
    private static final BackgroundKind[] BACKGROUNDS = BackgroundKind.values();

    private final SceneConfig config;

    public SceneGenerator(SceneConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("scene generator needs a configuration, found null");
        }
        this.config = config;
    }

    public SceneConfig config() {
        return config;
    }

    /** A new scene; the same generator state gives the same scene. */
    public Scene generate(RandomGenerator rng) {
        int width = Rng.between(rng, config.minWidthPx(), config.maxWidthPx());
        int height = Rng.between(rng, config.minHeightPx(), config.maxHeightPx());
        int n = width * height;
        Painter painter = new Painter(width, height);

        BackgroundKind background = Rng.pick(rng, BACKGROUNDS);
        double backgroundHue = background == BackgroundKind.GRASS
                ? (rng.nextDouble() < 0.7 ? Rng.uniform(rng, 75, 135) : Rng.uniform(rng, 30, 55))
                : Rng.uniform(rng, 0, 360);
        painter.background(background, backgroundHue, rng);

        int wanted = Rng.between(rng, config.minObjects(), config.maxObjects());
        int[] owner = new int[n];
        Arrays.fill(owner, -1);
        List<Long> paintedArea = new ArrayList<>();
        List<ShapeKind> shapes = new ArrayList<>();
        List<TextureKind> textures = new ArrayList<>();
        byte[] scratch = new byte[n];
        int shortSide = Math.min(width, height);

        for (int k = 0; k < wanted; k++) {
            ShapeKind shape = Rng.pick(rng, SHAPES);
            double size = shortSide * Rng.uniform(rng, config.minObjectFrac(), config.maxObjectFrac());
            long area = -1;
            for (int attempt = 0; attempt < MAX_TRIES && area < 0; attempt++) {
                if (attempt > 0 && attempt % TRIES_PER_SHRINK == 0) {
                    size *= SHRINK;
                }
                area = place(Shapes.random(shape, size, rng), width, height, owner, paintedArea, scratch, rng);
            }
            if (area < 0) {
                continue;
            }
            int id = paintedArea.size();
            for (int i = 0; i < n; i++) {
                if (scratch[i] != 0) {
                    owner[i] = id;
                }
            }
            paintedArea.add(area);
            shapes.add(shape);
            TextureKind texture = paintObject(painter, scratch, background, backgroundHue, rng);
            textures.add(texture);
        }
        if (paintedArea.isEmpty()) {
            throw new IllegalStateException("could not place any object in a " + width + "x" + height
                    + " image with " + config);
        }

        List<SceneObject> objects = new ArrayList<>(paintedArea.size());
        for (int id = 0; id < paintedArea.size(); id++) {
            objects.add(object(id, owner, width, height, shapes.get(id), textures.get(id), rng));
        }
        RgbImage image = new RgbImage(width, height, painter.toBytes(config.noiseSigma(), rng));
        return new Scene(image, objects, background);
    }

    /**
     * Tries one random position for {@code outline}; on success leaves its pixels in
     * {@code scratch} and returns their count, else returns -1.
     */
    private long place(Outline outline, int width, int height, int[] owner, List<Long> paintedArea,
                       byte[] scratch, RandomGenerator rng) {
        double[] b = outline.bounds();
        double margin = 1.0;
        double loX = margin - b[0];
        double hiX = width - margin - b[2];
        double loY = margin - b[1];
        double hiY = height - margin - b[3];
        if (hiX < loX || hiY < loY) {
            return -1;
        }
        Outline placed = outline.transformed(0, Rng.uniform(rng, loX, hiX), Rng.uniform(rng, loY, hiY));
        placed.rasterize(scratch, width, height);
        int objects = paintedArea.size();
        long[] covered = new long[objects];
        long[] visible = new long[objects];
        long area = 0;
        for (int i = 0; i < scratch.length; i++) {
            int o = owner[i];
            if (o >= 0) {
                visible[o]++;
            }
            if (scratch[i] != 0) {
                area++;
                if (o >= 0) {
                    covered[o]++;
                }
            }
        }
        if (area < MIN_AREA_PX) {
            return -1;
        }
        for (int o = 0; o < objects; o++) {
            long total = paintedArea.get(o);
            long hidden = total - visible[o] + covered[o];
            if (hidden > config.maxOccludedFrac() * total || visible[o] - covered[o] < MIN_AREA_PX) {
                return -1;
            }
        }
        return area;
    }

    /** Chooses a texture and colours for an object and paints it; returns the texture. */
    private static TextureKind paintObject(Painter painter, byte[] mask, BackgroundKind background,
                                           double backgroundHue, RandomGenerator rng) {
        boolean similar = rng.nextDouble() < SIMILAR_HUE_PROB;
        TextureKind texture;
        double hue;
        if (similar) {
            TextureKind lookalike = lookalike(background);
            do {
                texture = Rng.pick(rng, TEXTURES);
            } while (texture == lookalike);
            hue = backgroundHue + Rng.uniform(rng, -25, 25);
        } else {
            texture = Rng.pick(rng, TEXTURES);
            hue = backgroundHue + Rng.uniform(rng, 60, 300);
        }
        boolean grey = rng.nextDouble() < 0.1;
        double sat = grey ? Rng.uniform(rng, 0, 0.15) : Rng.uniform(rng, 0.35, 0.95);
        double val = Rng.uniform(rng, 0.3, 0.95);
        float[] c1 = Painter.hsv(hue, sat, val);
        float[] c2;
        if (texture == TextureKind.SOLID) {
            c2 = Painter.hsv(hue, sat, Math.max(0, val - 0.35));
        } else if (rng.nextDouble() < 0.5) {
            double val2 = val > 0.6 ? val - Rng.uniform(rng, 0.3, 0.5) : val + Rng.uniform(rng, 0.3, 0.5);
            c2 = Painter.hsv(hue + Rng.uniform(rng, -15, 15), sat, Math.min(1, Math.max(0.05, val2)));
        } else {
            c2 = Painter.hsv(hue + Rng.uniform(rng, 90, 270), Rng.uniform(rng, 0.3, 0.95), Rng.uniform(rng, 0.3, 0.95));
        }
        painter.object(mask, texture, c1, c2, rng);
        return texture;
    }

    /** The object texture that looks most like a background kind. */
    private static TextureKind lookalike(BackgroundKind background) {
        return switch (background) {
            case VALUE_NOISE -> TextureKind.BLOTCHY;
            case GRADIENT -> TextureKind.GRADIENT;
            case STRIPES -> TextureKind.STRIPES;
            case GRASS -> TextureKind.SOLID;
        };
    }

    private SceneObject object(int id, int[] owner, int width, int height, ShapeKind shape, TextureKind texture,
                               RandomGenerator rng) {
        byte[] bits = new byte[width * height];
        int minX = width;
        int minY = height;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < height; y++) {
            int base = y * width;
            for (int x = 0; x < width; x++) {
                if (owner[base + x] == id) {
                    bits[base + x] = 1;
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        BoxPx tight = new BoxPx(minX, minY, maxX + 1, maxY + 1);
        SceneObject.Padding pad = new SceneObject.Padding(
                Rng.uniform(rng, config.minPadFrac(), config.maxPadFrac()),
                Rng.uniform(rng, config.minPadFrac(), config.maxPadFrac()),
                Rng.uniform(rng, config.minPadFrac(), config.maxPadFrac()),
                Rng.uniform(rng, config.minPadFrac(), config.maxPadFrac()));
        BoxPx loose = pad.apply(tight).clip(width, height);
        return new SceneObject(new BinaryMask(width, height, bits), tight, loose, pad, shape, texture);
    }
}
