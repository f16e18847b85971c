package org.boxrefine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.boxrefine.io.ContentHash;
import org.boxrefine.io.OutputConfig;
import org.boxrefine.io.OutputException;
import org.boxrefine.io.model.ModelFile;
import org.boxrefine.model.EngineSetup;
import org.boxrefine.refine.InitialLabels;
import org.boxrefine.refine.RefineConfig;
import org.boxrefine.refine.StageTimes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code boxrefine apply}: refines the boxes of a data set with a saved model, without training, using the
 * model's saved settings except those given as {@link ApplyOptions}. Writes what {@code refine} writes, except
 * the model.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Refine the boxes of an annotation file (COCO, Pascal VOC, YOLO or LabelMe) with a model saved"
                + " by boxrefine train (or refine), without training: writes what refine writes (--output-format),"
                + " overlays/ and report.html, except the model.",
            "The model's saved settings are used; these options override them: --threshold, --all-components,"
                    + " --min-part-fraction, --grid-step, --snap/--no-snap, --snap-size, --snap-min-size, --snap-guide-radius,"
                    + " --snap-margin, --snap-iterations, --snap-start, --snap-prior-weight, --snap-edge-band,"
                    + " --snap-network-weight, --snap-network-iterations, --snap-shape-weight, --snap-auto-confidence,"
                    + " --snap-auto-margin, --snap-auto-tag-confidence, --fill-holes/--no-fill-holes, --overlap,"
                    + " --overlap-shared. Training settings (working scale, network, patches) cannot change."})
public final class ApplyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "The model file (model.boxrefine) saved by train or refine.")
    Path model;

    @Mixin
    InputOptions input = new InputOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    ApplyOptions overrides = new ApplyOptions();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            long start = System.nanoTime();
            var mode = output.mode();
            OutputConfig outputs = output.outputs();
            EngineSetup.start(overrides.threads());
            ModelFile.Loaded m = ModelFile.read(model);
            try (ModelTraining.Trained t = ModelTraining.Trained.loaded(m)) {
                RefineConfig saved = ModelTraining.configOf(m.info());
                boolean boxFreeModel = saved.initialLabels() == InitialLabels.BORDER;
                if (boxFreeModel != input.noBoxes) {
                    throw new IllegalArgumentException(boxFreeModel
                            ? model + " was trained without boxes; apply it with --no-boxes --images DIR"
                            : model + " was trained on boxes; --no-boxes needs a model trained with --no-boxes");
                }
                List<String> given = overrides.given();
                if (!given.isEmpty()) {
                    err.println("apply: the model's settings, except " + String.join(", ", given));
                }
                if (overrides.snapShapeWeight != null && overrides.snapShapeWeight > 0 && m.shapePriors() == null) {
                    err.println("apply: " + model + " holds no shape priors (trained without GrabCut's labels, or by"
                            + " an older boxrefine); --snap-shape-weight has no effect");
                }
                InputOptions.RunInput in = input.load(err, overrides.over(saved), output.quiet);
                ApplyLoop.prepare(output.out, mode,
                        ApplyLoop.manifest("apply", in, ContentHash.sha256(model), !output.noOverlays, outputs));
                ApplyLoop.Result r = new ApplyLoop(output.out, input.noBoxes, !output.noOverlays, output.quiet,
                        outputs, new ApplyLoop.Execution(overrides.threads(), overrides.predictWorkers(),
                                new StageTimes()), err).run(in, t);
                r.summary().forEach(spec.commandLine().getOut()::println);
                in.log().printSummary(err);
                spec.commandLine().getOut().printf(Locale.ROOT, "refined %d boxes on %d images in %.1f s with %s -> %s%n",
                        r.tags(), r.images(), (System.nanoTime() - start) / 1e9, model, r.file());
                return in.log().anySkipped() ? RefineCommand.EXIT_SKIPPED : 0;
            }
        } catch (OutputException e) {
            err.println("boxrefine apply: the run failed, output not written: " + e.getMessage());
            return RefineCommand.EXIT_FAILED;
        } catch (IOException | IllegalArgumentException | SkipLog.StrictStop e) {
            err.println("boxrefine apply: " + e.getMessage());
            return RefineCommand.EXIT_INPUT;
        }
    }
}
