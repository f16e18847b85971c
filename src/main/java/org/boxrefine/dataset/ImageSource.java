package org.boxrefine.dataset;

import java.io.IOException;
import org.boxrefine.image.RgbImage;

/** Loads the pixels of an image record on demand (implemented in {@code io}). */
@FunctionalInterface
public interface ImageSource {
    /**
     * @throws IOException when the file is missing or cannot be decoded; the message names the file
     */
    RgbImage load(ImageRecord record) throws IOException;
}
