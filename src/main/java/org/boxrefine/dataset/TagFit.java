package org.boxrefine.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.geom.PixelRect;

/**
 * Fits boxes to the image they lie on, the same way for every input format: a box reaching beyond the image is
 * clipped to it (a warning), a box with no pixel centre inside the image is skipped.
 */
public final class TagFit {
    private TagFit() {
    }

    /** How a box relates to its image. */
    public enum Fit {
        /** Wholly inside: kept as it is. */
        INSIDE,
        /** Partly outside: clipped to the image. */
        CLIPPED,
        /** No pixel centre of the image inside it (outside the image, or thinner than a pixel): skipped. */
        OUTSIDE
    }

    /**
     * The fit of a box and the box to use (clipped, for {@link Fit#CLIPPED}); {@code outside} when it does not
     * even overlap the image.
     */
    public record Result(Fit fit, BoxPx box, boolean outside) {
        /** For {@link Fit#OUTSIDE}: "lies wholly outside" or why a box overlapping the image holds no pixel. */
        public String outsideWhy() {
            return fit != Fit.OUTSIDE ? "" : outside ? "lies wholly outside" : "holds no pixel centre of";
        }
    }

    /** How {@code box} fits a {@code widthPx x heightPx} image. */
    public static Result fit(BoxPx box, int widthPx, int heightPx) {
        BoxPx clipped = box.clip(widthPx, heightPx);
        PixelRect pixels = clipped.pixelRect(widthPx, heightPx);
        if (clipped.widthPx() <= 0 || clipped.heightPx() <= 0) {
            return new Result(Fit.OUTSIDE, box, true);
        }
        if (pixels.isEmpty()) {
            return new Result(Fit.OUTSIDE, box, false);
        }
        return new Result(clipped.equals(box) ? Fit.INSIDE : Fit.CLIPPED, clipped, false);
    }

    /**
     * The record with its tags fitted to an image of {@code size}; each clipped or skipped tag is reported to
     * {@code problems}, naming {@code file}, the image and the annotation.
     */
    public static ImageRecord fit(ImageRecord record, ImageSize size, String file, Problems problems) {
        List<Tag> kept = new ArrayList<>(record.tags().size());
        for (Tag t : record.tags()) {
            Result r = fit(t.box(), size.widthPx(), size.heightPx());
            String at = file + ": annotation " + t.annotationId() + " on image " + record.imageId() + ": box "
                    + xywh(t.box());
            switch (r.fit()) {
                case INSIDE -> kept.add(t);
                case CLIPPED -> {
                    kept.add(new Tag(t.annotationId(), t.categoryId(), r.box()));
                    problems.add(new Problem(Problem.Reason.BOX_CLIPPED, at + " extends beyond the " + size
                            + " image; clipped to " + xywh(r.box()), record.imageId(), List.of(t.annotationId())));
                }
                case OUTSIDE -> problems.add(new Problem(Problem.Reason.BOX_OUTSIDE, at + " " + r.outsideWhy()
                        + " the " + size + " image; annotation skipped", record.imageId(),
                        List.of(t.annotationId())));
                default -> throw new IllegalStateException("unknown fit " + r.fit());
            }
        }
        return kept.size() == record.tags().size() && kept.equals(record.tags()) ? record
                : new ImageRecord(record.imageId(), record.fileName(), record.widthPx(), record.heightPx(), kept);
    }

    /** A box as {@code [x, y, width, height]} in pixels, for messages. */
    public static String xywh(BoxPx box) {
        double[] v = box.toXywh();
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 4; i++) {
            sb.append(i == 0 ? "" : ", ").append(v[i] == Math.rint(v[i]) && Math.abs(v[i]) < 1e15
                    ? Long.toString((long) v[i]) : String.format(Locale.ROOT, "%s", v[i]));
        }
        return sb.append(']').toString();
    }
}
