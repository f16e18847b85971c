package org.boxrefine.contour;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;
import org.boxrefine.image.BinaryMask;

/**
 * Fills COCO polygons with Java2D: a pixel is set when its centre lies inside one of the polygons (even-odd
 * rule, half-open like {@link org.boxrefine.geom.BoxPx}). Java2D works in fixed point, so a centre within a few
 * hundredths of a pixel of an edge may fall either way. Several polygons fill their union.
 */
public final class PolygonRaster {
    private PolygonRaster() {
    }

    /**
     * @param polygons each {@code [x1, y1, x2, y2, ...]} in pixels, top-left origin; fewer than 3 points fill
     *                 nothing
     */
    public static BinaryMask fill(List<double[]> polygons, int widthPx, int heightPx) {
        BufferedImage img = new BufferedImage(widthPx, heightPx, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            for (double[] p : polygons) {
                if (p.length < 6) {
                    continue;
                }
                Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD, p.length / 2);
                path.moveTo(p[0], p[1]);
                for (int i = 2; i + 1 < p.length; i += 2) {
                    path.lineTo(p[i], p[i + 1]);
                }
                path.closePath();
                g.fill(path);
            }
        } finally {
            g.dispose();
        }
        byte[] grey = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] bits = new byte[grey.length];
        for (int i = 0; i < grey.length; i++) {
            bits[i] = (byte) (grey[i] != 0 ? 1 : 0);
        }
        return new BinaryMask(widthPx, heightPx, bits);
    }
}
