package org.boxrefine.contour;

/**
 * How a mask becomes polygons.
 *
 * @param tolerancePx Douglas-Peucker tolerance in pixels (0 keeps the exact pixel outline, only collinear
 *                    vertices dropped)
 * @param maxVertices at most this many vertices per traced contour (the tolerance is raised until it fits);
 *                    0 for no limit
 * @param parts       which parts and holes to keep
 */
public record PolygonConfig(double tolerancePx, int maxVertices, Parts parts) {
    public PolygonConfig {
        if (!Double.isFinite(tolerancePx) || tolerancePx < 0) {
            throw new IllegalArgumentException("polygon tolerance must be a finite number of pixels >= 0, found "
                    + tolerancePx);
        }
        if (maxVertices != 0 && maxVertices < 3) {
            throw new IllegalArgumentException("max vertices must be 0 (no limit) or at least 3, found " + maxVertices);
        }
        if (parts == null) {
            throw new IllegalArgumentException("parts policy must be given, found null");
        }
    }

    /** The defaults: 1 px tolerance, no vertex limit, every outer contour. */
    public static PolygonConfig defaults() {
        return new PolygonConfig(1.0, 0, Parts.OUTER);
    }
}
