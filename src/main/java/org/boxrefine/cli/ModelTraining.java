package org.boxrefine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.boxrefine.dataset.Preflight;
import org.boxrefine.io.RunManifest;
import org.boxrefine.io.model.ModelFile;
import org.boxrefine.model.EngineSetup;
import org.boxrefine.model.ModelInfo;
import org.boxrefine.model.PatchClassifier;
import org.boxrefine.model.TrainingSummary;
import org.boxrefine.refine.Refiner;
import org.boxrefine.refine.RefineConfig;
import org.boxrefine.refine.RefineSettings;
import org.boxrefine.refine.ShapePriors;
import org.boxrefine.refine.StageTimes;

/** Training with a progress bar and the provenance of the model it gives: shared by {@code refine} and {@code train}. */
final class ModelTraining {
    private ModelTraining() {
    }

    /**
     * A trained classifier (close it), its provenance, the shape priors learned with it (or null), the images that
     * failed to load during training (already reported), and the training's summary (null for a model read from a
     * file).
     */
    record Trained(PatchClassifier classifier, ModelInfo info, ShapePriors shapePriors, Set<Long> failed,
            TrainingSummary training) implements AutoCloseable {
        /** A model read from a file. */
        static Trained loaded(ModelFile.Loaded m) {
            return new Trained(m.classifier(), m.info(), m.shapePriors(), Set.of(), null);
        }

        @Override
        public void close() {
            classifier.close();
        }
    }

    /**
     * Trains on the images of {@code in} (with GrabCut's labels, past the training budget, on a sample of them: see
     * {@link Refiner#plannedPatches}), with a "train" progress bar (patches, rate, ETA, loss).
     */
    static Trained train(InputOptions.RunInput in, String engine, PrintWriter err, boolean quiet,
            Refiner.RoundListener rounds, int labelWorkers) {
        return train(in, engine, err, quiet, rounds, new StageTimes(), labelWorkers);
    }

    /**
     * As the method above, adding the time of each stage (loading, scaling, training, ...) to {@code times}; GrabCut's
     * training labels, where the configuration asks for them, are made on {@code labelWorkers} threads.
     */
    static Trained train(InputOptions.RunInput in, String engine, PrintWriter err, boolean quiet,
            Refiner.RoundListener rounds, StageTimes times, int labelWorkers) {
        Refiner refiner = new Refiner(in.config(), times, labelWorkers);
        Set<Long> failed = new HashSet<>();
        ProgressBar bar = new ProgressBar(err, "train", "patches", refiner.plannedPatches(in.records()), quiet,
                ProgressBar.isTerminal());
        PatchClassifier classifier = refiner.train(in.records(), in.source(),
                (seen, loss, ema, speed) -> bar.update(seen, String.format(Locale.ROOT, "loss %.3f", ema)),
                (r, e) -> {
                    failed.add(r.imageId());
                    in.log().problems().add(Preflight.imageSkipped(r, in.source(), e));
                }, rounds);
        var summary = refiner.lastTraining();
        bar.finish(summary.patches(), String.format(Locale.ROOT, "loss %.3f", summary.finalLossEma()));
        return new Trained(classifier, provenance(in, engine), refiner.shapePriors(), failed, summary);
    }

    /** What a model trained on {@code in} records about itself. */
    static ModelInfo provenance(InputOptions.RunInput in, String engine) {
        RefineConfig cfg = in.config();
        return new ModelInfo(cfg.arch(), Instant.now().toString(), "boxrefine " + Version.get(), engine,
                EngineSetup.djlVersion(), in.dataset().jsonFile().toString(), in.fingerprint(), in.records().size(),
                in.tagCount(), cfg.seed(), RefineSettings.toSettings(cfg));
    }

    /** The configuration a model was trained and saved with. */
    static RefineConfig configOf(ModelInfo info) {
        return RefineSettings.fromSettings(info.settings(), info.arch(), info.seed());
    }

    /**
     * How a saved model differs from one {@code in} would train: the annotations' fingerprint and each setting
     * that differs, including one only the model holds; empty when it is the same model.
     */
    static List<String> differences(ModelInfo info, InputOptions.RunInput in) throws IOException {
        List<String> out = new ArrayList<>();
        if (!in.fingerprint().equals(info.datasetSha256())) {
            out.add("annotations (" + info.dataset() + ", SHA-256 " + info.datasetSha256() + "; now "
                    + in.dataset().jsonFile() + ", SHA-256 " + in.fingerprint() + ")");
        }
        // a setting an older model lacks compares at its default (as the model is read); one this boxrefine does not
        // know stays in, so that it is reported rather than dropped
        Map<String, Object> saved = new LinkedHashMap<>(RefineSettings.toSettings(configOf(info)));
        info.settings().forEach(saved::putIfAbsent);
        out.addAll(RunManifest.differences(saved, RefineSettings.toSettings(in.config())));
        return out;
    }
}
