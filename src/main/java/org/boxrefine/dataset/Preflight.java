package org.boxrefine.dataset;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Checks every image of a data set before any work: that its file can be opened and its size read (cheaply,
 * from the header where the source can), and fits its boxes to that size ({@link TagFit}). Images that fail and
 * boxes that do not fit are reported to a {@link Problems} and left out; decoding errors found later (a truncated
 * file) are reported by whoever loads the pixels, with {@link #imageSkipped}.
 */
public final class Preflight {
    private Preflight() {
    }

    /** The records with at least one usable tag, tags fitted to the image's real size, in input order. */
    public static List<ImageRecord> check(List<ImageRecord> records, ImageSource source, Problems problems) {
        return check(records, source, problems, n -> { });
    }

    /**
     * As {@link #check(List, ImageSource, Problems)}, telling {@code progress} how many records have been checked
     * after each one.
     */
    public static List<ImageRecord> check(List<ImageRecord> records, ImageSource source, Problems problems,
            IntConsumer progress) {
        List<ImageRecord> out = new ArrayList<>(records.size());
        int checked = 0;
        for (ImageRecord r : records) {
            progress.accept(++checked);
            if (r.tags().isEmpty()) {
                continue;
            }
            ImageSize size;
            try {
                size = source.size(r);
            } catch (IOException e) {
                problems.add(imageSkipped(r, source, e));
                continue;
            }
            ImageRecord fitted = TagFit.fit(r, size, source.describe(r), problems);
            if (!fitted.tags().isEmpty()) {
                out.add(fitted);
            }
        }
        return out;
    }

    /** The problem for an image that could not be loaded: its id, file, annotations and the reason. */
    public static Problem imageSkipped(ImageRecord r, ImageSource source, IOException e) {
        List<Long> ids = r.tags().stream().map(Tag::annotationId).toList();
        String idList = ids.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("none");
        String msg = "image " + r.imageId() + " (" + source.describe(r) + ", annotations " + idList + "): "
                + e.getMessage() + "; image skipped";
        return new Problem(ImageLoadException.reasonOf(e), msg, r.imageId(), ids);
    }
}
