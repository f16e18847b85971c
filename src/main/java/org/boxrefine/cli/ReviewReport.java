package org.boxrefine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.boxrefine.eval.BoxEval;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.RgbImage;
import org.boxrefine.io.AtomicFiles;
import org.boxrefine.io.OutputException;
import org.boxrefine.io.coco.CocoEval;
import org.boxrefine.io.coco.CocoResultWriter;
import org.boxrefine.io.coco.CocoResults;
import org.boxrefine.io.image.ImageFiles;
import org.boxrefine.report.DistributionPlot;
import org.boxrefine.report.ReportItem;
import org.boxrefine.report.ReportSummary;
import org.boxrefine.report.ReviewPage;
import org.boxrefine.report.Thumbnail;

/**
 * Writes a finished run's review: {@code OUT/report.html} (see {@link ReviewPage}) and {@code OUT/report-plot.png}
 * (histograms of score and, with ground truth, IoU), from {@code OUT/annotations.json} and the images the run read.
 * The page shows at most {@code maxBoxes} boxes, the worst ones; its figures count every box.
 */
final class ReviewReport {
    static final String PAGE = "report.html";
    static final String PLOT = "report-plot.png";
    /** Longer side of a thumbnail. */
    static final int THUMBNAIL_PX = 160;
    /** Boxes shown by default: about 12 MB of page at roughly 12 kB per thumbnail. */
    static final int DEFAULT_MAX_BOXES = 1000;
    static final float JPEG_QUALITY = 0.8f;

    private ReviewReport() {
    }

    /**
     * What was written.
     *
     * @param page    the HTML page
     * @param plot    the PNG plot
     * @param summary the figures over every refined box
     * @param shown   boxes shown on the page
     */
    record Written(Path page, Path plot, ReportSummary summary, int shown) {
        long pageBytes() throws IOException {
            return Files.size(page);
        }
    }

    /** The call at the end of {@code refine}: writes the review and says where; a review that cannot be built is a warning. */
    static void afterRefine(Path out, Path imageFolder, PrintWriter err) throws OutputException {
        try {
            Written w = write(out, List.of(imageFolder), null, DEFAULT_MAX_BOXES,
                    m -> err.println("warning: review: " + m));
            err.println(describe(w));
        } catch (OutputException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            err.println("warning: review page not written: " + e.getMessage());
        }
    }

    /** One line naming the page, its size and the boxes it shows. */
    static String describe(Written w) throws IOException {
        return String.format(Locale.ROOT, "review page: %s (%d of %d boxes, %.2f MB); plot: %s", w.page(), w.shown(),
                w.summary().boxes(), w.pageBytes() / 1e6, w.plot());
    }

    /**
     * Builds and writes the review of the run in {@code out}.
     *
     * @param imageFolders folders the images' file names may be relative to, tried in order (the first holding
     *                     the first refined image is used)
     * @param truth        ground truth COCO file, or null
     * @param maxBoxes     most boxes shown (the worst ones)
     * @param warn         receives one line per problem (an unreadable image or mask, a truth warning)
     * @throws IOException     naming the file when the result or truth file cannot be read, or no folder holds
     *                         the images
     * @throws OutputException when the page or plot cannot be written
     */
    static Written write(Path out, List<Path> imageFolders, Path truth, int maxBoxes, Consumer<String> warn)
            throws IOException {
        if (maxBoxes < 1) {
            throw new IllegalArgumentException("the page must show at least 1 box, found " + maxBoxes);
        }
        Path annotations = out.resolve(CocoResultWriter.FILE_NAME);
        CocoResults results = CocoResults.read(annotations);
        results.warnings().forEach(warn);
        Map<Long, Double> iou = new HashMap<>();
        if (truth != null) {
            CocoEval.Result r = CocoEval.evaluate(annotations, truth);
            r.warnings().forEach(warn);
            for (BoxEval b : r.report().boxes()) {
                if (b.predicted()) {
                    iou.put(b.annotationId(), b.iouPred());
                }
            }
        }
        Map<Long, CocoResults.Row> rows = new HashMap<>();
        List<ReportItem> items = new ArrayList<>();
        int skipped = 0;
        for (CocoResults.Row row : results.rows()) {
            if (!row.refined()) {
                skipped++;
                continue;
            }
            rows.put(row.annotationId(), row);
            items.add(new ReportItem(row.annotationId(), row.imageId(), row.fileName(), row.category(), row.score(),
                    iou.getOrDefault(row.annotationId(), Double.NaN), null));
        }
        Path images = items.isEmpty() ? imageFolders.get(0) : imageFolder(imageFolders, items.get(0).fileName());
        StringBuilder source = new StringBuilder(annotations.toAbsolutePath().normalize().toString())
                .append(" · images ").append(images.toAbsolutePath().normalize());
        if (truth != null) {
            source.append(" · truth ").append(truth.toAbsolutePath().normalize());
        }
        ReportSummary summary = ReportSummary.of(source.toString(), items, skipped);

        List<ReportItem> worst = new ArrayList<>(items);
        worst.sort(ReportItem.WORST_FIRST);
        worst = worst.subList(0, Math.min(maxBoxes, worst.size()));
        Map<Long, List<ReportItem>> byImage = new LinkedHashMap<>();
        for (ReportItem item : worst) {
            byImage.computeIfAbsent(item.imageId(), k -> new ArrayList<>()).add(item);
        }
        List<ReportItem> shown = new ArrayList<>();
        for (List<ReportItem> onImage : byImage.values()) {
            shown.addAll(thumbnails(onImage, images, rows, results, warn));
        }

        List<DistributionPlot.Series> series = new ArrayList<>();
        series.add(new DistributionPlot.Series("score", items.stream().mapToDouble(ReportItem::score).toArray()));
        if (summary.iouBoxes() > 0) {
            series.add(new DistributionPlot.Series("IoU", items.stream().filter(ReportItem::hasIou)
                    .mapToDouble(ReportItem::iou).toArray()));
        }
        byte[] plot = ImageFiles.encodePng(DistributionPlot.render(series));
        Path plotFile = out.resolve(PLOT);
        AtomicFiles.write(plotFile, os -> os.write(plot));
        String page = ReviewPage.html(summary, shown, "data:image/png;base64," + Base64.getEncoder().encodeToString(plot));
        Path pageFile = out.resolve(PAGE);
        AtomicFiles.write(pageFile, os -> os.write(page.getBytes(StandardCharsets.UTF_8)));
        return new Written(pageFile, plotFile, summary, shown.size());
    }

    /** The items of one image with their thumbnails; without one where the image or a mask cannot be read. */
    private static List<ReportItem> thumbnails(List<ReportItem> onImage, Path images, Map<Long, CocoResults.Row> rows,
            CocoResults results, Consumer<String> warn) {
        Path file = images.resolve(onImage.get(0).fileName());
        RgbImage photo;
        try {
            photo = ImageFiles.readRgb(file);
        } catch (IOException | OutOfMemoryError e) {
            warn.accept(file + ": image " + onImage.get(0).imageId() + " not shown: " + e.getMessage());
            return onImage;
        }
        List<ReportItem> out = new ArrayList<>(onImage.size());
        for (ReportItem item : onImage) {
            try {
                BinaryMask mask = results.mask(item.annotationId());
                RgbImage thumb = Thumbnail.render(photo, rows.get(item.annotationId()).box(), mask, THUMBNAIL_PX);
                out.add(item.withThumbnail("data:image/jpeg;base64,"
                        + Base64.getEncoder().encodeToString(ImageFiles.encodeJpeg(thumb, JPEG_QUALITY))));
            } catch (IOException | IllegalArgumentException e) {
                warn.accept(file + ": annotation " + item.annotationId() + " not shown: " + e.getMessage());
                out.add(item);
            }
        }
        return out;
    }

    private static Path imageFolder(List<Path> candidates, String fileName) throws IOException {
        for (Path folder : candidates) {
            if (Files.isRegularFile(folder.resolve(fileName))) {
                return folder;
            }
        }
        throw new IOException("cannot find the run's images: " + fileName + " is in none of " + candidates
                + "; give --images, the folder the annotations' file names are relative to");
    }
}
