package org.boxrefine.report;

import java.util.Comparator;

/**
 * One refined box on the review page.
 *
 * @param annotationId the annotation's id
 * @param imageId      its image's id
 * @param fileName     its image's file name, as the annotations give it
 * @param category     its category's name, or null when unknown
 * @param score        the mask's score (a finite number)
 * @param iou          the mask's IoU with the ground truth, in [0, 1], or NaN when no truth is known for it
 * @param thumbnailUri the thumbnail as a {@code data:} URI, or null when it could not be drawn
 */
public record ReportItem(long annotationId, long imageId, String fileName, String category, double score,
        double iou, String thumbnailUri) {

    /**
     * Worst first: boxes with a known IoU before the others, by IoU ascending; then by score ascending; then by
     * annotation id.
     */
    public static final Comparator<ReportItem> WORST_FIRST = Comparator
            .comparing((ReportItem i) -> Double.isNaN(i.iou()))
            .thenComparingDouble(i -> Double.isNaN(i.iou()) ? 0 : i.iou())
            .thenComparingDouble(ReportItem::score)
            .thenComparingLong(ReportItem::annotationId);

    public ReportItem {
        if (fileName == null) {
            throw new IllegalArgumentException("annotation " + annotationId + ": file name must be given, found null");
        }
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("annotation " + annotationId + ": score must be a finite number, found "
                    + score);
        }
        if (!Double.isNaN(iou) && (iou < 0 || iou > 1)) {
            throw new IllegalArgumentException("annotation " + annotationId + ": IoU must be in [0, 1] or NaN, found "
                    + iou);
        }
        if (thumbnailUri != null && !thumbnailUri.startsWith("data:")) {
            throw new IllegalArgumentException("annotation " + annotationId + ": thumbnail must be a data: URI, found "
                    + thumbnailUri.substring(0, Math.min(40, thumbnailUri.length())));
        }
    }

    /** Whether the IoU with the ground truth is known. */
    public boolean hasIou() {
        return !Double.isNaN(iou);
    }

    /** This item with a thumbnail. */
    public ReportItem withThumbnail(String uri) {
        return new ReportItem(annotationId, imageId, fileName, category, score, iou, uri);
    }
}
