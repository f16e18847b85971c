package org.boxrefine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.boxrefine.dataset.ImageLoadException;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.Preflight;
import org.boxrefine.dataset.Problems;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.Overlay;
import org.boxrefine.image.RgbImage;
import org.boxrefine.io.InstanceMask;
import org.boxrefine.io.OutputConfig;
import org.boxrefine.io.OutputException;
import org.boxrefine.io.OutputFolder;
import org.boxrefine.io.OutputWriters;
import org.boxrefine.io.coco.CocoDataset;
import org.boxrefine.io.coco.CocoImageSource;
import org.boxrefine.io.coco.CocoResultWriter;
import org.boxrefine.io.image.ImageFiles;
import org.boxrefine.io.model.ModelFile;
import org.boxrefine.model.EngineSetup;
import org.boxrefine.model.ModelInfo;
import org.boxrefine.model.PatchClassifier;
import org.boxrefine.model.TrainingSummary;
import org.boxrefine.refine.DecodedImage;
import org.boxrefine.refine.InitialLabels;
import org.boxrefine.refine.RefineConfig;
import org.boxrefine.refine.Refiner;
import org.boxrefine.refine.StageTimes;
import org.boxrefine.refine.TagResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code boxrefine refine}: trains one patch classifier on every tag of a COCO file, then writes
 * a mask per tag (COCO RLE in annotations.json, PNGs), overlays and the model. With
 * {@code --no-boxes}, every image of a folder is one whole-image tag whose border band is
 * background, and the output holds one mask per image with its bounding box.
 */
@Command(name = "refine", mixinStandardHelpOptions = true,
        description = {"Train on the boxes of an annotation file (COCO, Pascal VOC, YOLO or LabelMe) and write a tight"
                + " mask for every box, in the formats --output-format lists.",
            "With --no-boxes --images DIR, there are no boxes: every PNG and JPEG file directly in DIR gets one mask"
                    + " of its main object, learnt with the band along the image edges (--border-fraction) as"
                    + " background and the rest as foreground. annotations.json then lists those images (ids from 1,"
                    + " by file name) with one annotation each (same id, category 1 \"object\"), whose bbox is the"
                    + " mask's bounding box."})
public final class RefineCommand implements Callable<Integer> {
    /** Exit code when the run finished but skipped images or boxes. */
    public static final int EXIT_SKIPPED = 3;
    /** Exit code for bad input or usage, and for any skipped input under {@code --strict}. */
    public static final int EXIT_INPUT = 2;
    /** Exit code when the run failed to write its output (full disk, unwritable folder). */
    public static final int EXIT_FAILED = 1;
    static final String MODEL_FILE = "model.boxrefine";
    static final String MASKS = "masks";
    static final String OVERLAYS = "overlays";

    @Spec
    CommandSpec spec;

    @Option(names = "--annotations", description = "The boxes: a COCO detection JSON, a Pascal VOC folder or XML file, a YOLO folder (or its data.yaml / classes.txt), or LabelMe JSON files (a folder or one file) (required unless --no-boxes).")
    Path annotations;

    @Option(names = "--images", description = "Folder the images' file_name are relative to (default: the JSON's folder); with --no-boxes, the folder of images to refine.")
    Path images;

    @Option(names = "--no-boxes", description = "Box-free: refine every PNG/JPEG directly in --images without boxes, one mask per image (see above); --annotations is not used.")
    boolean noBoxes;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress bars.")
    boolean quiet;

    @Option(names = "--no-overlays", description = "Do not write overlay pictures.")
    boolean noOverlays;

    @Option(names = "--strict", description = "Stop at the first bad image or box (exit code 2) instead of skipping it.")
    boolean strict;

    @Option(names = "--overwrite", description = "When --out is not empty, remove the previous run's outputs"
            + " (annotations.json, model.boxrefine, masks/*.png, overlays/*.jpg) first; without it such a folder is refused.")
    boolean overwrite;

    @Option(names = "--save-rounds", description = "Write each re-labelling round's masks to this folder (round-N.json, COCO), to measure rounds with eval.")
    Path saveRounds;

    @Mixin
    RefineOptions options = new RefineOptions();

    @Mixin
    FormatOptions formats = new FormatOptions();

    /** Refine only the first this many usable images (for {@code bench}); null refines them all. */
    Integer limit;

    /**
     * What a run did, for callers such as the demo and the benchmark.
     *
     * @param records  the images refined (after the preflight and {@link #limit})
     * @param imageFolder the folder the records' file names are relative to
     * @param training the training's summary
     * @param times    where the run's time went, by stage
     * @param imagePhaseSeconds wall time of refining and writing the images after training
     * @param outputSummary lines about the outputs written (polygon statistics), for the user
     */
    record Outcome(int images, int tags, boolean skipped, Path annotationsFile, double seconds,
            List<ImageRecord> records, Path imageFolder, TrainingSummary training, StageTimes times,
            double imagePhaseSeconds, List<String> outputSummary) {
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            Outcome o = run(err);
            o.outputSummary().forEach(spec.commandLine().getOut()::println);
            spec.commandLine().getOut().printf(Locale.ROOT, "refined %d boxes on %d images in %.1f s -> %s%n", o.tags(),
                    o.images(), o.seconds(), o.annotationsFile());
            return o.skipped() ? EXIT_SKIPPED : 0;
        } catch (OutputException e) {
            err.println("boxrefine refine: the run failed, output not written: " + e.getMessage());
            return EXIT_FAILED;
        } catch (IOException | IllegalArgumentException | SkipLog.StrictStop e) {
            err.println("boxrefine refine: " + e.getMessage());
            return EXIT_INPUT;
        }
    }

    Outcome run(PrintWriter err) throws IOException {
        long start = System.nanoTime();
        RefineConfig cfg = options.config();
        OutputConfig outputConfig = formats.outputs();
        CocoDataset dataset;
        if (noBoxes) {
            if (annotations != null) {
                throw new IllegalArgumentException("--no-boxes refines every image in --images; --annotations is not"
                        + " used with it, found --annotations " + annotations);
            }
            if (images == null) {
                throw new IllegalArgumentException("--no-boxes needs --images, the folder of images to refine");
            }
            if (cfg.initialLabels() != InitialLabels.BOXES) {
                throw new IllegalArgumentException("--initial-labels grabcut needs boxes; it cannot be used with"
                        + " --no-boxes");
            }
            cfg = cfg.boxFree(cfg.borderFraction());
            dataset = CocoDataset.boxFree(images);
        } else if (annotations == null) {
            throw new IllegalArgumentException("--annotations is required (or --no-boxes with --images)");
        } else {
            dataset = formats.read(annotations, images);
        }
        SkipLog log = new SkipLog(err, strict);
        Problems problems = log.problems();
        problems.addAll(dataset.problems());
        CocoImageSource source = CocoImageSource.of(dataset);
        List<ImageRecord> records = Preflight.check(dataset.images(), source, problems);
        if (limit != null && records.size() > limit) {
            records = List.copyOf(records.subList(0, limit));
        }
        int tagCount = records.stream().mapToInt(r -> r.tags().size()).sum();
        if (records.isEmpty()) {
            throw new IllegalArgumentException(noBoxes ? images + ": no readable PNG or JPEG images to refine"
                    : annotations + ": no usable boxes to refine");
        }
        OutputFolder.prepare(out, overwrite ? OutputFolder.Mode.OVERWRITE : OutputFolder.Mode.REFUSE,
                List.of(CocoResultWriter.FILE_NAME, MODEL_FILE, OutputWriters.POLYGON_FILE, OutputWriters.STATS_FILE,
                        OutputWriters.INSTANCES_CSV, "yolo/data.yaml"),
                List.of(MASKS, OVERLAYS, "instances", "labelme", "yolo/labels", "yolo"),
                List.of(".png", ".jpg", ".json", ".txt"));
        String engine = EngineSetup.start(options.threads());
        Refiner refiner = new Refiner(cfg);
        Set<Long> failed = new HashSet<>();
        boolean terminal = ProgressBar.isTerminal();
        ProgressBar trainBar = new ProgressBar(err, "train", "patches", refiner.plannedPatches(records), quiet, terminal);
        try (PatchClassifier classifier = refiner.train(records, source,
                (seen, loss, ema, speed) -> trainBar.update(seen, String.format(Locale.ROOT, "loss %.3f", ema)),
                (r, e) -> {
                    failed.add(r.imageId());
                    problems.add(Preflight.imageSkipped(r, source, e));
                }, rounds(err, dataset))) {
            var summary = refiner.lastTraining();
            trainBar.finish(summary.patches(), String.format(Locale.ROOT, "loss %.3f", summary.finalLossEma()));
            long t0 = System.nanoTime();
            ModelFile.write(out.resolve(MODEL_FILE), provenance(cfg, dataset, engine, records.size(), tagCount),
                    classifier);
            refiner.times().add(StageTimes.Stage.WRITE, t0);

            OutputWriters outputs = new OutputWriters(dataset, out, outputConfig, noBoxes);
            ProgressBar predictBar = new ProgressBar(err, "predict", "images", records.size(), quiet, terminal);
            long phase0 = System.nanoTime();
            int workers = options.predictWorkers();
            if (workers > 1) {
                EngineSetup.start(Math.max(1, options.threads() / workers));
            }
            int written;
            try (ImageWorkers<RefinedImage> pool = new ImageWorkers<>(workers)) {
                written = pool.run(records.stream().filter(r -> !failed.contains(r.imageId())).toList(),
                        r -> {
                            try {
                                return refineImage(r, source, refiner, classifier);
                            } catch (OutOfMemoryError e) {
                                throw ImageLoadException.outOfMemory(source.describe(r), e);
                            }
                        }, new ImageWorkers.Sink<>() {
                            private int done;

                            @Override
                            public void accept(ImageRecord r, RefinedImage refined) throws IOException {
                                try {
                                    write(r, refined, refiner, outputs);
                                } catch (OutOfMemoryError e) {
                                    throw ImageLoadException.outOfMemory(source.describe(r), e);
                                }
                                predictBar.update(++done, null);
                            }

                            @Override
                            public void failed(ImageRecord r, IOException e) {
                                problems.add(Preflight.imageSkipped(r, source, e));
                                predictBar.update(++done, null);
                            }
                        });
            } finally {
                if (workers > 1) {
                    EngineSetup.start(options.threads());
                }
            }
            predictBar.finish(records.size(), null);
            double imagePhase = (System.nanoTime() - phase0) / 1e9;
            t0 = System.nanoTime();
            Path file = outputs.finish();
            refiner.times().add(StageTimes.Stage.WRITE, t0);
            log.printSummary(err);
            return new Outcome(written, outputs.refinedCount(), log.anySkipped(), file,
                    (System.nanoTime() - start) / 1e9, records, source.imageFolder(), summary, refiner.times(),
                    imagePhase, outputs.summary());
        }
    }

    /** One image refined: its decoded pixels, the masks there, and the masks in the original pixels. */
    private record RefinedImage(DecodedImage decoded, List<TagResult> inDecoded, List<TagResult> results) {
    }

    /** Refines one image's tags (runs on several threads at once with {@code --predict-workers}). */
    private RefinedImage refineImage(ImageRecord r, CocoImageSource source, Refiner refiner,
            PatchClassifier classifier) throws IOException {
        DecodedImage decoded = refiner.decode(source, r);
        List<TagResult> inDecoded = refiner.refine(classifier, decoded);
        long t0 = System.nanoTime();
        List<TagResult> results = decoded.toOriginal(inDecoded);
        refiner.times().add(StageTimes.Stage.MASKS, t0, 0);
        return new RefinedImage(decoded, inDecoded, results);
    }

    /** Hands one refined image's masks to the writers and writes its overlay, in record order. */
    private void write(ImageRecord r, RefinedImage refined, Refiner refiner, OutputWriters outputs)
            throws IOException {
        long t0 = System.nanoTime();
        DecodedImage decoded = refined.decoded();
        List<InstanceMask> masks = refined.results().stream()
                .map(t -> new InstanceMask(t.annotationId(), t.mask(), t.score())).toList();
        outputs.image(r, decoded.originalWidthPx(), decoded.originalHeightPx(), masks);
        if (!noOverlays) {
            List<BoxPx> shown = new ArrayList<>();
            for (int k = 0; k < masks.size(); k++) {
                if (noBoxes) {
                    PixelRect b = new InstanceMask(0, refined.inDecoded().get(k).mask(), 0).boundsPx();
                    shown.add(new BoxPx(b.x0Px(), b.y0Px(), b.x1Px(), b.y1Px()));
                } else {
                    shown.add(decoded.tags().get(k).box());
                }
            }
            RgbImage overlay = Overlay.render(decoded.image(), shown,
                    refined.inDecoded().stream().map(TagResult::mask).toList(), 1600);
            ImageFiles.writeJpeg(overlay, out.resolve(OVERLAYS).resolve(stem(r.fileName()) + ".jpg"), 0.9f);
        }
        refiner.times().add(StageTimes.Stage.WRITE, t0);
    }

    private Refiner.RoundListener rounds(PrintWriter err, CocoDataset dataset) {
        if (saveRounds == null) {
            return Refiner.RoundListener.NONE;
        }
        return new Refiner.RoundListener() {
            private final Map<Long, CocoResultWriter.Refined> masks = new LinkedHashMap<>();

            @Override
            public void onImage(int round, ImageRecord record, List<TagResult> results) {
                int w = record.widthPx();
                int h = record.heightPx();
                for (TagResult t : results) {
                    masks.put(t.annotationId(), CocoResultWriter.Refined.of(t.mask().toFull(w, h), t.score()));
                }
            }

            @Override
            public void onRoundEnd(int round, double agreement) {
                try {
                    CocoResultWriter.writeFile(dataset, masks, saveRounds.resolve("round-" + round + ".json"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                masks.clear();
                if (round == 1) {
                    err.printf(Locale.ROOT, "round 1: masks written%n");
                } else {
                    err.printf(Locale.ROOT, "round %d: masks written; mean IoU to the previous round %.3f%n", round,
                            agreement);
                }
            }
        };
    }

    private static ModelInfo provenance(RefineConfig cfg, CocoDataset dataset, String engine, int imageCount,
            int tagCount) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("tagSizePx", cfg.scale().tagSizePx());
        settings.put("maxUpscale", cfg.scale().maxUpscale());
        settings.put("patchesPerImage", cfg.sampling().patchesPerImage());
        settings.put("ringFraction", cfg.sampling().ringFraction());
        settings.put("ringShare", cfg.sampling().ringShare());
        settings.put("flip", cfg.sampling().flip());
        settings.put("colourJitter", cfg.sampling().colourJitter());
        settings.put("epochs", cfg.epochs());
        settings.put("batchSize", cfg.train().batchSize());
        settings.put("learningRate", cfg.train().learningRate());
        settings.put("centreDropout", cfg.train().centreDropout());
        settings.put("threshold", cfg.threshold());
        settings.put("minPartFraction", cfg.minPartFraction());
        settings.put("gridStepPx", cfg.gridStepPx());
        settings.put("overlap", cfg.overlap().name());
        settings.put("sharedConfidence", cfg.sharedConfidence());
        settings.put("initialLabels", cfg.initialLabels().name());
        settings.put("boxLossEpochs", cfg.boxSupervision().epochs());
        if (cfg.boxSupervision().enabled()) {
            settings.put("boxLossPairwise", cfg.boxSupervision().pairwiseWeight());
            settings.put("boxLossSimilarity", cfg.boxSupervision().colourSimilarity());
            settings.put("boxLossLearningRate", cfg.boxSupervision().learningRate());
        }
        if (cfg.initialLabels() == InitialLabels.BORDER) {
            settings.put("borderFraction", cfg.borderFraction());
        }
        return new ModelInfo(cfg.arch(), Instant.now().toString(), "boxrefine " + Version.get(), engine,
                dataset.jsonFile().toString(), imageCount, tagCount, cfg.seed(), settings);
    }

    static String stem(String fileName) {
        String name = Path.of(fileName).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
