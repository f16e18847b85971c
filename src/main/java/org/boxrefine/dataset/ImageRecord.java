package org.boxrefine.dataset;

import java.util.List;

/**
 * One image of a data set and its tags. Pixels are not held here: {@link ImageSource} loads them
 * when needed, so a data set of any size fits in memory.
 *
 * @param imageId  the input's image id
 * @param fileName the image file, as named in the input (relative to the image folder)
 * @param widthPx  width declared by the input (0 when unknown)
 * @param heightPx height declared by the input (0 when unknown)
 * @param tags     the tags on this image, in input order
 */
public record ImageRecord(long imageId, String fileName, int widthPx, int heightPx, List<Tag> tags) {
    public ImageRecord {
        if (fileName == null || fileName.isBlank()) {
            throw new IllegalArgumentException("image " + imageId + " has no file name");
        }
        tags = List.copyOf(tags);
    }
}
