package org.boxrefine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.io.coco.CocoDataset;
import org.boxrefine.io.coco.CocoImageSource;
import org.boxrefine.io.coco.CocoResultWriter;
import org.boxrefine.refine.PlainGrabCut;
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
            PlainGrabCut grabCut = new PlainGrabCut(iterations);
            long start = System.nanoTime();
            CocoDataset dataset = images == null ? CocoDataset.read(annotations) : CocoDataset.read(annotations, images);
            for (String w : dataset.warnings()) {
                err.println("warning: " + w);
            }
            CocoImageSource source = CocoImageSource.of(dataset);
            List<ImageRecord> records = dataset.images().stream().filter(r -> !r.tags().isEmpty()).toList();
            Files.createDirectories(out);
            Map<Long, CocoResultWriter.Refined> refined = new LinkedHashMap<>();
            GrabCutProgress progress = new GrabCutProgress(err, records.size(), quiet, true,
                    m -> refined.put(m.annotationId(), CocoResultWriter.Refined.of(m.mask(), 1.0)));
            grabCut.run(records, source, progress);
            progress.finish();
            int skipped = progress.skipped();
            Path written = CocoResultWriter.write(dataset, refined, out);
            double[] s = progress.secondsPerBox().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = s.length == 0 ? 0 : s[s.length / 2];
            spec.commandLine().getOut().printf(Locale.ROOT,
                    "grabcut %d boxes on %d images in %.1f s (median %.2f s/box, total %.1f s in grabCut) -> %s%n",
                    refined.size(), progress.loaded(), (System.nanoTime() - start) / 1e9, median,
                    Arrays.stream(s).sum(), written);
            return skipped > 0 ? RefineCommand.EXIT_SKIPPED : 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("boxrefine baseline: " + e.getMessage());
            return RefineCommand.EXIT_INPUT;
        }
    }
}
