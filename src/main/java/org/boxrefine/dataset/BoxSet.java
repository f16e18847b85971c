package org.boxrefine.dataset;

import java.nio.file.Path;
import java.util.List;

/**
 * Boxes read from any annotation format, in boxrefine's coordinates: the images (file names relative to
 * {@code imageFolder}) with their tags, the category table, and what was skipped while reading.
 *
 * @param source      the file or folder the boxes were read from
 * @param imageFolder the folder the records' file names are relative to
 * @param images      the images in reading order, ids from the reader
 * @param categories  the category table, in the order the input lists or first uses the classes
 * @param warnings    one line per skipped or changed item, naming the file (and line where known) and the reason
 */
public record BoxSet(Path source, Path imageFolder, List<ImageRecord> images, List<Category> categories,
        List<String> warnings) {
    public BoxSet {
        if (source == null || imageFolder == null) {
            throw new IllegalArgumentException("a box set needs its source and image folder, found " + source + " and "
                    + imageFolder);
        }
        images = List.copyOf(images);
        categories = List.copyOf(categories);
        warnings = List.copyOf(warnings);
    }
}
