package org.boxrefine.image;

import java.util.List;
import org.boxrefine.geom.BoxPx;

/**
 * Review pictures: on the left the photo with each mask tinted and its tag outlined; on the right
 * the "seed's view", where pixels inside any mask keep their colour and all others are greyed.
 */
public final class Overlay {
    private static final int[][] PALETTE = {
        {255, 64, 64}, {64, 160, 255}, {64, 220, 96}, {255, 200, 32}, {200, 96, 255}, {32, 224, 224}, {255, 128, 192},
    };

    private Overlay() {
    }

    /**
     * Renders the side-by-side review picture, shrunk so that its longer side is at most
     * {@code maxSidePx}.
     *
     * @param boxes tags, in original pixels
     * @param masks one mask per tag, same order
     */
    public static RgbImage render(RgbImage photo, List<BoxPx> boxes, List<CroppedMask> masks, int maxSidePx) {
        int w = photo.widthPx();
        int h = photo.heightPx();
        byte[] owner = new byte[w * h];
        for (int k = 0; k < masks.size(); k++) {
            CroppedMask m = masks.get(k);
            var r = m.rectPx();
            for (int y = r.y0Px(); y < r.y1Px(); y++) {
                for (int x = r.x0Px(); x < r.x1Px(); x++) {
                    if (m.get(x, y)) {
                        owner[y * w + x] = (byte) (k % PALETTE.length + 1);
                    }
                }
            }
        }
        RgbImage out = RgbImage.blank(2 * w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = photo.get(x, y, 0);
                int g = photo.get(x, y, 1);
                int b = photo.get(x, y, 2);
                int o = owner[y * w + x];
                if (o == 0) {
                    out.set(x, y, r, g, b);
                    int grey = (r * 77 + g * 150 + b * 29) >> 8;
                    int light = 128 + grey / 3;
                    out.set(w + x, y, light, light, light);
                } else {
                    int[] c = PALETTE[o - 1];
                    out.set(x, y, (r + c[0]) / 2, (g + c[1]) / 2, (b + c[2]) / 2);
                    out.set(w + x, y, r, g, b);
                }
            }
        }
        int thick = Math.max(1, Math.min(w, h) / 250);
        for (int k = 0; k < boxes.size(); k++) {
            int[] c = PALETTE[k % PALETTE.length];
            var r = boxes.get(k).pixelRect(w, h);
            for (int offset : new int[] {0, w}) {
                drawRect(out, offset + r.x0Px(), r.y0Px(), offset + r.x1Px() - 1, r.y1Px() - 1, thick, c, offset,
                        offset + w);
            }
        }
        double f = Math.min(1.0, (double) maxSidePx / Math.max(2 * w, h));
        if (f < 1.0) {
            return Resize.rgb(out, Math.max(1, (int) Math.round(2 * w * f)), Math.max(1, (int) Math.round(h * f)));
        }
        return out;
    }

    /**
     * Outlines the pixels {@code x0Px..x1Px} by {@code y0Px..y1Px} (inclusive) in {@code rgb}, {@code thickPx}
     * wide inside that rectangle; pixels outside the image are left out.
     */
    public static void outline(RgbImage img, int x0Px, int y0Px, int x1Px, int y1Px, int thickPx, int[] rgb) {
        drawRect(img, x0Px, y0Px, x1Px, y1Px, thickPx, rgb, 0, img.widthPx());
    }

    private static void drawRect(RgbImage img, int x0, int y0, int x1, int y1, int thick, int[] c, int minX, int maxX) {
        for (int t = 0; t < thick; t++) {
            for (int x = x0; x <= x1; x++) {
                dot(img, x, y0 + t, c, minX, maxX);
                dot(img, x, y1 - t, c, minX, maxX);
            }
            for (int y = y0; y <= y1; y++) {
                dot(img, x0 + t, y, c, minX, maxX);
                dot(img, x1 - t, y, c, minX, maxX);
            }
        }
    }

    private static void dot(RgbImage img, int x, int y, int[] c, int minX, int maxX) {
        if (x >= minX && x < maxX && y >= 0 && y < img.heightPx()) {
            img.set(x, y, c[0], c[1], c[2]);
        }
    }
}
