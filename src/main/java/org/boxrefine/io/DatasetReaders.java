package org.boxrefine.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.boxrefine.dataset.BoxSet;
import org.boxrefine.io.coco.CocoCategory;
import org.boxrefine.io.coco.CocoDataset;
import org.boxrefine.io.labelme.LabelmeReader;
import org.boxrefine.io.voc.VocReader;
import org.boxrefine.io.yolo.YoloReader;

/**
 * Reads boxes in any supported format into one {@link CocoDataset}, the view every writer works on: COCO files
 * as they are (every field kept), other formats converted at the edge (ids, classes and boxes kept).
 */
public final class DatasetReaders {
    private DatasetReaders() {
    }

    /**
     * @param input       the annotations: a file or folder, as {@link InputFormat#detect} describes
     * @param imageFolder the image folder, or null for the format's default
     * @param format      the format, or null to detect it from the path
     * @throws IOException naming the path when it cannot be read at all; problems with single files, images or
     *                     boxes become the data set's warnings instead
     */
    public static CocoDataset read(Path input, Path imageFolder, InputFormat format) throws IOException {
        InputFormat f = format != null ? format : InputFormat.detect(input);
        if (f == InputFormat.COCO) {
            return imageFolder == null ? CocoDataset.read(input) : CocoDataset.read(input, imageFolder);
        }
        BoxSet boxes = switch (f) {
            case VOC -> VocReader.read(input, imageFolder);
            case YOLO -> YoloReader.read(input, imageFolder);
            case LABELME -> LabelmeReader.read(input, imageFolder);
            case COCO -> throw new AssertionError();
        };
        return CocoDataset.fromBoxes(boxes);
    }

    /**
     * The data set with only the tags of the named classes (names, or category ids) left to refine; the other
     * annotations stay in the document, so writers that can hold a plain box pass them through.
     *
     * @throws IllegalArgumentException naming the class that is not in the data set, with those that are
     */
    public static CocoDataset selectClasses(CocoDataset dataset, List<String> classes) {
        if (classes == null || classes.isEmpty()) {
            return dataset;
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (String c : classes) {
            String name = c.strip();
            List<CocoCategory> hits = dataset.categories().stream().filter(k -> k.name().equals(name)).toList();
            if (hits.isEmpty()) {
                hits = dataset.categories().stream().filter(k -> Long.toString(k.id()).equals(name)).toList();
            }
            if (hits.isEmpty()) {
                List<String> known = new ArrayList<>();
                dataset.categories().forEach(k -> known.add(k.id() + " " + k.name()));
                throw new IllegalArgumentException("--classes: '" + name + "' is not a class of " + dataset.jsonFile()
                        + "; its classes (id name): " + String.join(", ", known));
            }
            hits.forEach(k -> ids.add(k.id()));
        }
        return dataset.withCategories(ids);
    }
}
