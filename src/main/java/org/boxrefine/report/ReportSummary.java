package org.boxrefine.report;

import java.util.List;

/**
 * The figures at the top of the review page, over every refined box of the run (also those beyond the page's
 * cap on thumbnails).
 *
 * @param source    what the report is about (the annotations file), shown as the page's subtitle
 * @param images    images with at least one refined box
 * @param boxes     refined boxes
 * @param skipped   boxes of the annotations that have no mask (skipped by the run)
 * @param meanScore mean score of the refined boxes (NaN when there are none)
 * @param iouBoxes  refined boxes whose IoU with the ground truth is known (0 without ground truth)
 * @param meanIou   mean IoU of those (NaN when none)
 */
public record ReportSummary(String source, int images, int boxes, int skipped, double meanScore, int iouBoxes,
        double meanIou) {
    public ReportSummary {
        if (source == null) {
            throw new IllegalArgumentException("source must be given, found null");
        }
        if (images < 0 || boxes < 0 || skipped < 0 || iouBoxes < 0 || iouBoxes > boxes) {
            throw new IllegalArgumentException("counts must be non-negative with IoU boxes at most the boxes, found "
                    + images + " images, " + boxes + " boxes, " + skipped + " skipped, " + iouBoxes + " with IoU");
        }
    }

    /** The summary of {@code items} (every refined box), with {@code skipped} boxes left without a mask. */
    public static ReportSummary of(String source, List<ReportItem> items, int skipped) {
        int images = (int) items.stream().mapToLong(ReportItem::imageId).distinct().count();
        double meanScore = items.stream().mapToDouble(ReportItem::score).average().orElse(Double.NaN);
        List<ReportItem> withIou = items.stream().filter(ReportItem::hasIou).toList();
        double meanIou = withIou.stream().mapToDouble(ReportItem::iou).average().orElse(Double.NaN);
        return new ReportSummary(source, images, items.size(), skipped, meanScore, withIou.size(), meanIou);
    }
}
