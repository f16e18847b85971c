package org.boxrefine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.boxrefine.eval.BoxEval;
import org.boxrefine.eval.EvalSummary;
import org.boxrefine.io.coco.CocoEval;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eval}: IoU of boxrefine's masks and of the boxes they came from, against ground truth masks. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Compares boxrefine's masks with ground truth masks, matching annotations by id: the IoU of "
                + "each predicted mask and of its box (the pixels whose centres lie inside it) with the truth mask.",
            "Truth annotations carry 'segmentation' (RLE or polygons) or 'mask_file' (PNG, relative to the truth "
                + "file's folder). A missing prediction counts as IoU 0.",
            "Give --pred and --truth once per split, in pairs."})
public final class EvalCommand implements Callable<Integer> {
    /** Exit code for a usage or input error. */
    public static final int INPUT_ERROR = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = "--pred", required = true, paramLabel = "FILE",
            description = "boxrefine's output (OUT/annotations.json); repeat for several splits")
    private List<Path> pred = new ArrayList<>();

    @Option(names = "--truth", required = true, paramLabel = "FILE",
            description = "COCO file with the truth masks; one per --pred, in the same order")
    private List<Path> truth = new ArrayList<>();

    @Option(names = "--json", description = "print a JSON document (summary and per-box list) instead of a table")
    private boolean json;

    @Option(names = "--worst", paramLabel = "N", defaultValue = "10",
            description = "number of worst boxes listed per split in the table (default: ${DEFAULT-VALUE})")
    private int worst;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (pred.size() != truth.size()) {
            err.println("eval: give one --truth per --pred, found " + pred.size() + " --pred and " + truth.size()
                    + " --truth");
            return INPUT_ERROR;
        }
        if (worst < 0) {
            err.println("eval: --worst must be 0 or more, found " + worst);
            return INPUT_ERROR;
        }
        List<CocoEval.Result> results = new ArrayList<>();
        for (int i = 0; i < pred.size(); i++) {
            CocoEval.Result r;
            try {
                r = CocoEval.evaluate(pred.get(i), truth.get(i));
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                err.println("eval: " + e.getMessage());
                return INPUT_ERROR;
            }
            for (String w : r.warnings()) {
                err.println("warning: " + w);
            }
            if (r.report().boxes().isEmpty()) {
                err.println("eval: " + truth.get(i) + ": no annotation could be evaluated (none has a truth mask "
                        + "and a box)");
                return INPUT_ERROR;
            }
            results.add(r);
        }
        if (json) {
            out.println(toJson(results).toPrettyString());
        } else {
            printTable(out, results, worst);
        }
        out.flush();
        err.flush();
        return 0;
    }

    /** Prints the per-split summary table and, for each split, its {@code worst} worst boxes. */
    public static void printTable(PrintWriter out, List<CocoEval.Result> results, int worst) {
        int nameWidth = Math.max(5, results.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        String row = "%-" + nameWidth + "s  %6s  %7s  %13s  %8s  %16s  %10s%n";
        out.printf(Locale.ROOT, row, "split", "boxes", "missing", "IoU boxrefine", "IoU box", "median boxrefine",
                "median box");
        for (CocoEval.Result r : results) {
            EvalSummary s = r.report().summary();
            out.printf(Locale.ROOT, row, r.name(), s.boxes(), s.missingPredictions(), f3(s.meanIouPred()),
                    f3(s.meanIouBox()), f3(s.medianIouPred()), f3(s.medianIouBox()));
        }
        for (CocoEval.Result r : results) {
            List<BoxEval> w = r.report().worst(worst);
            if (w.isEmpty()) {
                continue;
            }
            out.println();
            out.printf(Locale.ROOT, "%d worst boxes of %s (by IoU of boxrefine):%n", w.size(), r.name());
            out.printf(Locale.ROOT, "%12s  %10s  %13s  %8s%n", "annotation", "image", "IoU boxrefine", "IoU box");
            for (BoxEval b : w) {
                out.printf(Locale.ROOT, "%12d  %10d  %13s  %8s%n", b.annotationId(), b.imageId(),
                        b.predicted() ? f3(b.iouPred()) : "missing", f3(b.iouBox()));
            }
        }
    }

    /** The results as a JSON document: per split, the files, the summary, every box and the warnings. */
    public static ObjectNode toJson(List<CocoEval.Result> results) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode splits = root.putArray("splits");
        for (CocoEval.Result r : results) {
            ObjectNode split = splits.addObject();
            split.put("name", r.name());
            split.put("pred", r.predFile().toString());
            split.put("truth", r.truthFile().toString());
            EvalSummary s = r.report().summary();
            ObjectNode summary = split.putObject("summary");
            summary.put("boxes", s.boxes());
            summary.put("missing_predictions", s.missingPredictions());
            putNumber(summary, "mean_iou_pred", s.meanIouPred());
            putNumber(summary, "mean_iou_box", s.meanIouBox());
            putNumber(summary, "median_iou_pred", s.medianIouPred());
            putNumber(summary, "median_iou_box", s.medianIouBox());
            ArrayNode boxes = split.putArray("boxes");
            for (BoxEval b : r.report().boxes()) {
                ObjectNode o = boxes.addObject();
                o.put("annotation_id", b.annotationId());
                o.put("image_id", b.imageId());
                o.put("predicted", b.predicted());
                o.put("iou_pred", b.iouPred());
                o.put("iou_box", b.iouBox());
            }
            ArrayNode warnings = split.putArray("warnings");
            r.warnings().forEach(warnings::add);
        }
        return root;
    }

    private static void putNumber(ObjectNode o, String name, double v) {
        if (Double.isNaN(v)) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }

    private static String f3(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
