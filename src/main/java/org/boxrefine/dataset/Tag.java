package org.boxrefine.dataset;

import org.boxrefine.geom.BoxPx;

/**
 * One box annotation ("tag") on an image, in pixel coordinates of the image as stored.
 *
 * @param annotationId the input's annotation id, kept in every output
 * @param categoryId   the input's category id
 * @param box          the tag, pixels, half-open
 */
public record Tag(long annotationId, long categoryId, BoxPx box) {
    public Tag {
        if (box == null) {
            throw new IllegalArgumentException("tag " + annotationId + " has no box");
        }
    }
}
