package org.boxrefine.refine;

import org.boxrefine.image.CroppedMask;

/**
 * The refined mask of one tag, in original image pixels.
 *
 * @param annotationId the tag's annotation id
 * @param mask         the mask, stored over the tag's pixel rectangle
 * @param score        mean foreground probability inside the mask (0 when it is empty)
 */
public record TagResult(long annotationId, CroppedMask mask, double score) {
}
