package org.boxrefine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.io.OutputConfig;
import org.boxrefine.io.OutputException;
import org.boxrefine.io.coco.CocoDataset;
import org.boxrefine.io.coco.CocoResultWriter;
import org.boxrefine.io.model.ModelFile;
import org.boxrefine.model.EngineSetup;
import org.boxrefine.model.TrainingSummary;
import org.boxrefine.refine.Refiner;
import org.boxrefine.refine.StageTimes;
import org.boxrefine.refine.TagResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code boxrefine refine}: trains one patch classifier on every tag of a data set, saves it, then writes
 * a mask per tag in every chosen output format, overlays and the review page ({@link ApplyLoop}). With
 * {@code --no-boxes}, every image of a folder is one whole-image tag whose border band is
 * background, and the output holds one mask per image with its bounding box. With {@code --resume}, an
 * interrupted run goes on: the saved model is used again and finished images are kept.
 */
@Command(name = "refine", mixinStandardHelpOptions = true,
        description = {"Train on the boxes of an annotation file (COCO, Pascal VOC, YOLO or LabelMe) and write a tight"
                + " mask for every box, in the formats --output-format lists (train and apply in one command).",
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

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input = new InputOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = "--save-rounds", description = "Write each re-labelling round's masks to this folder (round-N.json, COCO), to measure rounds with eval.")
    Path saveRounds;

    @Mixin
    RefineOptions options = new RefineOptions();

    /**
     * What a run did, for callers such as the demo and the benchmark.
     *
     * @param records  the images refined (after the preflight and {@code bench}'s limit)
     * @param imageFolder the folder the records' file names are relative to
     * @param training the training's summary (null when a resumed run used its saved model)
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
        var mode = output.mode();
        OutputConfig outputs = output.outputs();
        ApplyLoop.Execution execution = new ApplyLoop.Execution(options.threads(), options.predictWorkers(),
                new StageTimes());
        options.checkBoxFree(input.noBoxes);
        InputOptions.RunInput in = input.load(err, options.config(), output.quiet);
        Path out = output.out;
        boolean resumed = ApplyLoop.prepare(out, mode,
                ApplyLoop.manifest("refine", in, null, !output.noOverlays, outputs));
        String engine = EngineSetup.start(execution.threads());
        Path modelFile = out.resolve(ApplyLoop.MODEL_FILE);
        try (ModelTraining.Trained model = resumed && modelFile.toFile().isFile() ? savedModel(modelFile, in, err)
                : trainAndSave(in, engine, modelFile, execution.times(), err)) {
            ApplyLoop.Result r = new ApplyLoop(out, input.noBoxes, !output.noOverlays, output.quiet, outputs,
                    execution, err).run(in, model);
            in.log().printSummary(err);
            return new Outcome(r.images(), r.tags(), in.log().anySkipped(), r.file(), (System.nanoTime() - start) / 1e9,
                    in.records(), in.source().imageFolder(), model.training(), execution.times(), r.imageSeconds(),
                    r.summary());
        }
    }

    private ModelTraining.Trained trainAndSave(InputOptions.RunInput in, String engine, Path modelFile,
            StageTimes times, PrintWriter err) throws IOException {
        ModelTraining.Trained t = ModelTraining.train(in, engine, err, output.quiet, rounds(err, in.dataset()), times,
                options.threads());
        try {
            long t0 = System.nanoTime();
            ModelFile.write(modelFile, t.info(), t.classifier(), t.shapePriors());
            times.add(StageTimes.Stage.WRITE, t0);
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    /** The model an interrupted run saved, when it was trained on the same annotations with the same settings. */
    private static ModelTraining.Trained savedModel(Path modelFile, InputOptions.RunInput in, PrintWriter err)
            throws IOException {
        ModelFile.Loaded m = ModelFile.read(modelFile);
        List<String> diff;
        try {
            diff = ModelTraining.differences(m.info(), in);
        } catch (IOException | RuntimeException e) {
            m.classifier().close();
            throw e;
        }
        if (!diff.isEmpty()) {
            m.classifier().close();
            throw new IOException(modelFile + ": cannot resume with this model: it was trained on other data or"
                    + " settings: " + String.join("; ", diff) + " (use --overwrite to start again)");
        }
        err.println("resume: " + modelFile + " was trained on the same annotations with the same settings;"
                + " not training again");
        return ModelTraining.Trained.loaded(m);
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
}
