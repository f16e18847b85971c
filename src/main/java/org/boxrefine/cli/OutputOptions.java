package org.boxrefine.cli;

import java.nio.file.Path;
import org.boxrefine.io.OutputConfig;
import org.boxrefine.io.OutputFolder;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The output folder of a run that writes masks (refine, apply), what to do when it is not empty, and the output
 * formats written there ({@link OutputFormatOptions}).
 */
final class OutputOptions {
    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress bars.")
    boolean quiet;

    @Option(names = "--no-overlays", description = "Do not write overlay pictures.")
    boolean noOverlays;

    @Option(names = "--overwrite", description = "When --out is not empty, remove the previous run's outputs"
            + " (annotations.json and the other output formats' files, model.boxrefine, masks/, overlays/,"
            + " report.html, .boxrefine/) first; without it (or --resume) such a folder is refused.")
    boolean overwrite;

    @Option(names = "--resume", description = "Go on with the interrupted run in --out: images already written are"
            + " kept and skipped, the saved model is used instead of training again; refused when the run was started"
            + " with other data or settings.")
    boolean resume;

    @Mixin
    OutputFormatOptions formats = new OutputFormatOptions();

    /** What to write, validated. */
    OutputConfig outputs() {
        return formats.outputs();
    }

    OutputFolder.Mode mode() {
        if (overwrite && resume) {
            throw new IllegalArgumentException("--overwrite and --resume exclude each other: replace the previous run"
                    + " or go on with it");
        }
        return overwrite ? OutputFolder.Mode.OVERWRITE : resume ? OutputFolder.Mode.RESUME : OutputFolder.Mode.REFUSE;
    }
}
