package org.boxrefine.cli;

import java.util.List;
import org.boxrefine.contour.Parts;
import org.boxrefine.contour.PolygonConfig;
import org.boxrefine.io.OutputConfig;
import org.boxrefine.io.OutputFormat;
import picocli.CommandLine.Option;

/** The output formats a run writes and how polygons are made: shared by refine, apply and bench. */
final class OutputFormatOptions {
    @Option(names = "--output-format", split = ",", paramLabel = "FORMAT", defaultValue = "coco,png", description = "What to write, comma-separated: coco (annotations.json, RLE masks; always written), coco-polygon (annotations_polygons.json), yolo (yolo/labels/*.txt segmentation and yolo/data.yaml), labelme (labelme/*.json polygons), png (masks/<annotation id>.png, instances/*.png with values 1..n in annotation order, instances.csv) (default: ${DEFAULT-VALUE}).")
    List<String> outputFormats;

    @Option(names = "--tighten-boxes", description = "Make each refined box its mask's bounds; COCO keeps the input box as input_bbox.")
    boolean tightenBoxes;

    @Option(names = "--polygon-tolerance", paramLabel = "PX", defaultValue = "1", description = "Polygon simplification (Douglas-Peucker) tolerance in pixels; 0 keeps the exact pixel outline (default: ${DEFAULT-VALUE}).")
    double polygonTolerancePx;

    @Option(names = "--max-vertices", paramLabel = "N", defaultValue = "0", description = "At most N vertices per polygon (the tolerance is raised until it fits); 0 for no limit (default: ${DEFAULT-VALUE}).")
    int maxVertices;

    @Option(names = "--parts", defaultValue = "outer", description = "Which parts of a mask become polygons: largest (the largest part, holes filled), outer (every part, holes filled) or holes (every part with its holes, each joined to its outline by a zero-width cut) (default: ${DEFAULT-VALUE}).")
    String parts;

    /** What to write, validated. */
    OutputConfig outputs() {
        return new OutputConfig(OutputFormat.parse(outputFormats), tightenBoxes,
                new PolygonConfig(polygonTolerancePx, maxVertices, Parts.parse(parts)));
    }
}
