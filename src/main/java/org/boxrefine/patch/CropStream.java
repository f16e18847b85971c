package org.boxrefine.patch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.function.BiConsumer;
import org.boxrefine.dataset.ImageRecord;

/**
 * Crop batches for box-supervised training: images are loaded a chunk at a time (at working
 * scale), each once, and every epoch runs over the chunk in a new shuffled order before the next
 * chunk loads, so memory holds one chunk whatever the data set's size. One batch holds the crops
 * of one image's tags (at most {@code maxCropsPerBatch}, the rest in further batches). An image
 * that fails to load is reported and left out.
 */
public final class CropStream implements Iterator<CropBatch> {
    private final List<ImageRecord> records;
    private final PatchStream.Loader loader;
    private final BoxCrops crops;
    private final int epochs;
    private final int imagesPerChunk;
    private final int maxCropsPerBatch;
    private final boolean flip;
    private final BiConsumer<ImageRecord, IOException> onError;
    private final Random random;
    private final List<ScaledImage> chunk = new ArrayList<>();
    private final List<int[]> plan = new ArrayList<>();
    private int planPos;
    private int nextRecord;

    /**
     * @param epochs           passes over each chunk
     * @param imagesPerChunk   images held at once
     * @param maxCropsPerBatch crops per optimiser step at most
     * @param flip             mirror crops at random
     * @param seed             seeds the order, the shifts and the mirroring
     */
    public CropStream(List<ImageRecord> records, PatchStream.Loader loader, BoxCrops crops, int epochs,
            int imagesPerChunk, int maxCropsPerBatch, boolean flip, long seed,
            BiConsumer<ImageRecord, IOException> onError) {
        if (epochs < 1 || imagesPerChunk < 1 || maxCropsPerBatch < 1) {
            throw new IllegalArgumentException("epochs, images per chunk and crops per batch must be at least 1, found "
                    + epochs + ", " + imagesPerChunk + ", " + maxCropsPerBatch);
        }
        this.records = List.copyOf(records);
        this.loader = loader;
        this.crops = crops;
        this.epochs = epochs;
        this.imagesPerChunk = imagesPerChunk;
        this.maxCropsPerBatch = maxCropsPerBatch;
        this.flip = flip;
        this.onError = onError;
        this.random = new Random(seed);
    }

    /** Optimiser steps the stream gives at most, counting each tag batch of each image once per epoch. */
    public long plannedSteps() {
        long batches = 0;
        for (ImageRecord r : records) {
            batches += (r.tags().size() + maxCropsPerBatch - 1) / maxCropsPerBatch;
        }
        return batches * epochs;
    }

    @Override
    public boolean hasNext() {
        while (planPos >= plan.size()) {
            if (nextRecord >= records.size()) {
                return false;
            }
            loadChunk();
        }
        return true;
    }

    @Override
    public CropBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int[] step = plan.get(planPos++);
        ScaledImage img = chunk.get(step[0]);
        List<Integer> tags = new ArrayList<>();
        for (int t = step[1]; t < Math.min(img.tags().size(), step[1] + maxCropsPerBatch); t++) {
            tags.add(t);
        }
        return crops.crops(img, tags, flip, random);
    }

    private void loadChunk() {
        chunk.clear();
        plan.clear();
        planPos = 0;
        while (chunk.size() < imagesPerChunk && nextRecord < records.size()) {
            ImageRecord r = records.get(nextRecord++);
            if (r.tags().isEmpty()) {
                continue;
            }
            try {
                chunk.add(loader.load(r));
            } catch (IOException e) {
                onError.accept(r, e);
            }
        }
        List<int[]> epoch = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            for (int t = 0; t < chunk.get(i).tags().size(); t += maxCropsPerBatch) {
                epoch.add(new int[] {i, t});
            }
        }
        for (int e = 0; e < epochs; e++) {
            List<int[]> shuffled = new ArrayList<>(epoch);
            Collections.shuffle(shuffled, random);
            plan.addAll(shuffled);
        }
    }
}
