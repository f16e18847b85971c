package org.boxrefine.refine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.boxrefine.dataset.ImageLoadException;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.ImageWorkers;
import org.boxrefine.dataset.ImageSource;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.Components;
import org.boxrefine.image.CroppedMask;
import org.boxrefine.image.Resize;
import org.boxrefine.image.RgbImage;
import org.boxrefine.model.BoxLossConfig;
import org.boxrefine.model.NetArch;
import org.boxrefine.model.PatchClassifier;
import org.boxrefine.model.TrainingListener;
import org.boxrefine.model.TrainingSummary;
import org.boxrefine.patch.BoxCrops;
import org.boxrefine.patch.CropStream;
import org.boxrefine.patch.PatchExtractor;
import org.boxrefine.patch.PatchStream;
import org.boxrefine.patch.ScaledImage;
import org.boxrefine.patch.WorkingScale;
import org.boxrefine.snap.GrabCut;
import org.boxrefine.snap.GuidedFilter;
import org.boxrefine.snap.JointGrabCut;
import org.boxrefine.snap.Reach;
import org.boxrefine.snap.Segmentation;

/**
 * Trains a patch classifier on the tags of a data set and turns tags into masks with it. The
 * classifier is passed in and out; the refiner keeps only its configuration and the summary of
 * its latest training.
 */
public final class Refiner {
    /** Pixels of context (at working scale) predicted around each tag, for interpolation. */
    static final int REGION_MARGIN_PX = 2;
    private static final int PREDICT_BATCH = 256;

    /**
     * A large image is decoded subsampled only while it keeps at least this many times the resolution the working
     * scale and GrabCut snapping need, so that the area-averaging resizes after decoding still see enough pixels.
     */
    public static final int DECODE_HEADROOM = 2;

    private final RefineConfig config;
    private final StageTimes times;
    private final int labelWorkers;

    public Refiner(RefineConfig config) {
        this(config, new StageTimes());
    }

    /** A refiner that adds its stage timings to {@code times} (shared by the refiners of one run). */
    public Refiner(RefineConfig config, StageTimes times) {
        this(config, times, 1);
    }

    /**
     * As {@link #Refiner(RefineConfig, StageTimes)}, making {@link InitialLabels#GRABCUT}'s labels on
     * {@code labelWorkers} threads (GrabCut is single-threaded, and PyTorch is idle meanwhile, so at most the cores
     * PyTorch may use). The labels, and so the masks, do not depend on it.
     */
    public Refiner(RefineConfig config, StageTimes times, int labelWorkers) {
        if (labelWorkers < 1) {
            throw new IllegalArgumentException("label workers must be at least 1, found " + labelWorkers);
        }
        this.config = config;
        this.times = java.util.Objects.requireNonNull(times, "times");
        this.labelWorkers = labelWorkers;
    }

    public RefineConfig config() {
        return config;
    }

    /** Where this refiner's time went so far, by stage. */
    public StageTimes times() {
        return times;
    }

    /**
     * The decoder subsampling for an image of this size with these tags: the largest factor that keeps
     * {@value #DECODE_HEADROOM} times the resolution both the working scale and GrabCut snapping (a tag at
     * {@link SnapConfig#sizePx()} at most) need, so 1 unless the image is far larger than needed.
     */
    public int subsampling(int widthPx, int heightPx, List<Tag> tags) {
        List<BoxPx> boxes = tags.stream().map(Tag::box).toList();
        double need = config.scale().factor(config.initialLabels() == InitialLabels.BORDER ? List.of() : boxes,
                widthPx, heightPx);
        if (config.snap().enabled()) {
            for (BoxPx b : boxes) {
                need = Math.max(need, config.snap().scaleFor(b));
            }
        }
        return Math.max(1, (int) Math.floor(1 / (DECODE_HEADROOM * Math.min(1.0, need))));
    }

    /**
     * The record's image decoded for refining: subsampled by {@link #subsampling} when it is far larger than
     * needed, so that peak memory follows the tags' needs rather than the file's size.
     *
     * @throws IOException as {@link ImageSource#load(ImageRecord, int)} does
     */
    public DecodedImage decode(ImageSource source, ImageRecord r) throws IOException {
        long t0 = System.nanoTime();
        int w = r.widthPx();
        int h = r.heightPx();
        if (w <= 0 || h <= 0) {
            var size = source.size(r);
            w = size.widthPx();
            h = size.heightPx();
        }
        int s = subsampling(w, h, r.tags());
        RgbImage img = source.load(r, s);
        times.add(StageTimes.Stage.LOAD, t0);
        return s == 1 ? DecodedImage.whole(img, r.tags()) : DecodedImage.of(img, s, w, h, r.tags());
    }

    /**
     * The image at working scale with its tags. Box-free ({@link InitialLabels#BORDER}), the scale
     * is chosen as for an image without tags (an object half the image's size).
     */
    public ScaledImage scale(RgbImage original, List<Tag> tags) {
        long t0 = System.nanoTime();
        List<BoxPx> boxes = tags.stream().map(Tag::box).toList();
        double f = config.scale().factor(config.initialLabels() == InitialLabels.BORDER ? List.of() : boxes,
                original.widthPx(), original.heightPx());
        int w = WorkingScale.scaledLength(original.widthPx(), f);
        int h = WorkingScale.scaledLength(original.heightPx(), f);
        double sx = (double) w / original.widthPx();
        double sy = (double) h / original.heightPx();
        RgbImage small = Resize.rgb(original, w, h);
        List<BoxPx> scaled = boxes.stream()
                .map(b -> new BoxPx(b.x0Px() * sx, b.y0Px() * sy, b.x1Px() * sx, b.y1Px() * sy)).toList();
        times.add(StageTimes.Stage.SCALE, t0);
        return new ScaledImage(small, sx, sy, scaled);
    }

    /** The training batches for a data set: {@link RefineConfig#epochs()} passes, seeded, labelled by the tags. */
    public PatchStream patchStream(List<ImageRecord> records, ImageSource source,
            BiConsumer<ImageRecord, IOException> onError) {
        return patchStream(records, source, onError, Map.of(), config.seed());
    }

    private PatchStream patchStream(List<ImageRecord> records, ImageSource source,
            BiConsumer<ImageRecord, IOException> onError, Map<Long, List<CroppedMask>> masksByImage, long seed) {
        PatchStream.Settings s = new PatchStream.Settings(config.sampling(), config.epochs(), 16,
                config.train().batchSize(), config.arch().patchSizePx(), seed);
        return new PatchStream(records, r -> {
            ScaledImage img = loadScaled(source, r);
            List<CroppedMask> masks = masksByImage.get(r.imageId());
            if (masks != null) {
                return img.withMasks(masks);
            }
            return config.initialLabels() == InitialLabels.BORDER ? img.withBorderBackground(config.borderFraction())
                    : img;
        }, s, onError);
    }

    private TrainingSummary lastTraining;
    private ShapePriors shapePriors;

    /** The image at working scale; running out of heap on it is reported as a problem of this image. */
    private ScaledImage loadScaled(ImageSource source, ImageRecord r) throws IOException {
        try {
            DecodedImage d = decode(source, r);
            return scale(d.image(), d.tags());
        } catch (OutOfMemoryError e) {
            throw ImageLoadException.outOfMemory(source.describe(r), e);
        }
    }

    /** Patches the full training of {@link #train(List, ImageSource, TrainingListener, BiConsumer, RoundListener)} draws at most. */
    public long plannedPatches(List<ImageRecord> records) {
        List<ImageRecord> learnt = config.initialLabels() == InitialLabels.GRABCUT ? labelSample(records) : records;
        return ((long) (1 + config.relabelRounds()) * config.epochs() + config.boxSupervision().epochs())
                * learnt.size() * patchesPerImage(learnt);
    }

    /** Patches each image of {@code records} gives per epoch, within the training budget. */
    private int patchesPerImage(List<ImageRecord> records) {
        return config.sampling().forImages(records.size()).patchesPerImage();
    }

    /** A new classifier trained on every tag of {@code records}, without re-labelling. */
    public PatchClassifier train(List<ImageRecord> records, ImageSource source, TrainingListener listener,
            BiConsumer<ImageRecord, IOException> onError) {
        return timedTraining(() -> {
            PatchClassifier c = train(patchStream(records, source, onError), listener);
            boxSupervise(c, records, source, listener);
            return c;
        });
    }

    /** Runs a training, adding its time less the other stages' (loading, scaling, masks of rounds) to TRAIN. */
    private PatchClassifier timedTraining(java.util.function.Supplier<PatchClassifier> training) {
        long t0 = System.nanoTime();
        long others = otherStagesNanos();
        PatchClassifier c = training.get();
        times.addNanos(StageTimes.Stage.TRAIN, System.nanoTime() - t0 - (otherStagesNanos() - others),
                lastTraining == null ? 0 : lastTraining.patches());
        return c;
    }

    /** Time so far in the stages a training can run inside it (loading, scaling, the masks of rounds). */
    private long otherStagesNanos() {
        return times.nanos(StageTimes.Stage.LOAD) + times.nanos(StageTimes.Stage.SCALE)
                + times.nanos(StageTimes.Stage.PREDICT) + times.nanos(StageTimes.Stage.SNAP)
                + times.nanos(StageTimes.Stage.MASKS);
    }

    /** Images whose crops are held at once in box-supervised training. */
    private static final int CROP_CHUNK_IMAGES = 256;
    /** Crops per box-supervised step at most (the tags of one image). */
    private static final int CROPS_PER_STEP = 8;
    /** Cells per crop side at most: tags up to about 300 px at working scale fit whole. */
    private static final int MAX_CROP_CELLS = 48;

    /**
     * Fine-tunes {@code c} with {@link RefineConfig#boxSupervision()} when it is enabled; the
     * listener sees each step as {@link SamplingConfig#patchesPerImage()} patches after those
     * already trained. Images that fail to load were reported by the patch stream and are skipped.
     */
    private void boxSupervise(PatchClassifier c, List<ImageRecord> records, ImageSource source,
            TrainingListener listener) {
        BoxSupervision bs = config.boxSupervision();
        if (!bs.enabled()) {
            return;
        }
        if (config.arch() != NetArch.DENSE) {
            throw new IllegalArgumentException("box-supervised training needs the dense network, found " + config.arch());
        }
        BoxCrops crops = new BoxCrops(config.arch().patchSizePx(), NetArch.DENSE_STRIDE_PX, MAX_CROP_CELLS,
                bs.colourSimilarity());
        CropStream stream = new CropStream(records, r -> loadScaled(source, r), crops, bs.epochs(),
                CROP_CHUNK_IMAGES, CROPS_PER_STEP, config.sampling().flip(), config.seed() + 17, (r, e) -> { });
        long offset = lastTraining.patches();
        long unit = patchesPerImage(records);
        long warmup = Math.round(stream.plannedSteps() * BoxSupervision.WARMUP_SHARE);
        TrainingSummary s;
        try {
            s = c.trainBoxSupervised(stream, new BoxLossConfig(bs.pairwiseWeight(), (int) warmup,
                    (float) bs.learningRate()), config.seed(), new TrainingListener() {
                        private long steps;

                        @Override
                        public void onStep(long seen, double loss, double ema, double speed) {
                            listener.onStep(offset + ++steps * unit, loss, ema, speed);
                        }
                    });
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        lastTraining = new TrainingSummary(offset + s.steps() * unit, lastTraining.steps() + s.steps(),
                s.finalLossEma(), lastTraining.seconds() + s.seconds());
    }

    /** Receives the masks of every re-labelling round, image by image. */
    @FunctionalInterface
    public interface RoundListener {
        /**
         * @param round      1 for the masks of the first training, 2 after the first fine-tuning, ...
         * @param record     the image
         * @param results    its tags' masks in this round
         */
        void onImage(int round, ImageRecord record, List<TagResult> results);

        /** Called after each round with the mean IoU between this round's masks and the previous round's. */
        default void onRoundEnd(int round, double meanIouToPrevious) {
        }

        RoundListener NONE = (round, record, results) -> { };
    }

    /**
     * A new classifier trained on every tag of {@code records}, then re-labelled for
     * {@link RefineConfig#relabelRounds()} rounds: each round predicts every tag's mask, takes the
     * in-tag pixels outside it as background and fine-tunes. Stops early when a round's masks agree
     * with the previous round's at a mean IoU of {@value #RELABEL_STABLE_IOU} or more.
     * {@code listener} sees the patches of all rounds as one count.
     */
    public PatchClassifier train(List<ImageRecord> records, ImageSource source, TrainingListener listener,
            BiConsumer<ImageRecord, IOException> onError, RoundListener rounds) {
        return timedTraining(() -> trainRounds(records, source, listener, onError, rounds));
    }

    private PatchClassifier trainRounds(List<ImageRecord> records, ImageSource source, TrainingListener listener,
            BiConsumer<ImageRecord, IOException> onError, RoundListener rounds) {
        boolean grabCut = config.initialLabels() == InitialLabels.GRABCUT;
        List<ImageRecord> learnt = grabCut ? labelSample(records) : records;
        Set<Long> broken = new HashSet<>();
        BiConsumer<ImageRecord, IOException> brokenImage = (r, e) -> {
            if (broken.add(r.imageId())) {
                onError.accept(r, e);
            }
        };
        Map<Long, List<CroppedMask>> labels = grabCut ? grabCutLabels(learnt, source, brokenImage) : Map.of();
        PatchClassifier c = train(patchStream(without(learnt, broken), source, brokenImage, labels, config.seed()),
                listener);
        boxSupervise(c, without(records, broken), source, listener);
        long done = lastTraining.patches();
        double seconds = lastTraining.seconds();
        Map<Long, List<CroppedMask>> previous = Map.of();
        try {
            for (int round = 1; round <= config.relabelRounds(); round++) {
                int thisRound = round;
                Map<Long, List<CroppedMask>> masks = workingMasks(without(records, broken), source, (r, d, scaled) -> {
                    List<TagResult> results = refine(c, d.image(), scaled, d.tags());
                    rounds.onImage(thisRound, r, d.toOriginal(results));
                    return results;
                }, 1, brokenImage);
                double iouSum = 0;
                int iouCount = 0;
                for (Map.Entry<Long, List<CroppedMask>> e : masks.entrySet()) {
                    List<CroppedMask> working = e.getValue();
                    List<CroppedMask> before = previous.get(e.getKey());
                    for (int i = 0; before != null && i < working.size(); i++) {
                        iouSum += working.get(i).mask().iou(before.get(i).mask());
                        iouCount++;
                    }
                }
                double agreement = iouCount == 0 ? 0 : iouSum / iouCount;
                rounds.onRoundEnd(round, agreement);
                if (iouCount > 0 && agreement >= RELABEL_STABLE_IOU) {
                    break;
                }
                long offset = done;
                PatchStream stream = patchStream(without(records, broken), source, (r, e) -> { }, masks,
                        config.seed() + round);
                TrainingSummary s = c.train(stream, plannedSteps(stream), config.train(),
                        (seen, loss, ema, speed) -> listener.onStep(offset + seen, loss, ema, speed));
                done += s.patches();
                seconds += s.seconds();
                lastTraining = new TrainingSummary(done, lastTraining.steps() + s.steps(), s.finalLossEma(), seconds);
                previous = masks;
            }
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * The images {@link InitialLabels#GRABCUT} labels and trains on: all of them while the training budget gives
     * every image its {@link org.boxrefine.patch.SamplingConfig#patchesPerImage()}, otherwise as many as the budget
     * gives that many patches, evenly spaced through {@code records}. Training sees as many patches either way, and
     * the cost of GrabCut's labels stops growing with the data set.
     */
    List<ImageRecord> labelSample(List<ImageRecord> records) {
        int perImage = config.sampling().patchesPerImage();
        long budget = config.sampling().maxPatchesPerEpoch();
        int want = (int) Math.max(1, Math.min(records.size(), (budget + perImage - 1) / perImage));
        if (want >= records.size()) {
            return records;
        }
        List<ImageRecord> sample = new ArrayList<>(want);
        for (int i = 0; i < want; i++) {
            sample.add(records.get((int) ((long) i * records.size() / want)));
        }
        return sample;
    }

    /**
     * Round-0 labels from GrabCut on colours alone (rectangle start, {@link SnapConfig#forLabels()}) on every tag,
     * at working scale.
     */
    Map<Long, List<CroppedMask>> grabCutLabels(List<ImageRecord> records, ImageSource source) {
        return grabCutLabels(records, source, (r, e) -> { });
    }

    /**
     * As {@link #grabCutLabels(List, ImageSource)}; an image that cannot be loaded or whose labelling fails goes to
     * {@code onBroken}, gets no labels and adds nothing to the shape priors.
     */
    private Map<Long, List<CroppedMask>> grabCutLabels(List<ImageRecord> records, ImageSource source,
            BiConsumer<ImageRecord, IOException> onBroken) {
        SnapConfig labelling = config.snap().forLabels();
        ShapePriors.Accumulator shapes = new ShapePriors.Accumulator(ShapePriors.GRID_CELLS);
        Map<Long, List<CroppedMask>> labels = workingMasks(records, source, (r, d, scaled) -> {
            RgbImage img = d.image();
            List<TagResult> results = new ArrayList<>();
            for (Tag t : d.tags()) {
                PixelRect out = t.box().pixelRect(img.widthPx(), img.heightPx());
                float[] fg = out.isEmpty() ? new float[0]
                        : times.time(StageTimes.Stage.SNAP, () -> snapped(labelling, img, t, null, out,
                                SnapStart.RECTANGLE, labelling.marginFraction())).fg();
                results.add(new TagResult(t.annotationId(), new CroppedMask(out, postProcess(t.box(), out, fg, 0.5)), 1));
            }
            for (int k = 0; k < results.size(); k++) {
                Tag t = d.tags().get(k);
                shapes.add(t.categoryId(), t.box(), results.get(k).mask());
            }
            return results;
        }, labelWorkers, onBroken);
        shapePriors = shapes.build();
        return labels;
    }

    /** Masks of one image's tags in decoded pixels, given the decoded image and its working-scale copy. */
    @FunctionalInterface
    private interface Masker {
        List<TagResult> masks(ImageRecord record, DecodedImage decoded, ScaledImage scaled);
    }

    /**
     * Every loadable image's masks from {@code masker}, at working scale, by image id in record order, made on
     * {@code workers} threads (at most that many images in memory at once); the result does not depend on the
     * thread count. Images that fail to load, or whose masker fails (an unexpected error, running out of heap), are
     * left out and go to {@code onBroken}.
     */
    private Map<Long, List<CroppedMask>> workingMasks(List<ImageRecord> records, ImageSource source, Masker masker,
            int workers, BiConsumer<ImageRecord, IOException> onBroken) {
        Map<Long, List<CroppedMask>> masks = new LinkedHashMap<>();
        try (ImageWorkers<List<CroppedMask>> pool = new ImageWorkers<>(workers)) {
            pool.run(records, ImageWorkers.guarded(r -> imageMasks(r, source, masker), source::describe,
                    "making its training labels"), new ImageWorkers.Sink<>() {
                @Override
                public void accept(ImageRecord r, List<CroppedMask> m) {
                    masks.put(r.imageId(), m);
                }

                @Override
                public void failed(ImageRecord r, IOException cause) {
                    onBroken.accept(r, cause);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("the sink throws no IOException", e);
        }
        return masks;
    }

    /** One image's masks from {@code masker} at working scale. */
    private List<CroppedMask> imageMasks(ImageRecord r, ImageSource source, Masker masker) throws IOException {
        DecodedImage d = decode(source, r);
        ScaledImage scaled = scale(d.image(), d.tags());
        return toWorkingScale(scaled, masker.masks(r, d, scaled));
    }

    /** {@code records} less those whose ids are in {@code left}. */
    private static List<ImageRecord> without(List<ImageRecord> records, Set<Long> left) {
        return left.isEmpty() ? records : records.stream().filter(r -> !left.contains(r.imageId())).toList();
    }

    /** Mean IoU between two rounds' masks at which re-labelling stops. */
    public static final double RELABEL_STABLE_IOU = 0.98;

    /** Optimiser steps {@code stream} gives at most (at least 1), for the learning-rate schedule. */
    private long plannedSteps(PatchStream stream) {
        int batch = config.train().batchSize();
        return Math.max(1, (stream.plannedPatches() + batch - 1) / batch);
    }

    /** A new classifier trained on the batches of {@code stream} (see {@link #patchStream}). */
    public PatchClassifier train(PatchStream stream, TrainingListener listener) {
        PatchClassifier c = PatchClassifier.create(config.arch(), config.seed());
        try {
            lastTraining = c.train(stream, plannedSteps(stream), config.train(), listener);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Each tag's mask at working scale (the pixel centre's nearest original pixel), for re-labelling. */
    static List<CroppedMask> toWorkingScale(ScaledImage scaled, List<TagResult> results) {
        int w = scaled.image().widthPx();
        int h = scaled.image().heightPx();
        List<CroppedMask> out = new ArrayList<>(results.size());
        for (int t = 0; t < results.size(); t++) {
            PixelRect rect = scaled.tags().get(t).pixelRect(w, h);
            CroppedMask orig = results.get(t).mask();
            byte[] bits = new byte[rect.widthPx() * rect.heightPx()];
            for (int y = 0; y < rect.heightPx(); y++) {
                int yo = (int) Math.floor((rect.y0Px() + y + 0.5) / scaled.scaleY());
                for (int x = 0; x < rect.widthPx(); x++) {
                    int xo = (int) Math.floor((rect.x0Px() + x + 0.5) / scaled.scaleX());
                    bits[y * rect.widthPx() + x] = (byte) (orig.get(xo, yo) ? 1 : 0);
                }
            }
            out.add(new CroppedMask(rect, new BinaryMask(rect.widthPx(), rect.heightPx(), bits)));
        }
        return out;
    }

    /** Summary of the latest {@link #train} call, or null. */
    public TrainingSummary lastTraining() {
        return lastTraining;
    }

    /**
     * The shape priors snapping uses ({@link SnapConfig#shapeWeight()}): learned from {@link InitialLabels#GRABCUT}'s
     * labels by the latest {@link #train} call, or set with {@link #setShapePriors}; null for none.
     */
    public ShapePriors shapePriors() {
        return shapePriors;
    }

    /** Sets the shape priors snapping uses (those saved with a model); null for none. */
    public void setShapePriors(ShapePriors priors) {
        this.shapePriors = priors;
    }

    /** Masks for every tag of one image, in tag order. */
    public List<TagResult> refine(PatchClassifier classifier, RgbImage original, List<Tag> tags) {
        return refine(classifier, original, scale(original, tags), tags);
    }

    /**
     * Masks for every tag of a decoded image, in tag order, in the decoded image's pixels
     * ({@link DecodedImage#toOriginal} gives them in the original's).
     */
    public List<TagResult> refine(PatchClassifier classifier, DecodedImage decoded) {
        return refine(classifier, decoded.image(), scale(decoded.image(), decoded.tags()), decoded.tags());
    }

    private List<TagResult> refine(PatchClassifier classifier, RgbImage original, ScaledImage scaled, List<Tag> tags) {
        List<Overlaps.Claim> claims = claims(classifier, original, scaled, tags);
        long t0 = System.nanoTime();
        List<BinaryMask> lost = config.overlap() == OverlapRule.BY_PROBABILITY && claims.size() > 1
                ? Overlaps.lost(claims, config.sharedConfidence()) : null;
        List<TagResult> out = new ArrayList<>(tags.size());
        for (int i = 0; i < tags.size(); i++) {
            Overlaps.Claim c = claims.get(i);
            BinaryMask mask = c.mask().mask();
            if (lost != null && lost.get(i).count() > 0) {
                mask = withoutLost(mask, lost.get(i).data());
            }
            if (mask.count() == 0 && isTiny(tags.get(i).box())) {
                mask = filled(mask.widthPx(), mask.heightPx());
            }
            out.add(new TagResult(tags.get(i).annotationId(), new CroppedMask(c.mask().rectPx(), mask),
                    Double.isNaN(c.colourClarity()) ? meanInside(mask, c.probs()) : c.colourClarity()));
        }
        times.add(StageTimes.Stage.MASKS, t0, 0);
        return out;
    }

    /**
     * Boxes whose shorter side is under this many pixels are too small for the network and GrabCut to model (a patch
     * spans 35 working pixels); when refining leaves such a box empty, its mask is the box itself. (The
     * {@link #MIN_MASK_SHARE} floor rounds to 0 pixels for boxes under 17 px, so it does not cover them.)
     */
    public static final double TINY_BOX_PX = 8;

    static boolean isTiny(BoxPx box) {
        return Math.min(box.widthPx(), box.heightPx()) < TINY_BOX_PX;
    }

    private static BinaryMask filled(int widthPx, int heightPx) {
        byte[] bits = new byte[widthPx * heightPx];
        java.util.Arrays.fill(bits, (byte) 1);
        return new BinaryMask(widthPx, heightPx, bits);
    }

    /** Each tag's mask on its own, before the overlap rule, with the network's probabilities over its rectangle. */
    List<Overlaps.Claim> claims(PatchClassifier classifier, RgbImage original, List<Tag> tags) {
        return claims(classifier, original, scale(original, tags), tags);
    }

    private List<Overlaps.Claim> claims(PatchClassifier classifier, RgbImage original, ScaledImage scaled,
            List<Tag> tags) {
        List<Overlaps.Claim> out = new ArrayList<>(tags.size());
        for (int i = 0; i < tags.size(); i++) {
            out.add(refineTag(classifier, original, scaled, tags.get(i), scaled.tags().get(i)));
        }
        return out;
    }

    /** A mask without the pixels it lost to other tags, with the connectivity prior applied again. */
    private BinaryMask withoutLost(BinaryMask mask, byte[] lost) {
        BinaryMask m = minus(mask, lost);
        m = parts(m);
        if (config.fillHoles()) {
            m = parts(minus(Components.fillHoles(m), lost));
        }
        return m;
    }

    private static BinaryMask minus(BinaryMask mask, byte[] lost) {
        byte[] bits = mask.data().clone();
        for (int i = 0; i < bits.length; i++) {
            bits[i] &= (byte) (1 - lost[i]);
        }
        return new BinaryMask(mask.widthPx(), mask.heightPx(), bits);
    }

    /** The mean of {@code probs} (over {@code out}) at the pixels whose centre lies in the tag. */
    private static double meanInTag(BoxPx tag, PixelRect out, float[] probs) {
        double sum = 0;
        long n = 0;
        for (int y = 0; y < out.heightPx(); y++) {
            for (int x = 0; x < out.widthPx(); x++) {
                if (tag.containsPixel(out.x0Px() + x, out.y0Px() + y)) {
                    sum += probs[y * out.widthPx() + x];
                    n++;
                }
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    private static double meanInside(BinaryMask mask, float[] probs) {
        double sum = 0;
        long n = 0;
        byte[] m = mask.data();
        for (int i = 0; i < m.length; i++) {
            if (m[i] != 0) {
                sum += probs[i];
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /**
     * A probability map whose pixel (i, j) is centred at original coordinates
     * ({@code originXPx + (i + 0.5) / perOriginalX}, {@code originYPx + (j + 0.5) / perOriginalY}).
     */
    private record ProbMap(float[] values, int widthPx, int heightPx, double originXPx, double originYPx,
            double perOriginalX, double perOriginalY) {
        /** Bilinear samples on a grid of the given origin and scale (pixels per original pixel). */
        float[] sample(double targetOriginXPx, double targetOriginYPx, double targetPerOriginalX,
                double targetPerOriginalY, int targetWidthPx, int targetHeightPx) {
            return Resize.resampleMap(values, widthPx, heightPx, (originXPx - targetOriginXPx) * perOriginalX,
                    (originYPx - targetOriginYPx) * perOriginalY, perOriginalX / targetPerOriginalX,
                    perOriginalY / targetPerOriginalY, 0, 0, targetWidthPx, targetHeightPx);
        }
    }

    /** The network's probabilities around a tag (time it under {@link StageTimes.Stage#PREDICT}). */
    private ProbMap networkMap(PatchClassifier classifier, ScaledImage scaled, BoxPx tagSmall) {
        RgbImage small = scaled.image();
        PixelRect region = tagSmall.grow(REGION_MARGIN_PX).pixelRect(small.widthPx(), small.heightPx());
        double sx = scaled.scaleX();
        double sy = scaled.scaleY();
        if (classifier.arch() == NetArch.DENSE) {
            int size = classifier.arch().patchSizePx();
            float[] map = classifier.predictDense(PatchExtractor.denseInput(small, region, size),
                    region.widthPx() + size - 1, region.heightPx() + size - 1);
            return new ProbMap(map, region.widthPx(), region.heightPx(), region.x0Px() / sx, region.y0Px() / sy, sx, sy);
        }
        int g = config.gridStepPx();
        int gw = (region.widthPx() + g - 1) / g + 1;
        int gh = (region.heightPx() + g - 1) / g + 1;
        float[] map = gridProbabilities(classifier, small, region.x0Px(), region.y0Px(), g, gw, gh);
        return new ProbMap(map, gw, gh, (region.x0Px() + 0.5 - 0.5 * g) / sx, (region.y0Px() + 0.5 - 0.5 * g) / sy,
                sx / g, sy / g);
    }

    /**
     * A mask covering less than this share of its tag has collapsed (GrabCut settled on almost all
     * background): the tag holds its object, and objects fill far more of their box than this.
     */
    public static final double MIN_MASK_SHARE = 0.03;

    /**
     * One tag's mask: snapped (or the network's map thresholded), then the connectivity prior; with
     * {@link SnapStart#AUTO}, from the network start where the network is confident over the tag or inside the
     * rectangle start's mask (not box-free: there it stays the rectangle start). A
     * box always holds its object, so a mask that covers less than {@link #MIN_MASK_SHARE} of the
     * tag (GrabCut can settle on almost all background when the object's colours match its
     * surroundings) falls back to the network's mask, and when that is as small, to the tag itself.
     */
    private Overlaps.Claim refineTag(PatchClassifier classifier, RgbImage original, ScaledImage scaled, Tag tag,
            BoxPx tagSmall) {
        int ow = original.widthPx();
        int oh = original.heightPx();
        PixelRect out = tag.box().pixelRect(ow, oh);
        if (out.isEmpty()) {
            return new Overlaps.Claim(tag.box(), new CroppedMask(out, new BinaryMask(out.widthPx(), out.heightPx())),
                    new float[0]);
        }
        ProbMap map = times.time(StageTimes.Stage.PREDICT, () -> networkMap(classifier, scaled, tagSmall),
                m -> (long) m.widthPx() * m.heightPx());
        int w = out.widthPx();
        int h = out.heightPx();
        float[] probs = times.time(StageTimes.Stage.PREDICT, () -> map.sample(out.x0Px(), out.y0Px(), 1, 1, w, h),
                p -> 0);
        SnapConfig sc = config.snap();
        boolean auto = sc.enabled() && sc.start() == SnapStart.AUTO && config.initialLabels() != InitialLabels.BORDER;
        boolean networkAtOnce = auto && meanInTag(tag.box(), out, probs) >= sc.autoTagConfidence();
        SnapStart first = networkAtOnce ? SnapStart.NETWORK
                : sc.start() == SnapStart.AUTO ? SnapStart.RECTANGLE : sc.start();
        double margin = networkAtOnce ? sc.autoMarginFraction() : sc.marginFraction();
        Snapped snap = sc.enabled()
                ? times.time(StageTimes.Stage.SNAP, () -> snapped(original, tag, map, out, first, margin))
                : null;
        long t0 = System.nanoTime();
        BinaryMask mask = postProcess(tag.box(), out, snap == null ? probs : snap.fg(),
                sc.enabled() ? 0.5 : config.threshold());
        if (auto && !networkAtOnce && meanInside(mask, probs) >= sc.autoConfidence()) {
            times.add(StageTimes.Stage.MASKS, t0);
            snap = times.time(StageTimes.Stage.SNAP, () -> snapped(original, tag, map, out,
                    SnapStart.NETWORK, sc.autoMarginFraction()));
            t0 = System.nanoTime();
            mask = postProcess(tag.box(), out, snap.fg(), 0.5);
        }
        double clarity = snap == null ? Double.NaN : snap.colourClarity();
        long floor = Math.round(MIN_MASK_SHARE * out.areaPx());
        if (mask.count() < floor && sc.enabled()) {
            BinaryMask network = postProcess(tag.box(), out, probs, config.threshold());
            mask = network.count() > mask.count() ? network : mask;
            clarity = Double.NaN;
        }
        if (mask.count() < floor) {
            mask = filled(w, h);
            clarity = Double.NaN;
        }
        times.add(StageTimes.Stage.MASKS, t0);
        return new Overlaps.Claim(tag.box(), new CroppedMask(out, mask), probs, clarity);
    }

    /** Threshold inside the tag, then the connectivity prior: largest region, holes filled (as configured). */
    private BinaryMask postProcess(BoxPx tag, PixelRect out, float[] fg, double cut) {
        int w = out.widthPx();
        int h = out.heightPx();
        byte[] bits = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                bits[i] = (byte) (fg[i] > cut && tag.containsPixel(out.x0Px() + x, out.y0Px() + y) ? 1 : 0);
            }
        }
        BinaryMask mask = new BinaryMask(w, h, bits);
        mask = parts(mask);
        if (config.fillHoles()) {
            mask = Components.fillHoles(mask);
        }
        return mask;
    }

    /** The connectivity prior's choice of regions ({@link RefineConfig#minPartFraction()}). */
    private BinaryMask parts(BinaryMask mask) {
        double f = config.minPartFraction();
        if (f >= 1) {
            return Components.largest(mask, null);
        }
        return f > 0 ? Components.partsAtLeast(mask, f) : mask;
    }

    /**
     * One snapping's result: 1 or 0 per pixel of the tag's rectangle, and its colour clarity ({@link Segmentation}).
     */
    private record Snapped(float[] fg, double colourClarity) {
    }

    /**
     * GrabCut on a crop around the tag with {@code marginFraction} tag sizes of context, started as {@code start}
     * says (never {@link SnapStart#AUTO}; the rectangle start leaves the tag's edge band,
     * {@link #edgeBand}, probably background; box-free, the image's
     * border band starts as probably background instead, as in training); with a network term
     * ({@link SnapConfig#networkWeight()}) or shape priors ({@link SnapConfig#shapeWeight()}), the network's
     * log-probability and the tag's category's shape prior join GrabCut's data term in its last iterations
     * ({@link JointGrabCut}, {@link #dataTerm}); GrabCut's contrast term has the weight
     * {@link SnapConfig#smoothness()} and its background model {@link SnapConfig#backgroundComponents()} components
     * (OpenCV's GrabCut runs only on colours alone with OpenCV's settings): returns 1 or 0 per pixel of {@code out}
     * (original scale), bilinearly resampled from the crop's scale, and GrabCut's colour clarity. (Time it under
     * {@link StageTimes.Stage#SNAP}.)
     */
    private Snapped snapped(RgbImage original, Tag tag, ProbMap map, PixelRect out, SnapStart start,
            double marginFraction) {
        return snapped(config.snap(), original, tag, map, out, start, marginFraction);
    }

    /** As the method above, with the settings {@code sc} instead of the configuration's. */
    private Snapped snapped(SnapConfig sc, RgbImage original, Tag tagged, ProbMap map, PixelRect out, SnapStart start,
            double marginFraction) {
        BoxPx tag = tagged.box();
        PixelRect crop = tag.grow(marginFraction * tag.sizePx() + 1).pixelRect(original.widthPx(),
                original.heightPx());
        double t = sc.scaleFor(tag);
        int cw = Math.max(1, (int) Math.round(crop.widthPx() * t));
        int ch = Math.max(1, (int) Math.round(crop.heightPx() * t));
        double tx = (double) cw / crop.widthPx();
        double ty = (double) ch / crop.heightPx();
        RgbImage img = Resize.rgb(original.crop(crop), cw, ch);
        boolean network = map != null && sc.networkWeight() > 0;
        boolean shape = shapePriors != null && sc.shapeWeight() > 0;
        boolean joint = (network || shape) && sc.networkIterations() > 0;
        float[] p = map == null || (start == SnapStart.RECTANGLE && !joint) ? null
                : map.sample(crop.x0Px(), crop.y0Px(), tx, ty, cw, ch);
        byte[] labels = new byte[cw * ch];
        BoxPx seedable = seedableArea(sc, original, tagged, start);
        for (int j = 0; j < ch; j++) {
            double yo = crop.y0Px() + (j + 0.5) / ty;
            for (int i = 0; i < cw; i++) {
                double xo = crop.x0Px() + (i + 0.5) / tx;
                int k = j * cw + i;
                if (!tag.contains(xo, yo)) {
                    labels[k] = GrabCut.BACKGROUND;
                } else if (!seedable.contains(xo, yo)) {
                    labels[k] = GrabCut.PROBABLY_BACKGROUND;
                } else {
                    labels[k] = p == null || start != SnapStart.NETWORK || p[k] > sc.seedThreshold()
                            ? GrabCut.PROBABLY_FOREGROUND
                            : GrabCut.PROBABLY_BACKGROUND;
                }
            }
        }
        RgbImage seen = p != null && start == SnapStart.PRIOR ? GrabCut.priorFeatures(img, p, sc.priorWeight()) : img;
        Reach reach = reach(sc, tagged, crop, tx, ty);
        boolean opencv = !joint && reach == null && sc.smoothness() == JointGrabCut.OPENCV_SMOOTHNESS
                && sc.backgroundComponents() == SnapConfig.OPENCV_COMPONENTS;
        // with a shape prior, the network's and the prior's log-odds are summed at their weights into one term
        float[] term = !joint ? null : shape ? dataTerm(sc, network ? p : null, tagged, crop, tx, ty, cw, ch) : p;
        Segmentation seg = opencv ? GrabCut.segment(seen, labels, sc.iterations())
                : JointGrabCut.segment(seen, labels, term, shape ? 1 : sc.networkWeight(), sc.networkIterations(),
                        sc.iterations(), sc.smoothness(), sc.backgroundComponents(), reach);
        byte[] fg = seg.mask().data();
        float[] f = new float[fg.length];
        for (int k = 0; k < fg.length; k++) {
            f[k] = fg[k];
        }
        ProbMap up = new ProbMap(f, cw, ch, crop.x0Px(), crop.y0Px(), tx, ty);
        if (sc.guideRadius() == 0 || t >= 1) {
            return new Snapped(up.sample(out.x0Px(), out.y0Px(), 1, 1, out.widthPx(), out.heightPx()),
                    seg.colourClarity());
        }
        return new Snapped(guidedUpsample(original, up, crop, out, Math.max(1, (int) Math.ceil(sc.guideRadius() / t))),
                seg.colourClarity());
    }

    /**
     * The tag's premise that its object reaches each side of the tag less its edge band ({@link #edgeBand}), in the
     * crop's pixels ({@code tx}, {@code ty} of them per original pixel); null when {@link SnapConfig#reachGap()} is 0,
     * box-free (no tag was drawn) or when the rectangle is under 2 pixels wide or high.
     */
    private Reach reach(SnapConfig sc, Tag tagged, PixelRect crop, double tx, double ty) {
        if (sc.reachGap() <= 0 || config.initialLabels() == InitialLabels.BORDER) {
            return null;
        }
        BoxPx inner = lessEdgeBand(tagged.box(), edgeBand(sc, tagged.categoryId()));
        int x0 = (int) Math.round((inner.x0Px() - crop.x0Px()) * tx);
        int y0 = (int) Math.round((inner.y0Px() - crop.y0Px()) * ty);
        int x1 = (int) Math.round((inner.x1Px() - crop.x0Px()) * tx);
        int y1 = (int) Math.round((inner.y1Px() - crop.y0Px()) * ty);
        return x1 - x0 < 2 || y1 - y0 < 2 ? null : new Reach(x0, y0, x1, y1, sc.reachGap());
    }

    /** Probabilities are clamped to [this, 1 - this] before their log-odds are taken. */
    private static final double TERM_MIN_PROB = 1e-4;

    /**
     * The prior GrabCut's data term takes at weight 1 over a crop ({@code cw x ch} pixels, {@code tx}, {@code ty}
     * of them per original pixel): the probability whose log-odds are the network's log-odds times
     * {@link SnapConfig#networkWeight()} plus, inside the tag, its category's shape prior's log-odds times
     * {@link SnapConfig#shapeWeight()} (the network's term may be absent: null). Only the difference of a pixel's
     * two costs matters to the cut, so this at weight 1 is the sum of the two terms at their weights.
     */
    private float[] dataTerm(SnapConfig sc, float[] network, Tag tag, PixelRect crop, double tx, double ty, int cw,
            int ch) {
        float[] out = new float[cw * ch];
        BoxPx box = tag.box();
        ShapePriors.Shape prior = shapePriors.of(tag.categoryId());
        for (int j = 0; j < ch; j++) {
            double yo = crop.y0Px() + (j + 0.5) / ty;
            for (int i = 0; i < cw; i++) {
                double xo = crop.x0Px() + (i + 0.5) / tx;
                int k = j * cw + i;
                double logOdds = network == null ? 0 : sc.networkWeight() * logOdds(network[k]);
                if (box.contains(xo, yo)) {
                    logOdds += sc.shapeWeight() * logOdds(prior.foreground((xo - box.x0Px()) / box.widthPx(),
                            (yo - box.y0Px()) / box.heightPx()));
                }
                out[k] = (float) (1 / (1 + Math.exp(-logOdds)));
            }
        }
        return out;
    }

    private static double logOdds(double p) {
        double q = Math.min(1 - TERM_MIN_PROB, Math.max(TERM_MIN_PROB, p));
        return Math.log(q / (1 - q));
    }

    /**
     * Where inside the tag GrabCut may start from foreground; the rest of the tag starts as probably background.
     * Box-free, inside the image's border band (as in training); with the rectangle start, inside the tag's edge
     * band ({@link #edgeBand}); otherwise the whole tag.
     */
    private BoxPx seedableArea(SnapConfig sc, RgbImage original, Tag tagged, SnapStart start) {
        if (config.initialLabels() == InitialLabels.BORDER) {
            double band = config.borderFraction() * Math.min(original.widthPx(), original.heightPx());
            return new BoxPx(band, band, original.widthPx() - band, original.heightPx() - band);
        }
        return lessEdgeBand(tagged.box(), start == SnapStart.RECTANGLE ? edgeBand(sc, tagged.categoryId()) : 0);
    }

    /** {@code tag} less an edge band of {@code band} of its width on the left and right, of its height above, below. */
    private static BoxPx lessEdgeBand(BoxPx tag, double band) {
        return new BoxPx(tag.x0Px() + band * tag.widthPx(), tag.y0Px() + band * tag.heightPx(),
                tag.x1Px() - band * tag.widthPx(), tag.y1Px() - band * tag.heightPx());
    }

    /**
     * The rectangle start's edge band for a tag of {@code categoryId}: {@link SnapConfig#edgeBandFraction()}, or
     * where it is learned and the shape priors counted the category's labels (or any),
     * {@value SnapConfig#LEARNED_BAND_FACTOR} times their median gap to the tags' sides, at most that.
     */
    double edgeBand(SnapConfig sc, long categoryId) {
        double gap = sc.edgeBandLearned() && shapePriors != null ? shapePriors.sideGap(categoryId) : Double.NaN;
        return Double.isNaN(gap) ? sc.edgeBandFraction()
                : Math.min(sc.edgeBandFraction(), SnapConfig.LEARNED_BAND_FACTOR * gap);
    }

    /**
     * The snapped mask enlarged from the snapping scale to {@code out} with the original image as guide
     * ({@link GuidedFilter}), so that its edges follow the full-resolution image's rather than the bilinear
     * interpolation between coarse pixels. The filter sees a margin of {@code 2 * radiusPx} around {@code out}.
     */
    private static float[] guidedUpsample(RgbImage original, ProbMap coarse, PixelRect crop, PixelRect out,
            int radiusPx) {
        PixelRect region = new PixelRect(Math.max(crop.x0Px(), out.x0Px() - 2 * radiusPx),
                Math.max(crop.y0Px(), out.y0Px() - 2 * radiusPx), Math.min(crop.x1Px(), out.x1Px() + 2 * radiusPx),
                Math.min(crop.y1Px(), out.y1Px() + 2 * radiusPx));
        float[] soft = coarse.sample(region.x0Px(), region.y0Px(), 1, 1, region.widthPx(), region.heightPx());
        float[] smooth = GuidedFilter.smooth(original.crop(region), soft, radiusPx, SnapConfig.GUIDE_EPSILON);
        float[] res = new float[out.widthPx() * out.heightPx()];
        for (int y = 0; y < out.heightPx(); y++) {
            System.arraycopy(smooth, (y + out.y0Px() - region.y0Px()) * region.widthPx() + out.x0Px() - region.x0Px(),
                    res, y * out.widthPx(), out.widthPx());
        }
        return res;
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
