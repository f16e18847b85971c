package org.boxrefine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.boxrefine.io.coco.SceneSetWriter;
import org.boxrefine.synth.SceneConfig;
import org.boxrefine.synth.SceneSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code boxrefine demo}: needs no input. Generates a small set of synthetic scenes with loose
 * boxes, runs {@code refine} and {@code eval} on it and says where the overlays are.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate synthetic scenes with loose boxes, refine them and evaluate the masks.")
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", defaultValue = "boxrefine-demo", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--scenes", defaultValue = "40", description = "Number of synthetic images (default: ${DEFAULT-VALUE}).")
    int scenes;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the scenes and of the run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "CPU threads for PyTorch (default: all cores).")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress bars.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (scenes < 1) {
            err.println("boxrefine demo: --scenes must be at least 1, found " + scenes);
            return RefineCommand.EXIT_INPUT;
        }
        Path data = outDir.resolve("data");
        SceneSetWriter.Written written;
        try {
            written = SceneSetWriter.write(SceneSet.generate(SceneConfig.defaults(), scenes, seed), data);
        } catch (IOException e) {
            err.println("boxrefine demo: " + e.getMessage());
            return RefineCommand.EXIT_INPUT;
        }
        out.printf("1/3 wrote %d synthetic images with %d loose boxes to %s%n", written.imageCount(),
                written.annotationCount(), data);
        Path refined = outDir.resolve("refined");
        java.util.List<String> refineArgs = new java.util.ArrayList<>(java.util.List.of(
                "--annotations", written.looseJson().toString(), "--out", refined.toString(), "--overwrite", "--seed",
                Long.toString(seed)));
        if (threads != null) {
            refineArgs.addAll(java.util.List.of("--threads", threads.toString()));
        }
        if (quiet) {
            refineArgs.add("--quiet");
        }
        out.println("2/3 refine " + String.join(" ", refineArgs));
        int code = sub(new RefineCommand()).execute(refineArgs.toArray(String[]::new));
        if (code != 0) {
            return code;
        }
        out.println("3/3 eval against the scenes' true masks");
        code = sub(new EvalCommand()).execute("--pred", refined.resolve("annotations.json").toString(),
                "--truth", written.looseJson().toString());
        if (code != 0) {
            return code;
        }
        out.println("overlays (box and mask | the seed's view): " + refined.resolve("overlays").toAbsolutePath());
        return 0;
    }

    private CommandLine sub(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(spec.commandLine().getOut());
        cl.setErr(spec.commandLine().getErr());
        return cl;
    }
}
