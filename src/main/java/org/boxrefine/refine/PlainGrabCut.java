package org.boxrefine.refine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.ImageSource;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.RgbImage;
import org.boxrefine.snap.GrabCut;

/**
 * What a user would run instead of boxrefine: plain OpenCV GrabCut started from each tag's
 * rectangle on the whole image at full resolution, image by image. Shared by the baseline and the
 * benchmark so that both run the same thing.
 */
public final class PlainGrabCut {
    /** One tag's whole-image mask and the seconds its {@code grabCut} call took. */
    public record BoxMask(long annotationId, BinaryMask mask, double seconds) {
    }

    /** Receives each image's masks, or why it could not be loaded, in record order. */
    public interface Listener {
        void onImage(ImageRecord record, List<BoxMask> masks) throws IOException;

        void onSkipped(ImageRecord record, IOException cause);
    }

    private final int iterations;

    /** @param iterations GrabCut iterations, at least 1 */
    public PlainGrabCut(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("GrabCut iterations must be at least 1, found " + iterations);
        }
        this.iterations = iterations;
    }

    /** Loads each image in turn and runs GrabCut on each of its tags; a failed load goes to the listener. */
    public void run(List<ImageRecord> records, ImageSource source, Listener listener) throws IOException {
        for (ImageRecord r : records) {
            RgbImage img;
            try {
                img = source.load(r);
            } catch (IOException e) {
                listener.onSkipped(r, e);
                continue;
            }
            listener.onImage(r, masks(img, r.tags()));
        }
    }

    /** Each tag's mask over the whole image, in tag order. */
    public List<BoxMask> masks(RgbImage img, List<Tag> tags) {
        List<BoxMask> out = new ArrayList<>(tags.size());
        for (Tag t : tags) {
            long t0 = System.nanoTime();
            PixelRect rect = t.box().pixelRect(img.widthPx(), img.heightPx());
            BinaryMask m = GrabCut.fromRect(img, rect, iterations);
            out.add(new BoxMask(t.annotationId(), m, (System.nanoTime() - t0) / 1e9));
        }
        return out;
    }
}
