package org.boxrefine.geom;

/** An integer pixel rectangle, half-open: columns {@code x0..x1-1}, rows {@code y0..y1-1}. */
public record PixelRect(int x0Px, int y0Px, int x1Px, int y1Px) {

    public PixelRect {
        if (x1Px < x0Px || y1Px < y0Px) {
            throw new IllegalArgumentException("pixel rectangle must have x1 >= x0 and y1 >= y0, found ["
                    + x0Px + ", " + y0Px + ", " + x1Px + ", " + y1Px + ")");
        }
    }

    public int widthPx() {
        return x1Px - x0Px;
    }

    public int heightPx() {
        return y1Px - y0Px;
    }

    public long areaPx() {
        return (long) widthPx() * heightPx();
    }

    public boolean isEmpty() {
        return x1Px == x0Px || y1Px == y0Px;
    }

    public boolean contains(int xPx, int yPx) {
        return xPx >= x0Px && xPx < x1Px && yPx >= y0Px && yPx < y1Px;
    }
}
