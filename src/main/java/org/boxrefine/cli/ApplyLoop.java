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
import org.boxrefine.dataset.ImageLoadException;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.Preflight;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.Overlay;
import org.boxrefine.image.RgbImage;
import org.boxrefine.io.OutputException;
import org.boxrefine.io.OutputFolder;
import org.boxrefine.io.RunManifest;
import org.boxrefine.io.coco.CocoResultParts;
import org.boxrefine.io.coco.CocoResultWriter;
import org.boxrefine.io.image.ImageFiles;
import org.boxrefine.model.PatchClassifier;
import org.boxrefine.refine.Refiner;
import org.boxrefine.refine.TagResult;

/**
 * The loop that turns a data set's boxes into masks with a trained classifier and writes them, shared by
 * {@code refine} (after training) and {@code apply} (with a saved model). Each image's outputs are written whole:
 * its mask PNGs and overlay, then its result file under {@code OUT/.boxrefine/images/}, which marks it as done, so
 * that a resumed run skips it. {@code annotations.json} is streamed from those files at the end.
 */
final class ApplyLoop {
    static final String MODEL_FILE = "model.boxrefine";
    static final String MASKS = "masks";
    static final String OVERLAYS = "overlays";

    private final Path out;
    private final boolean noBoxes;
    private final boolean overlays;
    private final boolean quiet;
    private final PrintWriter err;

    ApplyLoop(Path out, boolean noBoxes, boolean overlays, boolean quiet, PrintWriter err) {
        this.out = out;
        this.noBoxes = noBoxes;
        this.overlays = overlays;
        this.quiet = quiet;
        this.err = err;
    }

    /**
     * What a run wrote.
     *
     * @param images  images with masks, those of an interrupted earlier part of the run included
     * @param resumed images finished before this run started (resumed)
     * @param tags    annotations with a mask
     * @param file    the COCO result
     */
    record Result(int images, int resumed, int tags, Path file) {
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
        OutputFolder.prepare(out, mode, List.of(CocoResultWriter.FILE_NAME, MODEL_FILE),
                List.of(MASKS, OVERLAYS, RunManifest.IMAGES, RunManifest.FOLDER), List.of(".png", ".jpg", ".json"));
        RunManifest.write(out, manifest);
        return resumed;
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
     * Refines every image of {@code in} not yet done (those in {@code failed} were reported already), with a
     * "predict" progress bar over the images left, then writes {@code annotations.json}.
     */
    Result run(InputOptions.RunInput in, PatchClassifier classifier, Set<Long> failed) throws IOException {
        Refiner refiner = new Refiner(in.config());
        CocoResultParts parts = new CocoResultParts(out.resolve(RunManifest.IMAGES));
        Set<Long> done = parts.done();
        List<ImageRecord> todo = in.records().stream().filter(r -> !done.contains(r.imageId())).toList();
        int resumed = in.records().size() - todo.size();
        if (resumed > 0) {
            err.printf(Locale.ROOT, "resume: %d of %d images were already refined; refining the other %d%n", resumed,
                    in.records().size(), todo.size());
        }
        ProgressBar bar = new ProgressBar(err, "predict", "images", todo.size(), quiet || todo.isEmpty(),
                ProgressBar.isTerminal());
        int count = 0;
        int written = 0;
        for (ImageRecord r : todo) {
            if (!failed.contains(r.imageId())) {
                try {
                    parts.write(r.imageId(), refineImage(r, in, refiner, classifier));
                    written++;
                } catch (OutOfMemoryError e) {
                    in.log().problems().add(Preflight.imageSkipped(r, in.source(),
                            ImageLoadException.outOfMemory(in.source().describe(r), e)));
                } catch (OutputException e) {
                    throw e;
                } catch (IOException e) {
                    in.log().problems().add(Preflight.imageSkipped(r, in.source(), e));
                }
            }
            bar.update(++count, null);
        }
        bar.finish(count, null);
        CocoResultWriter.Written w = CocoResultWriter.write(in.dataset(), parts::read, out, noBoxes);
        return new Result(resumed + written, resumed, w.refined(), w.file());
    }

    /** Refines one image's tags and writes its masks and overlay; returns the masks as RLE. */
    private Map<Long, CocoResultWriter.Refined> refineImage(ImageRecord r, InputOptions.RunInput in, Refiner refiner,
            PatchClassifier classifier) throws IOException {
        RgbImage img = in.source().load(r);
        List<TagResult> results = refiner.refine(classifier, img, r.tags());
        List<BoxPx> shown = new ArrayList<>();
        Map<Long, CocoResultWriter.Refined> masks = new LinkedHashMap<>();
        for (int k = 0; k < results.size(); k++) {
            TagResult t = results.get(k);
            BinaryMask full = t.mask().toFull(img.widthPx(), img.heightPx());
            ImageFiles.writeMaskPng(full, out.resolve(MASKS).resolve(t.annotationId() + ".png"));
            if (noBoxes) {
                PixelRect b = full.bounds();
                shown.add(new BoxPx(b.x0Px(), b.y0Px(), b.x1Px(), b.y1Px()));
                masks.put(t.annotationId(), CocoResultWriter.Refined.withMaskBox(full, t.score()));
            } else {
                shown.add(r.tags().get(k).box());
                masks.put(t.annotationId(), CocoResultWriter.Refined.of(full, t.score()));
            }
        }
        if (overlays) {
            RgbImage overlay = Overlay.render(img, shown, results.stream().map(TagResult::mask).toList(), 1600);
            ImageFiles.writeJpeg(overlay, out.resolve(OVERLAYS).resolve(stem(r.fileName()) + ".jpg"), 0.9f);
        }
        return masks;
    }

    static String stem(String fileName) {
        String name = Path.of(fileName).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
