package org.boxrefine.dataset;

/** An image's width and height in pixels, as a viewer shows it (orientation applied). */
public record ImageSize(int widthPx, int heightPx) {
    public ImageSize {
        if (widthPx < 1 || heightPx < 1) {
            throw new IllegalArgumentException("image size must be at least 1x1, found " + widthPx + "x" + heightPx);
        }
    }

    @Override
    public String toString() {
        return widthPx + "x" + heightPx;
    }
}
