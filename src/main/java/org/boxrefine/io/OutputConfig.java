package org.boxrefine.io;

import java.util.EnumSet;
import java.util.Set;
import org.boxrefine.contour.PolygonConfig;

/**
 * What {@link OutputWriters} writes.
 *
 * @param formats      the output formats (COCO RLE always)
 * @param tightenBoxes make each refined box its mask's bounds (the input box is kept beside it where the format
 *                     has room)
 * @param polygons     how masks become polygons
 */
public record OutputConfig(Set<OutputFormat> formats, boolean tightenBoxes, PolygonConfig polygons) {
    public OutputConfig {
        if (formats == null || polygons == null) {
            throw new IllegalArgumentException("output formats and polygon settings must be given, found " + formats
                    + " and " + polygons);
        }
        formats = formats.isEmpty() ? EnumSet.of(OutputFormat.COCO) : EnumSet.copyOf(formats);
        formats.add(OutputFormat.COCO);
        formats = Set.copyOf(formats);
    }

    /** COCO RLE and PNG masks, untightened boxes, default polygons: what {@code refine} writes by default. */
    public static OutputConfig defaults() {
        return new OutputConfig(EnumSet.of(OutputFormat.COCO, OutputFormat.PNG), false, PolygonConfig.defaults());
    }

    /** Whether any format needs polygons. */
    public boolean needsPolygons() {
        return formats.stream().anyMatch(OutputFormat::polygons);
    }
}
