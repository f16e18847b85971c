package org.boxrefine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.boxrefine.dataset.BrokenRunCheck;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.ImageWorkers;
import org.boxrefine.dataset.Preflight;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.Overlay;
import org.boxrefine.image.RgbImage;
import org.boxrefine.io.InstanceMask;
import org.boxrefine.io.OutputConfig;
import org.boxrefine.io.OutputException;
import org.boxrefine.io.OutputFolder;
import org.boxrefine.io.OutputFormat;
import org.boxrefine.io.OutputWriters;
import org.boxrefine.io.RunManifest;
import org.boxrefine.io.coco.CocoResultWriter;
import org.boxrefine.io.image.ImageFiles;
import org.boxrefine.model.EngineSetup;
import org.boxrefine.model.PatchClassifier;
import org.boxrefine.refine.DecodedImage;
import org.boxrefine.refine.InitialLabels;
import org.boxrefine.refine.RefineSettings;
import org.boxrefine.refine.Refiner;
import org.boxrefine.refine.StageTimes;
import org.boxrefine.refine.TagResult;

/**
 * The loop that turns a data set's boxes into masks with a trained classifier and writes them, shared by
 * {@code refine} (after training) and {@code apply} (with a saved model). Each image's outputs are written whole:
 * its overlay, then its files in every output format and last its result file under
 * {@code OUT/.boxrefine/images/} ({@link OutputWriters}), which marks it as done, so that a resumed run skips it.
 * {@code annotations.json} and the other end-of-run files are built from those result files at the end, then the
 * review page.
 */
final class ApplyLoop {
    static final String MODEL_FILE = "model.boxrefine";
    static final String MASKS = "masks";
    static final String OVERLAYS = "overlays";

    private final Path out;
    private final boolean noBoxes;
    private final boolean overlays;
    private final boolean quiet;
    private final OutputConfig outputs;
    private final Execution execution;
    private final PrintWriter err;

    ApplyLoop(Path out, boolean noBoxes, boolean overlays, boolean quiet, OutputConfig outputs, Execution execution,
            PrintWriter err) {
        this.out = out;
        this.execution = execution;
        this.noBoxes = noBoxes;
        this.overlays = overlays;
        this.quiet = quiet;
        this.outputs = outputs;
        this.err = err;
    }

    /**
     * What a run wrote.
     *
     * @param images  images with masks, those of an interrupted earlier part of the run included
     * @param resumed images finished before this run started (resumed)
     * @param tags    annotations with a mask
     * @param file    the COCO result
     * @param summary lines for the run's summary (what polygon simplification lost)
     * @param imageSeconds wall time of refining and writing the images (before the end-of-run files)
     */
    record Result(int images, int resumed, int tags, Path file, List<String> summary, double imageSeconds) {
    }

    /**
     * How a run is executed, which does not change its masks.
     *
     * @param threads        PyTorch's threads
     * @param predictWorkers images refined at once (PyTorch then gets {@code threads / predictWorkers} threads)
     * @param times          where the stage timings go
     */
    record Execution(int threads, int predictWorkers, StageTimes times) {
        Execution {
            if (threads < 1 || predictWorkers < 1) {
                throw new IllegalArgumentException("threads and predict workers must be at least 1, found " + threads
                        + " and " + predictWorkers);
            }
            java.util.Objects.requireNonNull(times, "times");
        }
    }

    /**
     * Makes {@code out} ready: refused, cleaned or resumed as {@code mode} says, and the run's {@code manifest}
     * saved. Resuming needs a folder that is empty or holds a run started with the same manifest.
     *
     * @return whether an earlier, interrupted run is resumed
     * @throws IOException (exit code 2) when the folder is refused or holds another run
     */
    static boolean prepare(Path out, OutputFolder.Mode mode, Map<String, Object> manifest) throws IOException {
        boolean resumed = false;
        if (mode == OutputFolder.Mode.RESUME && hasContent(out)) {
            if (!RunManifest.exists(out)) {
                throw new IOException(out + ": holds no boxrefine run that can be resumed (no " + RunManifest.FOLDER
                        + "/run.json); use --overwrite to replace what is there, or another --out");
            }
            List<String> diff = RunManifest.differences(out, manifest);
            if (!diff.isEmpty()) {
                throw new IOException(out + ": cannot resume: the run there was started with other data or settings: "
                        + String.join("; ", diff) + " (run again with the same ones, or use --overwrite or another --out)");
            }
            resumed = true;
        }
        OutputFolder.prepare(out, mode,
                List.of(CocoResultWriter.FILE_NAME, MODEL_FILE, OutputWriters.POLYGON_FILE, OutputWriters.STATS_FILE,
                        OutputWriters.INSTANCES_CSV, "yolo/data.yaml", ReviewReport.PAGE, ReviewReport.PLOT),
                List.of(MASKS, OVERLAYS, "instances", "labelme", "yolo/labels", "yolo", RunManifest.IMAGES,
                        RunManifest.FOLDER),
                List.of(".png", ".jpg", ".json", ".txt"));
        RunManifest.write(out, manifest);
        return resumed;
    }

    /**
     * What identifies a run, for {@code --resume}: the command, the data (annotations' SHA-256, classes, image
     * folder), the model file's SHA-256 for {@code apply}, what is written, and every setting.
     */
    static Map<String, Object> manifest(String command, InputOptions.RunInput in, String modelSha256,
            boolean overlays, OutputConfig outputs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("annotationsSha256", in.fingerprint());
        if (modelSha256 != null) {
            m.put("modelSha256", modelSha256);
        }
        m.put("noBoxes", in.config().initialLabels() == InitialLabels.BORDER);
        m.put("classes", in.classes());
        m.put("imageFolder", in.source().imageFolder().toAbsolutePath().normalize().toString());
        m.put("overlays", overlays);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("formats", outputs.formats().stream().sorted().map(OutputFormat::cliName).toList());
        o.put("tightenBoxes", outputs.tightenBoxes());
        o.put("polygonTolerancePx", outputs.polygons().tolerancePx());
        o.put("maxVertices", outputs.polygons().maxVertices());
        o.put("parts", outputs.polygons().parts().name());
        m.put("outputs", o);
        m.put("settings", RefineSettings.toSettings(in.config()));
        return m;
    }

    private static boolean hasContent(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.anyMatch(p -> !p.getFileName().toString().endsWith(".part"));
        }
    }

    /**
     * Refines every image of {@code in} not yet done with the model's classifier and shape priors (the images its
     * training could not load were reported already and are skipped), with a "predict" progress bar over the images
     * left, then writes {@code annotations.json}, the other end-of-run files and the review page. With several
     * workers, images are refined on that many threads (PyTorch gets the threads divided among them) while their
     * outputs are written here in record order, as with one.
     */
    Result run(InputOptions.RunInput in, ModelTraining.Trained model) throws IOException {
        PatchClassifier classifier = model.classifier();
        Set<Long> failed = model.failed();
        Refiner refiner = new Refiner(in.config(), execution.times());
        refiner.setShapePriors(model.shapePriors());
        OutputWriters writers = new OutputWriters(in.dataset(), out, outputs, noBoxes);
        Set<Long> done = writers.done();
        List<ImageRecord> todo = in.records().stream().filter(r -> !done.contains(r.imageId())).toList();
        int resumed = in.records().size() - todo.size();
        if (resumed > 0) {
            err.printf(Locale.ROOT, "resume: %d of %d images were already refined; refining the other %d%n", resumed,
                    in.records().size(), todo.size());
        }
        ProgressBar bar = new ProgressBar(err, "predict", "images", todo.size(), quiet || todo.isEmpty(),
                ProgressBar.isTerminal());
        long phase0 = System.nanoTime();
        int workers = execution.predictWorkers();
        if (workers > 1) {
            EngineSetup.start(Math.max(1, execution.threads() / workers));
        }
        List<ImageRecord> toRefine = todo.stream().filter(r -> !failed.contains(r.imageId())).toList();
        int[] count = {todo.size() - toRefine.size()};
        int written;
        BrokenRunCheck brokenRun = new BrokenRunCheck();
        if (resumed > 0) {
            brokenRun.succeeded();
        }
        try (ImageWorkers<RefinedImage> pool = new ImageWorkers<>(workers)) {
            written = pool.run(toRefine, ImageWorkers.guarded(r -> refineImage(r, in, refiner, classifier),
                    in.source()::describe, "refining it"), new ImageWorkers.Sink<>() {
                @Override
                public void accept(ImageRecord r, RefinedImage refined) throws IOException {
                    ImageWorkers.<Void>guarded(x -> {
                        write(x, refined, writers);
                        return null;
                    }, in.source()::describe, "writing its outputs").run(r);
                    brokenRun.succeeded();
                    bar.update(++count[0], null);
                }

                @Override
                public void failed(ImageRecord r, IOException e) throws IOException {
                    if (e instanceof OutputException stop) {
                        throw stop;
                    }
                    brokenRun.failed(e);
                    in.log().problems().add(Preflight.imageSkipped(r, in.source(), e));
                    bar.update(++count[0], null);
                }
            });
        } finally {
            if (workers > 1) {
                EngineSetup.start(execution.threads());
            }
        }
        bar.finish(count[0], null);
        double imageSeconds = (System.nanoTime() - phase0) / 1e9;
        long t0 = System.nanoTime();
        Path file = writers.finish();
        ReviewReport.afterRefine(out, in.source().imageFolder(), err);
        execution.times().add(StageTimes.Stage.WRITE, t0);
        return new Result(resumed + written, resumed, writers.refinedCount(), file, writers.summary(), imageSeconds);
    }

    /** One image refined: its decoded pixels, the masks there, and the masks in the original pixels. */
    private record RefinedImage(DecodedImage decoded, List<TagResult> inDecoded, List<TagResult> results) {
    }

    /**
     * Refines one image's tags (on several threads at once with more than one worker). A large image is decoded
     * subsampled ({@link Refiner#decode}) and its masks enlarged back to full resolution.
     */
    private static RefinedImage refineImage(ImageRecord r, InputOptions.RunInput in, Refiner refiner,
            PatchClassifier classifier) throws IOException {
        DecodedImage decoded = refiner.decode(in.source(), r);
        List<TagResult> inDecoded = refiner.refine(classifier, decoded);
        long t0 = System.nanoTime();
        List<TagResult> results = decoded.toOriginal(inDecoded);
        refiner.times().add(StageTimes.Stage.MASKS, t0, 0);
        return new RefinedImage(decoded, inDecoded, results);
    }

    /** Writes one refined image's overlay, then hands its masks to the writers (in record order). */
    private void write(ImageRecord r, RefinedImage refined, OutputWriters writers) throws IOException {
        long t0 = System.nanoTime();
        DecodedImage decoded = refined.decoded();
        List<InstanceMask> masks = refined.results().stream()
                .map(t -> new InstanceMask(t.annotationId(), t.mask(), t.score())).toList();
        if (overlays) {
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
        writers.image(r, decoded.originalWidthPx(), decoded.originalHeightPx(), masks);
        execution.times().add(StageTimes.Stage.WRITE, t0);
    }

    static String stem(String fileName) {
        String name = Path.of(fileName).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
