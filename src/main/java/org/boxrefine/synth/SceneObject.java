package org.boxrefine.synth;

import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.BinaryMask;

/**
 * One object of a synthetic scene.
 *
 * @param mask     truth: exactly the pixels painted with this object's texture and not covered
 *                 by a later object; full image size, never empty
 * @param tightBox the bounding box of {@code mask}, half-open, integer corners
 * @param looseBox {@code padding.apply(tightBox)} clipped to the image: a human-like tag
 * @param padding  the padding fractions drawn for the loose box (before rounding and clipping)
 * @param shape    the outline drawn
 * @param texture  the texture painted
 */
public record SceneObject(BinaryMask mask, BoxPx tightBox, BoxPx looseBox, Padding padding,
                          ShapeKind shape, TextureKind texture) {

    public SceneObject {
        if (mask == null || tightBox == null || looseBox == null || padding == null || shape == null
                || texture == null) {
            throw new IllegalArgumentException("scene object needs a mask, two boxes, padding, shape and texture,"
                    + " found mask=" + mask + ", tightBox=" + tightBox + ", looseBox=" + looseBox
                    + ", padding=" + padding + ", shape=" + shape + ", texture=" + texture);
        }
        if (looseBox.x0Px() > tightBox.x0Px() || looseBox.y0Px() > tightBox.y0Px()
                || looseBox.x1Px() < tightBox.x1Px() || looseBox.y1Px() < tightBox.y1Px()) {
            throw new IllegalArgumentException("loose box must contain the tight box, found loose " + looseBox
                    + " and tight " + tightBox);
        }
    }

    /** Number of truth pixels. */
    public long areaPx() {
        return mask.count();
    }

    /**
     * Padding of a loose box per side, as fractions of the tight box's width (left, right) or
     * height (top, bottom).
     */
    public record Padding(double left, double top, double right, double bottom) {
        public Padding {
            if (!(left >= 0 && top >= 0 && right >= 0 && bottom >= 0)) {
                throw new IllegalArgumentException("padding fractions must be >= 0, found left " + left
                        + ", top " + top + ", right " + right + ", bottom " + bottom);
            }
        }

        /**
         * {@code tight} padded by these fractions, each corner rounded to the nearest whole
         * pixel, not clipped. Contains {@code tight} when {@code tight} has integer corners.
         */
        public BoxPx apply(BoxPx tight) {
            double w = tight.widthPx();
            double h = tight.heightPx();
            return new BoxPx(
                    Math.round(tight.x0Px() - left * w),
                    Math.round(tight.y0Px() - top * h),
                    Math.round(tight.x1Px() + right * w),
                    Math.round(tight.y1Px() + bottom * h));
        }
    }
}
