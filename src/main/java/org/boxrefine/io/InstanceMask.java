package org.boxrefine.io;

import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.CroppedMask;

/**
 * One refined mask handed to the writers.
 *
 * @param annotationId the input annotation it belongs to
 * @param mask         the mask in image pixels, stored over a rectangle
 * @param score        the confidence written beside it
 */
public record InstanceMask(long annotationId, CroppedMask mask, double score) {
    public InstanceMask {
        if (mask == null) {
            throw new IllegalArgumentException("annotation " + annotationId + " needs a mask, found null");
        }
    }

    /** The mask's tight bounds in image pixels; empty ({@code [0, 0, 0, 0)}) for an empty mask. */
    public PixelRect boundsPx() {
        PixelRect local = mask.mask().bounds();
        if (local.isEmpty()) {
            return local;
        }
        int x = mask.rectPx().x0Px();
        int y = mask.rectPx().y0Px();
        return new PixelRect(local.x0Px() + x, local.y0Px() + y, local.x1Px() + x, local.y1Px() + y);
    }
}
