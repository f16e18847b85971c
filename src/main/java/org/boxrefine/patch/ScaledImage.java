package org.boxrefine.patch;

import java.util.List;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.RgbImage;

/**
 * An image at working scale with its tags in the same scale.
 *
 * @param image     pixels at working scale
 * @param scaleX    working-scale pixels per original pixel, horizontally
 * @param scaleY    the same, vertically
 * @param tags      the tags at working scale, in input order
 */
public record ScaledImage(RgbImage image, double scaleX, double scaleY, List<BoxPx> tags) {
    public ScaledImage {
        tags = List.copyOf(tags);
    }

    /** Whether the pixel's centre lies inside any tag: the patch label. */
    public boolean insideAnyTag(int xPx, int yPx) {
        for (BoxPx t : tags) {
            if (t.containsPixel(xPx, yPx)) {
                return true;
            }
        }
        return false;
    }
}
