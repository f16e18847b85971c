package org.boxrefine.eval;

/**
 * The evaluation of one box.
 *
 * @param annotationId the annotation evaluated
 * @param imageId      its image
 * @param predicted    whether a predicted mask was there; when not, {@code iouPred} is 0
 * @param iouPred      IoU of the predicted mask with the truth mask, 0..1
 * @param iouBox       IoU of the box (pixels whose centres lie inside) with the truth mask, 0..1
 */
public record BoxEval(long annotationId, long imageId, boolean predicted, double iouPred, double iouBox) {
    public BoxEval {
        if (!(iouPred >= 0 && iouPred <= 1) || !(iouBox >= 0 && iouBox <= 1)) {
            throw new IllegalArgumentException("IoUs must lie in 0..1, found " + iouPred + " (prediction) and "
                    + iouBox + " (box) for annotation " + annotationId);
        }
        if (!predicted && iouPred != 0) {
            throw new IllegalArgumentException("a box without prediction has IoU 0, found " + iouPred
                    + " for annotation " + annotationId);
        }
    }
}
