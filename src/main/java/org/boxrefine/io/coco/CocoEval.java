package org.boxrefine.io.coco;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.boxrefine.eval.EvalReport;
import org.boxrefine.eval.Evaluation;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.BinaryMask;

/**
 * Evaluates boxrefine's output against ground truth, matching annotations by id. Every truth annotation with a
 * mask is evaluated once; its box is the one in the prediction file (the box boxrefine worked from), or the
 * truth's own when the prediction file lacks the annotation. A missing or unreadable predicted mask counts as a
 * missing prediction (IoU 0), with a warning when unreadable.
 */
public final class CocoEval {
    private static final int LISTED_IDS = 10;

    private CocoEval() {
    }

    /**
     * The evaluation of one prediction file against one truth file.
     *
     * @param name      a short name for the split: the truth file's folder and name
     * @param predFile  the prediction file
     * @param truthFile the truth file
     * @param report    per-box results and their summary
     * @param warnings  problems met, one line each, naming the file and the annotation
     */
    public record Result(String name, Path predFile, Path truthFile, EvalReport report, List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Reads both files and evaluates every truth annotation that has a mask.
     *
     * @throws IOException naming the file when either file cannot be read as COCO JSON
     */
    public static Result evaluate(Path predFile, Path truthFile) throws IOException {
        CocoTruth truth = CocoTruth.read(truthFile);
        CocoTruth pred = CocoTruth.readPredictions(predFile);
        List<String> warnings = new ArrayList<>(truth.warnings());
        warnings.addAll(pred.warnings());
        Evaluation evaluation = new Evaluation();
        List<Long> unmatched = new ArrayList<>();
        for (CocoTruth.Entry t : truth.entries()) {
            String at = "annotation " + t.annotationId();
            if (!t.hasMask()) {
                warnings.add(truthFile + ": " + at + ": no segmentation or mask_file; not evaluated");
                continue;
            }
            BinaryMask truthMask;
            try {
                truthMask = truth.mask(t.annotationId());
            } catch (IOException e) {
                warnings.add(e.getMessage() + "; not evaluated");
                continue;
            }
            CocoTruth.Entry p = pred.entry(t.annotationId()).orElse(null);
            if (p != null && p.imageId() != t.imageId()) {
                warnings.add(predFile + ": " + at + ": image_id " + p.imageId() + " differs from the truth's "
                        + t.imageId());
            }
            BoxPx box = p != null && p.box() != null ? p.box() : t.box();
            if (box == null) {
                warnings.add(truthFile + ": " + at + ": no usable bbox in either file; not evaluated");
                continue;
            }
            BinaryMask predMask = null;
            if (p != null && p.hasMask()) {
                try {
                    predMask = pred.mask(t.annotationId());
                } catch (IOException e) {
                    warnings.add(e.getMessage() + "; counted as missing");
                }
            }
            if (predMask != null && (predMask.widthPx() != truthMask.widthPx()
                    || predMask.heightPx() != truthMask.heightPx())) {
                warnings.add(predFile + ": " + at + ": predicted mask is " + predMask.widthPx() + "x"
                        + predMask.heightPx() + ", truth mask " + truthMask.widthPx() + "x" + truthMask.heightPx()
                        + "; counted as missing");
                predMask = null;
            }
            evaluation.add(t.annotationId(), t.imageId(), box, truthMask, predMask);
        }
        for (CocoTruth.Entry p : pred.entries()) {
            if (p.hasMask() && truth.entry(p.annotationId()).isEmpty()) {
                unmatched.add(p.annotationId());
            }
        }
        if (!unmatched.isEmpty()) {
            warnings.add(predFile + ": " + unmatched.size() + " predicted annotation(s) have no truth annotation "
                    + "of that id, e.g. " + unmatched.subList(0, Math.min(LISTED_IDS, unmatched.size())));
        }
        return new Result(name(truthFile), predFile, truthFile, evaluation.report(), warnings);
    }

    private static String name(Path truthFile) {
        Path abs = truthFile.toAbsolutePath().normalize();
        String file = abs.getFileName().toString().replaceFirst("\\.json$", "");
        Path parent = abs.getParent();
        return parent == null || parent.getFileName() == null ? file : parent.getFileName() + "/" + file;
    }
}
