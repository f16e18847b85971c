package org.boxrefine.patch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import org.boxrefine.dataset.ImageRecord;

/**
 * Training batches over a whole data set, for a number of epochs. Images are loaded a chunk at a
 * time (at working scale), so memory holds only the current chunk whatever the data set's size;
 * patches of a chunk are shuffled together and extracted only when their batch is built.
 * An image that fails to load is reported once and left out of later epochs. With augmentation
 * on ({@link SamplingConfig#augments()}), each patch is flipped and jittered by
 * {@link PatchAugment} from a generator of its own, seeded from {@link Settings#seed()}, so the
 * sampling is the same with augmentation on or off. Each image gives the patches of
 * {@link SamplingConfig#forImages(int)}: fewer than {@link SamplingConfig#patchesPerImage()} when the
 * data set exceeds the training budget.
 */
public final class PatchStream implements Iterator<PatchBatch> {

    /** Loads an image at working scale. */
    @FunctionalInterface
    public interface Loader {
        ScaledImage load(ImageRecord record) throws IOException;
    }

    /**
     * @param epochs         passes over the data set
     * @param imagesPerChunk images whose patches are shuffled together
     * @param batchSize      patches per batch
     * @param patchSizePx    side of the square patches
     * @param seed           seeds the image order, the sampling and the augmentation
     */
    public record Settings(SamplingConfig sampling, int epochs, int imagesPerChunk, int batchSize, int patchSizePx,
            long seed) {
        public Settings {
            if (epochs < 1 || imagesPerChunk < 1 || batchSize < 1 || patchSizePx < 1) {
                throw new IllegalArgumentException("epochs, images per chunk, batch size and patch size must all be"
                        + " at least 1, found " + epochs + ", " + imagesPerChunk + ", " + batchSize + ", " + patchSizePx);
            }
        }
    }

    /** Mixed into the seed for the augmentation's generator, to keep it apart from the sampling's. */
    private static final long AUGMENT_SEED_MIX = 0x9E3779B97F4A7C15L;

    private record Centre(ScaledImage image, int x, int y, byte label) {
    }

    private final List<ImageRecord> records;
    private final Loader loader;
    private final Settings settings;
    private final SamplingConfig sampling;
    private final BiConsumer<ImageRecord, IOException> onError;
    private final SplittableRandom rng;
    private final SplittableRandom augmentRng;
    private final boolean[] failed;
    private final List<Centre> pending = new ArrayList<>();
    private int pendingPos;
    private int epoch;
    private int[] order;
    private int orderPos;

    public PatchStream(List<ImageRecord> records, Loader loader, Settings settings,
            BiConsumer<ImageRecord, IOException> onError) {
        this.records = List.copyOf(records);
        this.loader = loader;
        this.settings = settings;
        this.sampling = settings.sampling().forImages(records.size());
        this.onError = onError;
        this.rng = new SplittableRandom(settings.seed());
        this.augmentRng = new SplittableRandom(settings.seed() ^ AUGMENT_SEED_MIX);
        this.failed = new boolean[records.size()];
        this.order = shuffledOrder();
    }

    /** Patches the stream will give at most: epochs x images x patches per image (within the budget). */
    public long plannedPatches() {
        return (long) settings.epochs() * records.size() * sampling.patchesPerImage();
    }

    @Override
    public boolean hasNext() {
        while (pending.size() - pendingPos < settings.batchSize() && fillChunk()) {
            // keep loading chunks until a full batch is ready or the data runs out
        }
        return pending.size() > pendingPos;
    }

    @Override
    public PatchBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int n = Math.min(settings.batchSize(), pending.size() - pendingPos);
        int size = settings.patchSizePx();
        int stride = 3 * size * size;
        float[] pixels = new float[n * stride];
        float[] labels = new float[n];
        boolean augment = sampling.augments();
        for (int i = 0; i < n; i++) {
            Centre c = pending.get(pendingPos + i);
            PatchExtractor.patch(c.image().image(), c.x(), c.y(), size, pixels, i * stride);
            if (augment) {
                PatchAugment.augment(pixels, i * stride, size, sampling, augmentRng);
            }
            labels[i] = c.label();
        }
        pendingPos += n;
        return new PatchBatch(n, size, pixels, labels);
    }

    private boolean fillChunk() {
        if (epoch >= settings.epochs()) {
            return false;
        }
        List<Centre> chunk = new ArrayList<>(pending.subList(pendingPos, pending.size()));
        pending.clear();
        pendingPos = 0;
        int loaded = 0;
        while (loaded < settings.imagesPerChunk() && epoch < settings.epochs()) {
            if (orderPos == order.length) {
                epoch++;
                orderPos = 0;
                order = shuffledOrder();
                break;
            }
            int idx = order[orderPos++];
            if (failed[idx]) {
                continue;
            }
            ImageRecord rec = records.get(idx);
            ScaledImage img;
            try {
                img = loader.load(rec);
            } catch (IOException e) {
                failed[idx] = true;
                onError.accept(rec, e);
                continue;
            }
            PatchSampler.Samples s = PatchSampler.sample(img, sampling, rng.split());
            for (int i = 0; i < s.count(); i++) {
                chunk.add(new Centre(img, s.x()[i], s.y()[i], s.label()[i]));
            }
            loaded++;
        }
        for (int i = chunk.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Centre t = chunk.get(i);
            chunk.set(i, chunk.get(j));
            chunk.set(j, t);
        }
        pending.addAll(chunk);
        return true;
    }

    private int[] shuffledOrder() {
        int[] o = new int[records.size()];
        for (int i = 0; i < o.length; i++) {
            o[i] = i;
        }
        for (int i = o.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = o[i];
            o[i] = o[j];
            o[j] = t;
        }
        return o;
    }
}
