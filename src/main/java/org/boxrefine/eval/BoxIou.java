package org.boxrefine.eval;

import org.boxrefine.geom.BoxPx;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.BinaryMask;

/** IoU of a box, taken as the mask of the pixels whose centres lie inside it, with a mask. */
public final class BoxIou {
    private BoxIou() {
    }

    /**
     * IoU of the box's pixels (clipped to the mask) with {@code truth}, without building the box's mask;
     * 1 when both are empty, as {@link BinaryMask#iou}.
     */
    public static double iou(BoxPx box, BinaryMask truth) {
        int w = truth.widthPx();
        PixelRect r = box.pixelRect(w, truth.heightPx());
        byte[] bits = truth.data();
        long inside = 0;
        for (int y = r.y0Px(); y < r.y1Px(); y++) {
            for (int i = y * w + r.x0Px(), end = y * w + r.x1Px(); i < end; i++) {
                inside += bits[i];
            }
        }
        long union = r.areaPx() + truth.count() - inside;
        return union == 0 ? 1.0 : (double) inside / union;
    }
}
