package org.boxrefine.refine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.ImageSource;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.Components;
import org.boxrefine.image.CroppedMask;
import org.boxrefine.image.Resize;
import org.boxrefine.image.RgbImage;
import org.boxrefine.model.NetArch;
import org.boxrefine.model.PatchClassifier;
import org.boxrefine.model.TrainingListener;
import org.boxrefine.model.TrainingSummary;
import org.boxrefine.patch.PatchExtractor;
import org.boxrefine.patch.PatchStream;
import org.boxrefine.patch.ScaledImage;
import org.boxrefine.patch.WorkingScale;

/**
 * Trains a patch classifier on the tags of a data set and turns tags into masks with it. The
 * classifier is passed in and out; the refiner keeps only its configuration and the summary of
 * its latest training.
 */
public final class Refiner {
    /** Pixels of context (at working scale) predicted around each tag, for interpolation. */
    static final int REGION_MARGIN_PX = 2;
    private static final int PREDICT_BATCH = 256;

    private final RefineConfig config;

    public Refiner(RefineConfig config) {
        this.config = config;
    }

    public RefineConfig config() {
        return config;
    }

    /** The image at working scale with its tags. */
    public ScaledImage scale(RgbImage original, List<Tag> tags) {
        List<BoxPx> boxes = tags.stream().map(Tag::box).toList();
        double f = config.scale().factor(boxes, original.widthPx(), original.heightPx());
        int w = WorkingScale.scaledLength(original.widthPx(), f);
        int h = WorkingScale.scaledLength(original.heightPx(), f);
        double sx = (double) w / original.widthPx();
        double sy = (double) h / original.heightPx();
        RgbImage small = Resize.rgb(original, w, h);
        List<BoxPx> scaled = boxes.stream()
                .map(b -> new BoxPx(b.x0Px() * sx, b.y0Px() * sy, b.x1Px() * sx, b.y1Px() * sy)).toList();
        return new ScaledImage(small, sx, sy, scaled);
    }

    /** The training batches for a data set: {@link RefineConfig#epochs()} passes, seeded. */
    public PatchStream patchStream(List<ImageRecord> records, ImageSource source,
            BiConsumer<ImageRecord, IOException> onError) {
        PatchStream.Settings s = new PatchStream.Settings(config.sampling(), config.epochs(), 16,
                config.train().batchSize(), config.arch().patchSizePx(), config.seed());
        return new PatchStream(records, r -> scale(source.load(r), r.tags()), s, onError);
    }

    private TrainingSummary lastTraining;

    /** A new classifier trained on every tag of {@code records}. */
    public PatchClassifier train(List<ImageRecord> records, ImageSource source, TrainingListener listener,
            BiConsumer<ImageRecord, IOException> onError) {
        return train(patchStream(records, source, onError), listener);
    }

    /** A new classifier trained on the batches of {@code stream} (see {@link #patchStream}). */
    public PatchClassifier train(PatchStream stream, TrainingListener listener) {
        PatchClassifier c = PatchClassifier.create(config.arch(), config.seed());
        try {
            lastTraining = c.train(stream, config.train(), listener);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Summary of the latest {@link #train} call, or null. */
    public TrainingSummary lastTraining() {
        return lastTraining;
    }

    /** Masks for every tag of one image, in tag order. */
    public List<TagResult> refine(PatchClassifier classifier, RgbImage original, List<Tag> tags) {
        ScaledImage scaled = scale(original, tags);
        List<TagResult> out = new ArrayList<>(tags.size());
        for (int i = 0; i < tags.size(); i++) {
            out.add(refineTag(classifier, original, scaled, tags.get(i), scaled.tags().get(i)));
        }
        return out;
    }

    private TagResult refineTag(PatchClassifier classifier, RgbImage original, ScaledImage scaled, Tag tag,
            BoxPx tagSmall) {
        int ow = original.widthPx();
        int oh = original.heightPx();
        PixelRect out = tag.box().pixelRect(ow, oh);
        if (out.isEmpty()) {
            return new TagResult(tag.annotationId(), new CroppedMask(out, new BinaryMask(0, 0)), 0);
        }
        RgbImage small = scaled.image();
        PixelRect region = tagSmall.grow(REGION_MARGIN_PX).pixelRect(small.widthPx(), small.heightPx());
        float[] probs;
        if (classifier.arch() == NetArch.DENSE) {
            int size = classifier.arch().patchSizePx();
            float[] map = classifier.predictDense(PatchExtractor.denseInput(small, region, size),
                    region.widthPx() + size - 1, region.heightPx() + size - 1);
            probs = Resize.resampleMap(map, region.widthPx(), region.heightPx(), region.x0Px(), region.y0Px(),
                    scaled.scaleX(), scaled.scaleY(), out.x0Px(), out.y0Px(), out.widthPx(), out.heightPx());
        } else {
            int g = config.gridStepPx();
            int gw = (region.widthPx() + g - 1) / g + 1;
            int gh = (region.heightPx() + g - 1) / g + 1;
            float[] map = gridProbabilities(classifier, small, region.x0Px(), region.y0Px(), g, gw, gh);
            probs = Resize.resampleMap(map, gw, gh, (0.5 + region.x0Px()) / g - 0.5, (0.5 + region.y0Px()) / g - 0.5,
                    scaled.scaleX() / g, scaled.scaleY() / g, out.x0Px(), out.y0Px(), out.widthPx(), out.heightPx());
        }
        int w = out.widthPx();
        int h = out.heightPx();
        byte[] bits = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                bits[i] = (byte) (probs[i] > config.threshold() && tag.box().containsPixel(out.x0Px() + x, out.y0Px() + y)
                        ? 1 : 0);
            }
        }
        BinaryMask mask = new BinaryMask(w, h, bits);
        if (config.largestComponent()) {
            mask = Components.largest(mask, null);
        }
        double sum = 0;
        long n = 0;
        byte[] m = mask.data();
        for (int i = 0; i < m.length; i++) {
            if (m[i] != 0) {
                sum += probs[i];
                n++;
            }
        }
        return new TagResult(tag.annotationId(), new CroppedMask(out, mask), n == 0 ? 0 : sum / n);
    }

    /** Patch probabilities on a grid: point (i, j) is the patch centred at (x0 + i*step, y0 + j*step). */
    private static float[] gridProbabilities(PatchClassifier classifier, RgbImage small, int x0, int y0, int step,
            int gw, int gh) {
        int size = classifier.arch().patchSizePx();
        int stride = 3 * size * size;
        float[] out = new float[gw * gh];
        float[] buf = new float[PREDICT_BATCH * stride];
        int filled = 0;
        int start = 0;
        for (int k = 0; k < gw * gh; k++) {
            PatchExtractor.patch(small, x0 + (k % gw) * step, y0 + (k / gw) * step, size, buf, filled * stride);
            filled++;
            if (filled == PREDICT_BATCH || k == gw * gh - 1) {
                float[] p = classifier.predictPatches(buf, filled);
                System.arraycopy(p, 0, out, start, filled);
                start += filled;
                filled = 0;
            }
        }
        return out;
    }
}
