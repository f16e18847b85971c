package org.boxrefine.io.coco;

import java.io.IOException;
import java.nio.file.Path;
import org.boxrefine.dataset.ImageLoadException;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.ImageSize;
import org.boxrefine.dataset.ImageSource;
import org.boxrefine.dataset.Problem;
import org.boxrefine.image.RgbImage;
import org.boxrefine.io.image.ImageFiles;

/**
 * Loads the images of a COCO file: {@code file_name} resolved against the image folder. COCO's {@code width} and
 * {@code height} refer to the image as displayed, after its EXIF orientation (as detectron2 and Ultralytics read
 * them); an image whose displayed size differs from the declared one is rejected.
 */
public final class CocoImageSource implements ImageSource {
    private final Path imageFolder;

    public CocoImageSource(Path imageFolder) {
        if (imageFolder == null) {
            throw new IllegalArgumentException("image folder must be given, found null");
        }
        this.imageFolder = imageFolder;
    }

    /** The source for a data set's own image folder. */
    public static CocoImageSource of(CocoDataset dataset) {
        return new CocoImageSource(dataset.imageFolder());
    }

    public Path imageFolder() {
        return imageFolder;
    }

    /** The file an image record names. */
    public Path fileOf(ImageRecord record) {
        return imageFolder.resolve(record.fileName());
    }

    @Override
    public String describe(ImageRecord record) {
        return fileOf(record).toString();
    }

    /**
     * @throws IOException naming the file when it is missing or undecodable; an {@link ImageLoadException} when
     *                     its size differs from the size the COCO file declares
     */
    @Override
    public RgbImage load(ImageRecord record) throws IOException {
        Path file = fileOf(record);
        RgbImage image = ImageFiles.readRgb(file);
        checkDeclared(record, file, image.widthPx(), image.heightPx());
        return image;
    }

    /**
     * Decodes every {@code subsampling}-th pixel only (the decoder skips the others), so a very large image never
     * exists whole in memory; the size check uses the file's full size, from its header, before decoding.
     */
    @Override
    public RgbImage load(ImageRecord record, int subsampling) throws IOException {
        if (subsampling == 1) {
            return load(record);
        }
        Path file = fileOf(record);
        return ImageFiles.readRgb(file, subsampling, s -> checkDeclared(record, file, s.widthPx(), s.heightPx()));
    }

    /** The displayed size from the file's header, checked against the declared size. */
    @Override
    public ImageSize size(ImageRecord record) throws IOException {
        Path file = fileOf(record);
        ImageFiles.Size s = ImageFiles.size(file);
        checkDeclared(record, file, s.widthPx(), s.heightPx());
        return new ImageSize(s.widthPx(), s.heightPx());
    }

    private static void checkDeclared(ImageRecord record, Path file, int widthPx, int heightPx)
            throws ImageLoadException {
        boolean declared = record.widthPx() > 0 && record.heightPx() > 0;
        if (declared && (widthPx != record.widthPx() || heightPx != record.heightPx())) {
            String turned = widthPx == record.heightPx() && heightPx == record.widthPx()
                    ? " (its EXIF orientation turns it; width and height must be those of the image as displayed)"
                    : "";
            throw new ImageLoadException(Problem.Reason.IMAGE_SIZE, file + ": image " + record.imageId()
                    + " is declared " + record.widthPx() + "x" + record.heightPx() + " in the COCO file, found "
                    + widthPx + "x" + heightPx + turned);
        }
    }
}
