package org.boxrefine.refine;

import org.boxrefine.image.CroppedMask;

/**
 * The refined mask of one tag, in original image pixels.
 *
 * @param annotationId the tag's annotation id
 * @param mask         the mask, stored over the tag's pixel rectangle
 * @param score        an estimate of the mask's quality in [0, 1]: where GrabCut made the mask, how clearly its colour
 *                     models told the tag's pixels apart ({@link org.boxrefine.snap.Segmentation}); otherwise (no
 *                     snapping, or a collapsed mask replaced) the network's mean probability inside the mask (0 when
 *                     it is empty)
 */
public record TagResult(long annotationId, CroppedMask mask, double score) {
}
