/**
 * Polygons from masks: contour tracing and Douglas-Peucker simplification with OpenCV ({@link
 * org.boxrefine.contour.MaskPolygons}), the parts and holes policy, and filling polygons back into masks
 * ({@link org.boxrefine.contour.PolygonRaster}) to measure what simplification lost. Besides {@code snap}, the only
 * package that imports OpenCV; the conversion between {@code Mat} and {@code BinaryMask} for tracing lives here.
 */
package org.boxrefine.contour;
