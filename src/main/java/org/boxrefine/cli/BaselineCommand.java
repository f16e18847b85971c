package org.boxrefine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.RgbImage;
import org.boxrefine.io.coco.CocoDataset;
import org.boxrefine.io.coco.CocoImageSource;
import org.boxrefine.io.coco.CocoResultWriter;
import org.boxrefine.snap.GrabCut;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code boxrefine baseline}: what a user would run instead of boxrefine. Plain OpenCV GrabCut,
 * started from each box's rectangle on the whole image, written like {@code refine}'s
 * annotations.json so that {@code eval} compares the two.
 */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Plain OpenCV GrabCut (rectangle start) on every box of a COCO file, for comparison.")
public final class BaselineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--annotations", required = true, description = "COCO detection JSON with the boxes.")
    Path annotations;

    @Option(names = "--images", description = "Folder the images' file_name are relative to (default: the JSON's folder).")
    Path images;

    @Option(names = "--out", required = true, description = "Output folder (annotations.json).")
    Path out;

    @Option(names = "--iterations", defaultValue = "5", description = "GrabCut iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (iterations < 1) {
                throw new IllegalArgumentException("--iterations must be at least 1, found " + iterations);
            }
            long start = System.nanoTime();
            CocoDataset dataset = images == null ? CocoDataset.read(annotations) : CocoDataset.read(annotations, images);
            for (String w : dataset.warnings()) {
                err.println("warning: " + w);
            }
            CocoImageSource source = CocoImageSource.of(dataset);
            List<ImageRecord> records = dataset.images().stream().filter(r -> !r.tags().isEmpty()).toList();
            Files.createDirectories(out);
            Map<Long, CocoResultWriter.Refined> refined = new LinkedHashMap<>();
            List<Double> secondsPerBox = new ArrayList<>();
            int skipped = 0;
            ProgressBar bar = new ProgressBar(err, "grabcut", "images", records.size(), quiet, ProgressBar.isTerminal());
            int done = 0;
            for (ImageRecord r : records) {
                try {
                    RgbImage img = source.load(r);
                    for (Tag t : r.tags()) {
                        long t0 = System.nanoTime();
                        PixelRect rect = t.box().pixelRect(img.widthPx(), img.heightPx());
                        BinaryMask m = GrabCut.fromRect(img, rect, iterations);
                        secondsPerBox.add((System.nanoTime() - t0) / 1e9);
                        refined.put(t.annotationId(), CocoResultWriter.Refined.of(m, 1.0));
                    }
                } catch (IOException e) {
                    skipped++;
                    err.println("skipped image " + r.imageId() + " (" + r.fileName() + "): " + e.getMessage());
                }
                bar.update(++done, null);
            }
            bar.finish(done, null);
            Path written = CocoResultWriter.write(dataset, refined, out);
            double[] s = secondsPerBox.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = s.length == 0 ? 0 : s[s.length / 2];
            spec.commandLine().getOut().printf(Locale.ROOT,
                    "grabcut %d boxes on %d images in %.1f s (median %.2f s/box, total %.1f s in grabCut) -> %s%n",
                    refined.size(), done - skipped, (System.nanoTime() - start) / 1e9, median,
                    Arrays.stream(s).sum(), written);
            return skipped > 0 ? RefineCommand.EXIT_SKIPPED : 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("boxrefine baseline: " + e.getMessage());
            return RefineCommand.EXIT_INPUT;
        }
    }
}
