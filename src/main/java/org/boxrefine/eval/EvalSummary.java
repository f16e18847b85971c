package org.boxrefine.eval;

/**
 * Summary over evaluated boxes. Missing predictions count as IoU 0 in the means and medians; with no boxes the
 * means and medians are NaN.
 *
 * @param boxes              number of boxes evaluated
 * @param missingPredictions how many of them had no predicted mask
 * @param meanIouPred        mean IoU of the predicted masks
 * @param meanIouBox         mean IoU of the boxes
 * @param medianIouPred      median IoU of the predicted masks
 * @param medianIouBox       median IoU of the boxes
 */
public record EvalSummary(int boxes, int missingPredictions, double meanIouPred, double meanIouBox,
        double medianIouPred, double medianIouBox) {
    public EvalSummary {
        if (boxes < 0 || missingPredictions < 0 || missingPredictions > boxes) {
            throw new IllegalArgumentException("expected 0 <= missing predictions <= boxes, found "
                    + missingPredictions + " missing of " + boxes);
        }
    }
}
