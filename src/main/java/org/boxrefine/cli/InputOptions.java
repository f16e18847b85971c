package org.boxrefine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.Preflight;
import org.boxrefine.io.ContentHash;
import org.boxrefine.io.DatasetReaders;
import org.boxrefine.io.InputFormat;
import org.boxrefine.io.coco.CocoDataset;
import org.boxrefine.io.coco.CocoImageSource;
import org.boxrefine.refine.RefineConfig;
import picocli.CommandLine.Option;

/** Where the boxes and images come from, and what to do with bad ones: shared by refine, train and apply. */
final class InputOptions {
    @Option(names = "--annotations", description = "The boxes: a COCO detection JSON, a Pascal VOC folder or XML file, a YOLO folder (or its data.yaml / classes.txt), or LabelMe JSON files (a folder or one file) (required unless --no-boxes).")
    Path annotations;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Format of --annotations: coco, voc, yolo or labelme (default: detected from the path).")
    String format;

    @Option(names = "--classes", split = ",", paramLabel = "NAME", description = "Refine only the boxes of these classes (names, or category ids), comma-separated; the other boxes are kept as boxes in the COCO and LabelMe outputs and left out of the YOLO and PNG outputs (default: all).")
    List<String> classes = new ArrayList<>();

    @Option(names = "--images", description = "Folder the images' file_name are relative to (default: the JSON's folder); with --no-boxes, the folder of images to refine.")
    Path images;

    @Option(names = "--no-boxes", description = "Box-free: refine every PNG/JPEG directly in --images without boxes, one mask per image (see above); --annotations is not used.")
    boolean noBoxes;

    @Option(names = "--strict", description = "Stop at the first bad image or box (exit code 2) instead of skipping it.")
    boolean strict;

    /** Keep only the first this many usable images ({@code bench --limit}); null keeps them all. */
    Integer limit;

    /**
     * A data set read and checked for a run, with the configuration it runs under.
     *
     * @param dataset     the annotations as read
     * @param source      loads the images' pixels
     * @param records     the images with usable boxes, fitted to their real sizes
     * @param tagCount    boxes in {@code records}
     * @param log         the problems found, printed as they come
     * @param config      the run's configuration (box-free when {@code --no-boxes})
     * @param fingerprint SHA-256 of the annotations (box-free: of the image folder's listing)
     * @param classes     the classes chosen with {@code --classes} (empty: all)
     */
    record RunInput(CocoDataset dataset, CocoImageSource source, List<ImageRecord> records, int tagCount, SkipLog log,
            RefineConfig config, String fingerprint, List<String> classes) {
    }

    /**
     * Reads and checks the input (a "load" progress bar over the images' headers), failing with a message when
     * nothing usable is left.
     */
    RunInput load(PrintWriter err, RefineConfig cfg, boolean quiet) throws IOException {
        CocoDataset dataset;
        Path fingerprinted;
        if (noBoxes) {
            if (annotations != null) {
                throw new IllegalArgumentException("--no-boxes refines every image in --images; --annotations is not"
                        + " used with it, found --annotations " + annotations);
            }
            if (images == null) {
                throw new IllegalArgumentException("--no-boxes needs --images, the folder of images to refine");
            }
            cfg = cfg.boxFree(cfg.borderFraction());
            dataset = CocoDataset.boxFree(images);
            fingerprinted = images;
        } else if (annotations == null) {
            throw new IllegalArgumentException("--annotations is required (or --no-boxes with --images)");
        } else {
            InputFormat f = format == null ? null : InputFormat.parse(format);
            dataset = DatasetReaders.selectClasses(DatasetReaders.read(annotations, images, f), classes);
            fingerprinted = annotations;
        }
        SkipLog log = new SkipLog(err, strict);
        log.problems().addAll(dataset.problems());
        CocoImageSource source = CocoImageSource.of(dataset);
        ProgressBar bar = new ProgressBar(err, "load", "images", dataset.images().size(), quiet,
                ProgressBar.isTerminal());
        List<ImageRecord> records = Preflight.check(dataset.images(), source, log.problems(), n -> bar.update(n, null));
        bar.finish(dataset.images().size(), null);
        if (limit != null && records.size() > limit) {
            records = List.copyOf(records.subList(0, limit));
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException(noBoxes ? images + ": no readable PNG or JPEG images to refine"
                    : annotations + ": no usable boxes to refine");
        }
        int tagCount = records.stream().mapToInt(r -> r.tags().size()).sum();
        return new RunInput(dataset, source, records, tagCount, log, cfg, ContentHash.sha256(fingerprinted),
                List.copyOf(classes));
    }
}
