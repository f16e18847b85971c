package org.boxrefine.geom;

/**
 * An axis-aligned box in pixel units: top-left origin, half-open ({@code x0Px <= x < x1Px}).
 * A pixel (x, y) lies inside when its centre (x + 0.5, y + 0.5) does.
 */
public record BoxPx(double x0Px, double y0Px, double x1Px, double y1Px) {

    public BoxPx {
        if (!Double.isFinite(x0Px) || !Double.isFinite(y0Px) || !Double.isFinite(x1Px) || !Double.isFinite(y1Px)) {
            throw new IllegalArgumentException("box corners must be finite numbers, found "
                    + x0Px + ", " + y0Px + ", " + x1Px + ", " + y1Px);
        }
        if (x1Px < x0Px || y1Px < y0Px) {
            throw new IllegalArgumentException("box must have x1 >= x0 and y1 >= y0, found ["
                    + x0Px + ", " + y0Px + ", " + x1Px + ", " + y1Px + ")");
        }
    }

    /** Box from COCO's {@code [x, y, width, height]}, which covers pixels x .. x+width-1. */
    public static BoxPx fromXywh(double xPx, double yPx, double widthPx, double heightPx) {
        return new BoxPx(xPx, yPx, xPx + widthPx, yPx + heightPx);
    }

    public double widthPx() {
        return x1Px - x0Px;
    }

    public double heightPx() {
        return y1Px - y0Px;
    }

    public double areaPx() {
        return widthPx() * heightPx();
    }

    /** Geometric mean of width and height: the box's "size" used for choosing a working scale. */
    public double sizePx() {
        return Math.sqrt(widthPx() * heightPx());
    }

    /** Whether the pixel at integer coordinates (x, y) lies inside (its centre does). */
    public boolean containsPixel(int xPx, int yPx) {
        double cx = xPx + 0.5;
        double cy = yPx + 0.5;
        return cx >= x0Px && cx < x1Px && cy >= y0Px && cy < y1Px;
    }

    /** Whether the point lies inside (half-open). */
    public boolean contains(double xPx, double yPx) {
        return xPx >= x0Px && xPx < x1Px && yPx >= y0Px && yPx < y1Px;
    }

    public BoxPx scale(double factor) {
        return new BoxPx(x0Px * factor, y0Px * factor, x1Px * factor, y1Px * factor);
    }

    /** This box grown by {@code marginPx} on each side (may leave the image; see {@link #clip}). */
    public BoxPx grow(double marginPx) {
        return new BoxPx(x0Px - marginPx, y0Px - marginPx, x1Px + marginPx, y1Px + marginPx);
    }

    /** Intersection with the image rectangle [0, width) x [0, height). */
    public BoxPx clip(int widthPx, int heightPx) {
        double x0 = Math.min(Math.max(x0Px, 0), widthPx);
        double y0 = Math.min(Math.max(y0Px, 0), heightPx);
        double x1 = Math.min(Math.max(x1Px, x0), widthPx);
        double y1 = Math.min(Math.max(y1Px, y0), heightPx);
        return new BoxPx(x0, y0, x1, y1);
    }

    /** The smallest integer pixel rectangle holding every pixel inside this box, clipped to the image. */
    public PixelRect pixelRect(int widthPx, int heightPx) {
        int x0 = clampInt((int) Math.ceil(x0Px - 0.5), 0, widthPx);
        int y0 = clampInt((int) Math.ceil(y0Px - 0.5), 0, heightPx);
        int x1 = clampInt((int) Math.ceil(x1Px - 0.5), x0, widthPx);
        int y1 = clampInt((int) Math.ceil(y1Px - 0.5), y0, heightPx);
        return new PixelRect(x0, y0, x1, y1);
    }

    /** COCO's {@code [x, y, width, height]}. */
    public double[] toXywh() {
        return new double[] {x0Px, y0Px, widthPx(), heightPx()};
    }

    private static int clampInt(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
