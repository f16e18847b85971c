package org.boxrefine.refine;

import java.util.SplittableRandom;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.RgbImage;

/** A red ellipse on a noisy green background, and its true mask: a scene GrabCut can snap to. */
record EllipseScene(int widthPx, int heightPx, double centreXPx, double centreYPx, double radiusXPx,
        double radiusYPx, long seed) {

    boolean inside(int x, int y) {
        double dx = (x + 0.5 - centreXPx) / radiusXPx;
        double dy = (y + 0.5 - centreYPx) / radiusYPx;
        return dx * dx + dy * dy <= 1;
    }

    RgbImage image() {
        SplittableRandom rng = new SplittableRandom(seed);
        RgbImage img = RgbImage.blank(widthPx, heightPx);
        for (int y = 0; y < heightPx; y++) {
            for (int x = 0; x < widthPx; x++) {
                int n = rng.nextInt(-12, 13);
                if (inside(x, y)) {
                    img.set(x, y, 200 + n, 60 + n, 50 + n);
                } else {
                    img.set(x, y, 60 + n, 150 + n, 70 + n);
                }
            }
        }
        return img;
    }

    BinaryMask truth() {
        byte[] bits = new byte[widthPx * heightPx];
        for (int y = 0; y < heightPx; y++) {
            for (int x = 0; x < widthPx; x++) {
                bits[y * widthPx + x] = (byte) (inside(x, y) ? 1 : 0);
            }
        }
        return new BinaryMask(widthPx, heightPx, bits);
    }
}
