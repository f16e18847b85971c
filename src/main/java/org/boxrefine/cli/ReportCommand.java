package org.boxrefine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.boxrefine.io.OutputException;
import org.boxrefine.io.RunManifest;
import org.boxrefine.io.model.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code boxrefine report}: (re)builds a finished run's review page and plot, optionally with ground truth. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Builds OUT/report.html, a self-contained page to review a finished refine or apply run: the summary"
                + " figures, then every box as a thumbnail (the box's surroundings, the mask tinted blue, the box in"
                + " yellow) with its annotation id, file name, score and, with --truth, IoU, worst first, and"
                + " sliders that hide boxes by score. Also OUT/report-plot.png, histograms of score and IoU.",
            "refine and apply write the same page at the end of their run; use report to add ground truth or rebuild it."})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, description = "The finished run's output folder (holding annotations.json).")
    Path out;

    @Option(names = "--truth", paramLabel = "FILE",
            description = "COCO file with the true masks (as for eval): adds each box's IoU and sorts by it.")
    Path truth;

    @Option(names = "--images", paramLabel = "DIR", description = "Folder the images' file names are relative to"
            + " (default: the image folder of the run, as recorded in OUT/.boxrefine/run.json; then the folder of"
            + " the annotations file refine read, as recorded in OUT/model.boxrefine; then the --truth file's folder).")
    Path images;

    @Option(names = "--max-boxes", paramLabel = "N", defaultValue = "" + ReviewReport.DEFAULT_MAX_BOXES,
            description = "Most boxes shown, the worst ones (default: ${DEFAULT-VALUE}; about 12 kB of page each).")
    int maxBoxes;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (maxBoxes < 1) {
            err.println("boxrefine report: --max-boxes must be at least 1, found " + maxBoxes);
            return RefineCommand.EXIT_INPUT;
        }
        try {
            ReviewReport.Written w = ReviewReport.write(out, imageFolders(), truth, maxBoxes,
                    m -> err.println("warning: " + m));
            spec.commandLine().getOut().println(ReviewReport.describe(w));
            return 0;
        } catch (OutputException e) {
            err.println("boxrefine report: the page could not be written: " + e.getMessage());
            return RefineCommand.EXIT_FAILED;
        } catch (IOException | IllegalArgumentException e) {
            err.println("boxrefine report: " + e.getMessage());
            return RefineCommand.EXIT_INPUT;
        }
    }

    private List<Path> imageFolders() {
        if (images != null) {
            return List.of(images);
        }
        List<Path> folders = new ArrayList<>();
        try {
            RunManifest.text(out, "imageFolder").ifPresent(f -> folders.add(Path.of(f)));
        } catch (IOException | RuntimeException e) {
            spec.commandLine().getErr().println("warning: cannot read where the images were: " + e.getMessage());
        }
        Path model = out.resolve(ApplyLoop.MODEL_FILE);
        if (Files.isRegularFile(model)) {
            try {
                Path parent = Path.of(ModelFile.readInfo(model).dataset()).toAbsolutePath().getParent();
                if (parent != null) {
                    folders.add(parent);
                }
            } catch (IOException | RuntimeException e) {
                spec.commandLine().getErr().println("warning: " + model + ": cannot read where the images were: "
                        + e.getMessage());
            }
        }
        if (truth != null && truth.toAbsolutePath().getParent() != null) {
            folders.add(truth.toAbsolutePath().getParent());
        }
        if (folders.isEmpty()) {
            folders.add(out);
        }
        return folders;
    }
}
