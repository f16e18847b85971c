package org.boxrefine.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the review page: one self-contained HTML document (inline CSS, script and {@code data:} pictures, no
 * other file needed) with the summary figures, the distribution plot, and one thumbnail per box, worst first
 * ({@link ReportItem#WORST_FIRST}), each with its annotation id, file name, score and, when known, IoU.
 *
 * <p>Two sliders ({@code #min-score}, {@code #max-score}) hide the boxes whose score lies outside the range
 * (the {@code hidden} attribute), and {@code #shown-count} says how many remain. The range can also be given in
 * the address's fragment, {@code report.html#min-score=0.2&max-score=0.6}, and the sliders keep it there, so a
 * filtered view can be shared. Every box is a {@code <figure class="box">} with {@code data-id},
 * {@code data-score} and, when known, {@code data-iou}.
 */
public final class ReviewPage {
    private ReviewPage() {
    }

    /**
     * The page.
     *
     * @param summary the figures over the whole run
     * @param items   the boxes to show (any order; shown worst first); fewer than {@code summary.boxes()} when the
     *                run was capped, which the page says
     * @param plotUri the distribution plot as a {@code data:} URI, or null for none
     */
    public static String html(ReportSummary summary, List<ReportItem> items, String plotUri) {
        List<ReportItem> sorted = new ArrayList<>(items);
        sorted.sort(ReportItem.WORST_FIRST);
        boolean iou = sorted.stream().anyMatch(ReportItem::hasIou);
        StringBuilder h = new StringBuilder(4096 + 12_000 * sorted.size());
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>boxrefine review: ").append(escape(summary.source())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<header>\n<h1>boxrefine review</h1>\n<p class=\"source\">")
                .append(escape(summary.source())).append("</p>\n");
        h.append("<dl class=\"summary\">\n");
        figure(h, "images", "images", Integer.toString(summary.images()));
        figure(h, "boxes", "boxes", Integer.toString(summary.boxes()));
        figure(h, "skipped", "skipped", Integer.toString(summary.skipped()));
        figure(h, "mean-score", "mean score", number(summary.meanScore()));
        if (summary.iouBoxes() > 0) {
            figure(h, "mean-iou", "mean IoU (" + summary.iouBoxes() + " boxes with truth)", number(summary.meanIou()));
        }
        h.append("</dl>\n");
        if (plotUri != null) {
            h.append("<img class=\"plot\" src=\"").append(escape(plotUri)).append("\" alt=\"")
                    .append(iou ? "histograms of score and IoU" : "histogram of score").append("\">\n");
        }
        h.append("</header>\n<nav class=\"filter\">\n")
                .append("<label>score from <input type=\"range\" id=\"min-score\" min=\"0\" max=\"1\" step=\"0.01\"")
                .append(" value=\"0\"> <output id=\"min-score-value\">0.00</output></label>\n")
                .append("<label>to <input type=\"range\" id=\"max-score\" min=\"0\" max=\"1\" step=\"0.01\"")
                .append(" value=\"1\"> <output id=\"max-score-value\">1.00</output></label>\n")
                .append("<span id=\"shown-count\">").append(sorted.size()).append(" of ").append(sorted.size())
                .append(" boxes shown</span>\n")
                .append("<span class=\"order\">worst first, by ").append(iou ? "IoU, then score" : "score")
                .append("</span>\n</nav>\n");
        if (sorted.size() < summary.boxes()) {
            h.append("<p class=\"note\" id=\"capped\">Only the ").append(sorted.size()).append(" worst of ")
                    .append(summary.boxes()).append(" boxes are shown; the figures above count them all.</p>\n");
        }
        h.append("<main id=\"boxes\">\n");
        for (ReportItem item : sorted) {
            box(h, item);
        }
        h.append("</main>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void figure(StringBuilder h, String id, String label, String value) {
        h.append("<div><dt>").append(escape(label)).append("</dt><dd id=\"").append(id).append("\">")
                .append(escape(value)).append("</dd></div>\n");
    }

    private static void box(StringBuilder h, ReportItem item) {
        String file = escape(item.fileName());
        h.append("<figure class=\"box\" id=\"box-").append(item.annotationId()).append("\" data-id=\"")
                .append(item.annotationId()).append("\" data-score=\"").append(number(item.score())).append('"');
        if (item.hasIou()) {
            h.append(" data-iou=\"").append(number(item.iou())).append('"');
        }
        h.append(">\n");
        if (item.thumbnailUri() != null) {
            h.append("<div class=\"thumb\"><img src=\"").append(escape(item.thumbnailUri()))
                    .append("\" alt=\"annotation ").append(item.annotationId()).append(" on ").append(file)
                    .append("\" loading=\"lazy\" decoding=\"async\"></div>\n");
        } else {
            h.append("<div class=\"thumb missing\">image not readable</div>\n");
        }
        h.append("<figcaption><b>#").append(item.annotationId()).append("</b>");
        if (item.category() != null) {
            h.append(" <span class=\"category\">").append(escape(item.category())).append("</span>");
        }
        h.append("<br><span class=\"file\" title=\"").append(file).append("\">").append(file).append("</span><br>")
                .append("score <span class=\"score\">").append(number(item.score())).append("</span>");
        if (item.hasIou()) {
            h.append(" · IoU <span class=\"iou ").append(grade(item.iou())).append("\">").append(number(item.iou()))
                    .append("</span>");
        }
        h.append("</figcaption>\n</figure>\n");
    }

    private static String grade(double iou) {
        return iou < 0.5 ? "bad" : iou < 0.75 ? "fair" : "good";
    }

    /** A number with three decimals, or "-" for NaN. */
    static String number(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Escapes text for HTML element content and double- or single-quoted attribute values. */
    public static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 0 16px 24px; color: #222; background: #fafafa; }
            header { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 8px 24px; }
            h1 { font-size: 20px; margin: 12px 0 0; flex-basis: 100%; }
            .source { margin: 0; color: #666; flex-basis: 100%; overflow-wrap: anywhere; }
            dl.summary { display: grid; grid-template-columns: repeat(2, auto); gap: 4px 16px; margin: 8px 0; }
            dl.summary div { display: contents; }
            dt { color: #666; }
            dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
            img.plot { max-width: 100%; border: 1px solid #ddd; background: #fff; }
            nav.filter { position: sticky; top: 0; z-index: 1; background: #fafafa; padding: 8px 0;
                border-bottom: 1px solid #ddd; display: flex; flex-wrap: wrap; gap: 8px 20px; align-items: center; }
            nav.filter output { display: inline-block; width: 3em; font-variant-numeric: tabular-nums; }
            .order, .note { color: #666; }
            main { display: flex; flex-wrap: wrap; gap: 10px; margin-top: 10px; }
            figure.box { margin: 0; width: 164px; background: #fff; border: 1px solid #ddd; padding: 2px; }
            .thumb { height: 160px; display: flex; align-items: center; justify-content: center; }
            .thumb img { display: block; max-width: 160px; max-height: 160px; }
            .thumb.missing { color: #a00; background: #f4f4f4; }
            figcaption { font-size: 12px; padding: 2px; }
            .file { display: inline-block; max-width: 156px; overflow: hidden; text-overflow: ellipsis;
                white-space: nowrap; vertical-align: bottom; color: #444; }
            .category { color: #666; }
            .iou.bad { color: #c00; font-weight: 600; }
            .iou.fair { color: #b60; }
            .iou.good { color: #070; }
            [hidden] { display: none !important; }
            """;

    private static final String SCRIPT = """
            (function () {
              var lo = document.getElementById('min-score');
              var hi = document.getElementById('max-score');
              var loOut = document.getElementById('min-score-value');
              var hiOut = document.getElementById('max-score-value');
              var count = document.getElementById('shown-count');
              var boxes = document.querySelectorAll('figure.box');
              function apply(keep) {
                var a = parseFloat(lo.value), b = parseFloat(hi.value), shown = 0;
                for (var i = 0; i < boxes.length; i++) {
                  var s = parseFloat(boxes[i].getAttribute('data-score'));
                  var show = s >= a && s <= b;
                  boxes[i].hidden = !show;
                  if (show) { shown++; }
                }
                loOut.textContent = a.toFixed(2);
                hiOut.textContent = b.toFixed(2);
                count.textContent = shown + ' of ' + boxes.length + ' boxes shown';
                if (keep) {
                  try {
                    history.replaceState(null, '', '#min-score=' + a.toFixed(2) + '&max-score=' + b.toFixed(2));
                  } catch (e) { /* some browsers refuse this on file: pages; the filter still works */ }
                }
              }
              var params = new URLSearchParams(location.hash.slice(1));
              if (params.has('min-score')) { lo.value = params.get('min-score'); }
              if (params.has('max-score')) { hi.value = params.get('max-score'); }
              lo.addEventListener('input', function () { apply(true); });
              hi.addEventListener('input', function () { apply(true); });
              apply(false);
            })();
            """;
}
