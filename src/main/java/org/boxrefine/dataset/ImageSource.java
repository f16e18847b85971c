package org.boxrefine.dataset;

import java.io.IOException;
import org.boxrefine.image.RgbImage;

/** Loads the pixels of an image record on demand (implemented in {@code io}). */
@FunctionalInterface
public interface ImageSource {
    /**
     * The image as a viewer shows it (EXIF orientation applied where the format has one).
     *
     * @throws IOException when the file is missing or cannot be decoded, or its size differs from the declared
     *                     one; the message names the file ({@link ImageLoadException} tells the reason)
     */
    RgbImage load(ImageRecord record) throws IOException;

    /**
     * The size {@link #load} would give, read cheaply where the source can (file headers). This default returns
     * the declared size, or loads the image when none is declared.
     *
     * @throws IOException as {@link #load} does
     */
    default ImageSize size(ImageRecord record) throws IOException {
        if (record.widthPx() > 0 && record.heightPx() > 0) {
            return new ImageSize(record.widthPx(), record.heightPx());
        }
        RgbImage img = load(record);
        return new ImageSize(img.widthPx(), img.heightPx());
    }

    /** How messages name the record's file (by default its file name as given). */
    default String describe(ImageRecord record) {
        return record.fileName();
    }
}
