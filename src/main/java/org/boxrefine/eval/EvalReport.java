package org.boxrefine.eval;

import java.util.Comparator;
import java.util.List;

/**
 * Per-box evaluations, in the order they were added, and their summary.
 *
 * @param boxes   one entry per evaluated box
 * @param summary the summary of {@code boxes}
 */
public record EvalReport(List<BoxEval> boxes, EvalSummary summary) {
    public EvalReport {
        boxes = List.copyOf(boxes);
        if (summary == null || summary.boxes() != boxes.size()) {
            throw new IllegalArgumentException("summary must cover the " + boxes.size() + " boxes, found "
                    + (summary == null ? "none" : summary.boxes() + " boxes"));
        }
    }

    /** The report of these boxes with their summary. */
    public static EvalReport of(List<BoxEval> boxes) {
        return new EvalReport(boxes, Evaluation.summarize(boxes));
    }

    /** The {@code n} boxes with the lowest IoU of the prediction, lowest first; ties by lower box IoU. */
    public List<BoxEval> worst(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("number of boxes must be non-negative, found " + n);
        }
        return boxes.stream()
                .sorted(Comparator.comparingDouble(BoxEval::iouPred).thenComparingDouble(BoxEval::iouBox)
                        .thenComparingLong(BoxEval::annotationId))
                .limit(n)
                .toList();
    }
}
