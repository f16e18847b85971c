package org.boxrefine.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.BinaryMask;

/**
 * Collects box evaluations one at a time, so that only one truth mask need be in memory, and summarises them.
 * Not thread-safe.
 */
public final class Evaluation {
    private final List<BoxEval> boxes = new ArrayList<>();

    /**
     * Evaluates one box and keeps the result.
     *
     * @param box       the box the prediction was made from
     * @param truth     the truth mask at full image size
     * @param predicted the predicted mask at the same size, or null when there is none
     * @throws IllegalArgumentException when the predicted mask's size differs from the truth's
     */
    public BoxEval add(long annotationId, long imageId, BoxPx box, BinaryMask truth, BinaryMask predicted) {
        double iouBox = BoxIou.iou(box, truth);
        BoxEval e = predicted == null
                ? new BoxEval(annotationId, imageId, false, 0, iouBox)
                : new BoxEval(annotationId, imageId, true, predicted.iou(truth), iouBox);
        boxes.add(e);
        return e;
    }

    /** The boxes evaluated so far, with their summary. */
    public EvalReport report() {
        return EvalReport.of(boxes);
    }

    /** Summary of the given evaluations. */
    public static EvalSummary summarize(List<BoxEval> boxes) {
        int n = boxes.size();
        double[] pred = new double[n];
        double[] box = new double[n];
        int missing = 0;
        for (int i = 0; i < n; i++) {
            BoxEval e = boxes.get(i);
            pred[i] = e.iouPred();
            box[i] = e.iouBox();
            if (!e.predicted()) {
                missing++;
            }
        }
        return new EvalSummary(n, missing, mean(pred), mean(box), median(pred), median(box));
    }

    private static double mean(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double d : v) {
            sum += d;
        }
        return sum / v.length;
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        int mid = s.length / 2;
        return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    }
}
