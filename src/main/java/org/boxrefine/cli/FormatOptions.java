package org.boxrefine.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.boxrefine.io.DatasetReaders;
import org.boxrefine.io.InputFormat;
import org.boxrefine.io.coco.CocoDataset;
import picocli.CommandLine.Option;

/** The options that choose the input format, the classes to refine, and the output formats. */
final class FormatOptions {
    @Option(names = "--format", paramLabel = "FORMAT", description = "Format of --annotations: coco, voc, yolo or labelme (default: detected from the path).")
    String format;

    @Option(names = "--classes", split = ",", paramLabel = "NAME", description = "Refine only the boxes of these classes (names, or category ids), comma-separated; the other boxes are kept as boxes in the COCO and LabelMe outputs and left out of the YOLO and PNG outputs (default: all).")
    List<String> classes = new ArrayList<>();

    /** Reads the boxes in their format and keeps the chosen classes for refining. */
    CocoDataset read(Path annotations, Path images) throws IOException {
        InputFormat f = format == null ? null : InputFormat.parse(format);
        return DatasetReaders.selectClasses(DatasetReaders.read(annotations, images, f), classes);
    }
}
