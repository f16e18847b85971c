package org.boxrefine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.io.OutputException;
import org.boxrefine.io.coco.CocoImageSource;
import org.boxrefine.model.EngineSetup;
import org.boxrefine.model.TrainingSummary;
import org.boxrefine.refine.PlainGrabCut;
import org.boxrefine.refine.StageTimes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code boxrefine bench}: in one run on one split, the whole {@code refine} (training included) and plain
 * OpenCV GrabCut (as {@code baseline} runs it) on the same images, with training throughput, dense prediction
 * speed, the time per image of both, their ratio, and where refine's time went by stage.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark: refine (training included) against plain GrabCut (rectangle start, full resolution,"
                + " as `baseline`) on the same images in one run; prints throughputs, times per image, their ratio"
                + " and where refine's time goes. Takes refine's options, input and output formats included"
                + " (not --no-boxes, --resume)."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = "--limit", description = "Use only the first N images with usable boxes (default: all).")
    Integer limit;

    @Option(names = "--grabcut-iterations", defaultValue = "5", description = "Iterations of the plain GrabCut compared against (default: ${DEFAULT-VALUE}).")
    int grabCutIterations;

    @Option(names = "--out", description = "Keep refine's output in this folder (default: a temporary folder, removed afterwards).")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress bars.")
    boolean quiet;

    @Mixin
    RefineOptions options = new RefineOptions();

    @Mixin
    OutputFormatOptions formats = new OutputFormatOptions();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        Path work = null;
        try {
            if (limit != null && limit < 1) {
                throw new IllegalArgumentException("--limit must be at least 1, found " + limit);
            }
            if (input.noBoxes) {
                throw new IllegalArgumentException("bench compares against plain GrabCut, which needs boxes;"
                        + " --no-boxes cannot be used with it");
            }
            PlainGrabCut grabCut = new PlainGrabCut(grabCutIterations);
            work = out == null ? Files.createTempDirectory("boxrefine-bench") : null;
            RefineCommand refine = new RefineCommand();
            input.limit = limit;
            refine.input = input;
            refine.output.out = out == null ? work.resolve("refine") : out;
            refine.output.overwrite = true;
            refine.output.quiet = quiet;
            refine.output.formats = formats;
            refine.options = options;
            long c0 = cpuNanos();
            RefineCommand.Outcome r = refine.run(err);
            long refineCpu = cpuNanos() - c0;

            List<ImageRecord> records = r.records();
            CocoImageSource source = new CocoImageSource(r.imageFolder());
            GrabCutProgress progress = new GrabCutProgress(err, records.size(), quiet, false, m -> { });
            long g0 = System.nanoTime();
            c0 = cpuNanos();
            grabCut.run(records, source, progress);
            long grabCutWall = System.nanoTime() - g0;
            long grabCutCpu = cpuNanos() - c0;
            progress.finish();
            long callNanos = progress.secondsPerBox().stream().mapToLong(sec -> Math.round(sec * 1e9)).sum();
            print(o, r, grabCutWall / 1e9, callNanos / 1e9, progress.loaded());
            o.printf(Locale.ROOT, "%-34s %.2f (CPU seconds of this process: refine %.1f, GrabCut %.1f; less sensitive"
                    + " to other jobs on the machine)%n", "CPU-time ratio refine / GrabCut",
                    refineCpu / (double) Math.max(1, grabCutCpu), refineCpu / 1e9, grabCutCpu / 1e9);
            return 0;
        } catch (OutputException e) {
            err.println("boxrefine bench: " + e.getMessage());
            return RefineCommand.EXIT_FAILED;
        } catch (IOException | IllegalArgumentException | SkipLog.StrictStop e) {
            err.println("boxrefine bench: " + e.getMessage());
            return RefineCommand.EXIT_INPUT;
        } finally {
            if (work != null) {
                removeTree(work, err);
            }
        }
    }

    private void print(PrintWriter o, RefineCommand.Outcome r, double grabCutWall, double grabCutCalls,
            int grabCutImages) {
        int n = r.images();
        StageTimes t = r.times();
        TrainingSummary ts = r.training();
        double trainStage = t.seconds(StageTimes.Stage.TRAIN);
        double predict = t.seconds(StageTimes.Stage.PREDICT);
        long predictedPx = t.count(StageTimes.Stage.PREDICT);
        double refinePerImage = r.seconds() / Math.max(1, n);
        double grabCutPerImage = grabCutWall / Math.max(1, grabCutImages);
        o.printf(Locale.ROOT, "bench: %d images, %d boxes; PyTorch %d threads; wall times of this one run"
                + " (on a shared machine compare the ratios, not the seconds)%n", n, r.tags(), EngineSetup.engineThreads());
        o.printf(Locale.ROOT, "%-34s %s%n", "measure", "value");
        o.printf(Locale.ROOT, "%-34s %,.0f patches/s (%,d patches; %,.0f/s counting the loading done meanwhile)%n",
                "training throughput", ts.patches() / Math.max(1e-9, trainStage), ts.patches(), ts.patchesPerSec());
        o.printf(Locale.ROOT, "%-34s %.2f megapixels/s (%.2f Mpx of tags and margins at working scale in %.1f s)%n",
                "dense prediction", predictedPx / 1e6 / Math.max(1e-9, predict), predictedPx / 1e6, predict);
        o.printf(Locale.ROOT, "%-34s %.3f s (%.1f s for %d images, training included)%n", "refine per image",
                refinePerImage, r.seconds(), n);
        o.printf(Locale.ROOT, "%-34s %.3f s (%.1f s for %d images: decode and %d-iteration grabCut, %.1f s of it in"
                + " grabCut)%n", "GrabCut per image", grabCutPerImage, grabCutWall, grabCutImages, grabCutIterations,
                grabCutCalls);
        o.printf(Locale.ROOT, "%-34s %.2f%n", "ratio refine / GrabCut", refinePerImage / Math.max(1e-9, grabCutPerImage));
        o.printf(Locale.ROOT, "%-34s %.1f s wall (decode, predict, snap and write of %d images after training;"
                + " stage seconds below add up over threads with --predict-workers)%n", "per-image phase",
                r.imagePhaseSeconds(), n);
        o.printf(Locale.ROOT, "%nwhere refine's %.1f s went:%n", r.seconds());
        o.printf(Locale.ROOT, "%-46s %9s %6s %12s%n", "stage", "seconds", "share", "s per image");
        double accounted = 0;
        for (StageTimes.Stage s : StageTimes.Stage.values()) {
            double sec = t.seconds(s);
            accounted += sec;
            row(o, s.label(), sec, r.seconds(), n);
        }
        row(o, "other (engine start, JSON, preflight)", Math.max(0, r.seconds() - accounted), r.seconds(), n);
    }

    /** CPU time of this whole process (every thread), or 0 where the JVM cannot tell. */
    private static long cpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    private static void row(PrintWriter o, String label, double sec, double total, int n) {
        o.printf(Locale.ROOT, "%-46s %9.2f %5.1f%% %12.3f%n", label, sec, 100 * sec / Math.max(1e-9, total),
                sec / Math.max(1, n));
    }

    private static void removeTree(Path dir, PrintWriter err) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            err.println("warning: could not remove the temporary folder " + dir + ": " + e.getMessage());
        }
    }
}
