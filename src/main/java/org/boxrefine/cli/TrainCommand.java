package org.boxrefine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.boxrefine.io.OutputException;
import org.boxrefine.io.model.ModelFile;
import org.boxrefine.model.EngineSetup;
import org.boxrefine.refine.Refiner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code boxrefine train}: trains the patch classifier on the boxes of a data set and saves it with every setting
 * and its provenance, for {@code boxrefine apply} to use on other images.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train on the boxes of an annotation file (COCO, Pascal VOC, YOLO or LabelMe; --format,"
                + " --classes as for refine) and save the model (network, every setting, and where it"
                + " came from: the annotations and their SHA-256, seed, versions, date) for boxrefine apply.",
            "The settings that decide masks (--threshold, --snap..., --overlap..., ...) are saved with the model and"
                    + " used by apply unless apply overrides them."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input = new InputOptions();

    @Mixin
    RefineOptions options = new RefineOptions();

    @Option(names = "--out", description = "Folder to save the model in, as model.boxrefine.")
    Path out;

    @Option(names = "--model", description = "File to save the model as (instead of --out).")
    Path model;

    @Option(names = "--overwrite", description = "Replace an existing model file; without it one is refused.")
    boolean overwrite;

    @Option(names = {"-q", "--quiet"}, description = "No progress bars.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            long start = System.nanoTime();
            Path file = modelFile();
            if (options.apply.predictWorkers != null) {
                throw new IllegalArgumentException("--predict-workers sets how many images refine and apply refine at"
                        + " once; train refines no images");
            }
            options.checkBoxFree(input.noBoxes);
            InputOptions.RunInput in = input.load(err, options.config(), quiet);
            if (Files.exists(file) && !overwrite) {
                throw new IOException(file + ": a model file is already there; use --overwrite to replace it, or"
                        + " another --out / --model");
            }
            String engine = EngineSetup.start(options.threads());
            try (ModelTraining.Trained t = ModelTraining.train(in, engine, err, quiet, Refiner.RoundListener.NONE,
                    options.threads())) {
                ModelFile.write(file, t.info(), t.classifier(), t.shapePriors());
                in.log().printSummary(err);
                spec.commandLine().getOut().printf(Locale.ROOT, "trained on %d boxes of %d images in %.1f s -> %s%n",
                        in.tagCount(), in.records().size() - t.failed().size(), (System.nanoTime() - start) / 1e9,
                        file);
                return in.log().anySkipped() ? RefineCommand.EXIT_SKIPPED : 0;
            }
        } catch (OutputException e) {
            err.println("boxrefine train: the model could not be written: " + e.getMessage());
            return RefineCommand.EXIT_FAILED;
        } catch (IOException | IllegalArgumentException | SkipLog.StrictStop e) {
            err.println("boxrefine train: " + e.getMessage());
            return RefineCommand.EXIT_INPUT;
        }
    }

    private Path modelFile() {
        if ((out == null) == (model == null)) {
            throw new IllegalArgumentException("give one of --out DIR (saves DIR/" + ApplyLoop.MODEL_FILE
                    + ") or --model FILE, found " + (out == null ? "neither" : "both"));
        }
        return model != null ? model : out.resolve(ApplyLoop.MODEL_FILE);
    }
}
