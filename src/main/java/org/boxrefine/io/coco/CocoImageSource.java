package org.boxrefine.io.coco;

import java.io.IOException;
import java.nio.file.Path;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.ImageSource;
import org.boxrefine.image.RgbImage;
import org.boxrefine.io.image.ImageFiles;

/** Loads the images of a COCO file: {@code file_name} resolved against the image folder. */
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

    /**
     * @throws IOException naming the file when it is missing or undecodable, or when its size differs from the
     *                     size the COCO file declares
     */
    @Override
    public RgbImage load(ImageRecord record) throws IOException {
        Path file = fileOf(record);
        RgbImage image = ImageFiles.readRgb(file);
        boolean declared = record.widthPx() > 0 && record.heightPx() > 0;
        if (declared && (image.widthPx() != record.widthPx() || image.heightPx() != record.heightPx())) {
            throw new IOException(file + ": image " + record.imageId() + " is declared " + record.widthPx() + "x"
                    + record.heightPx() + " in the COCO file, found " + image.widthPx() + "x" + image.heightPx());
        }
        return image;
    }
}
