package org.boxrefine.image;

/**
 * An 8-bit RGB image held as interleaved bytes, row-major: the pixel (x, y) has its red, green
 * and blue values at {@code 3 * (y * width + x) + 0, 1, 2}.
 */
public final class RgbImage {
    private final int widthPx;
    private final int heightPx;
    private final byte[] rgb;

    public RgbImage(int widthPx, int heightPx, byte[] rgb) {
        if (widthPx <= 0 || heightPx <= 0) {
            throw new IllegalArgumentException("image size must be positive, found " + widthPx + "x" + heightPx);
        }
        if (rgb.length != 3L * widthPx * heightPx) {
            throw new IllegalArgumentException("expected " + 3L * widthPx * heightPx + " bytes for a "
                    + widthPx + "x" + heightPx + " RGB image, found " + rgb.length);
        }
        this.widthPx = widthPx;
        this.heightPx = heightPx;
        this.rgb = rgb;
    }

    /** A black image. */
    public static RgbImage blank(int widthPx, int heightPx) {
        return new RgbImage(widthPx, heightPx, new byte[3 * widthPx * heightPx]);
    }

    public int widthPx() {
        return widthPx;
    }

    public int heightPx() {
        return heightPx;
    }

    /** The backing array (not a copy): interleaved RGB, row-major. */
    public byte[] data() {
        return rgb;
    }

    /** Channel value 0..255 of pixel (x, y); channel 0 is red. */
    public int get(int xPx, int yPx, int channel) {
        return rgb[3 * (yPx * widthPx + xPx) + channel] & 0xff;
    }

    public void set(int xPx, int yPx, int red, int green, int blue) {
        int i = 3 * (yPx * widthPx + xPx);
        rgb[i] = (byte) red;
        rgb[i + 1] = (byte) green;
        rgb[i + 2] = (byte) blue;
    }

    public RgbImage copy() {
        return new RgbImage(widthPx, heightPx, rgb.clone());
    }

    /** A copy of the pixels inside {@code rect} (which must lie inside the image). */
    public RgbImage crop(org.boxrefine.geom.PixelRect rect) {
        if (rect.x0Px() < 0 || rect.y0Px() < 0 || rect.x1Px() > widthPx || rect.y1Px() > heightPx) {
            throw new IllegalArgumentException("crop " + rect + " reaches outside the " + widthPx + "x" + heightPx + " image");
        }
        int w = rect.widthPx();
        byte[] out = new byte[3 * w * rect.heightPx()];
        for (int y = 0; y < rect.heightPx(); y++) {
            System.arraycopy(rgb, 3 * ((rect.y0Px() + y) * widthPx + rect.x0Px()), out, 3 * y * w, 3 * w);
        }
        return new RgbImage(w, rect.heightPx(), out);
    }
}
