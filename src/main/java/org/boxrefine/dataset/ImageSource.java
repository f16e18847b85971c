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
     * The image keeping every {@code subsampling}-th pixel in each direction, starting at (0, 0): pixel (i, j) is
     * pixel ({@code subsampling * i}, {@code subsampling * j}) of {@link #load}, and the size is
     * {@code ceil(width / subsampling) x ceil(height / subsampling)}. This default loads the whole image first;
     * sources that can decode fewer pixels (file decoders) override it so the whole image is never held.
     *
     * @throws IOException as {@link #load} does
     */
    default RgbImage load(ImageRecord record, int subsampling) throws IOException {
        if (subsampling < 1) {
            throw new IllegalArgumentException("subsampling must be at least 1, found " + subsampling);
        }
        RgbImage full = load(record);
        if (subsampling == 1) {
            return full;
        }
        int w = (full.widthPx() + subsampling - 1) / subsampling;
        int h = (full.heightPx() + subsampling - 1) / subsampling;
        byte[] src = full.data();
        byte[] dst = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                System.arraycopy(src, 3 * (y * subsampling * full.widthPx() + x * subsampling), dst, 3 * (y * w + x), 3);
            }
        }
        return new RgbImage(w, h, dst);
    }

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
