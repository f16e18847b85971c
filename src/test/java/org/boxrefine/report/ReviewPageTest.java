package org.boxrefine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReviewPageTest {
    private static final Pattern FIGURE = Pattern.compile("<figure class=\"box\" id=\"box-(\\d+)\"([^>]*)>");
    private static final String THUMB = "data:image/jpeg;base64,AAAA";

    private static List<Long> figureIds(String html) {
        List<Long> ids = new ArrayList<>();
        Matcher m = FIGURE.matcher(html);
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    private static List<ReportItem> items() {
        return List.of(
                new ReportItem(1, 10, "a.png", "horse", 0.90, 0.80, THUMB),
                new ReportItem(2, 10, "a.png", "horse", 0.20, Double.NaN, THUMB),
                new ReportItem(3, 11, "b.png", "horse", 0.70, 0.30, THUMB),
                new ReportItem(4, 11, "b.png", null, 0.10, Double.NaN, null),
                new ReportItem(5, 12, "c.png", "horse", 0.50, 0.55, THUMB));
    }

    @Test
    void boxesAreListedWorstFirstByIouThenTheOthersByScore() {
        List<ReportItem> items = items();
        String html = ReviewPage.html(ReportSummary.of("run", items, 0), items, null);
        List<Long> expected = new ArrayList<>();
        items.stream().filter(ReportItem::hasIou).sorted(Comparator.comparingDouble(ReportItem::iou))
                .forEach(i -> expected.add(i.annotationId()));
        items.stream().filter(i -> !i.hasIou()).sorted(Comparator.comparingDouble(ReportItem::score))
                .forEach(i -> expected.add(i.annotationId()));
        assertThat(figureIds(html)).containsExactlyElementsOf(expected);
        assertThat(html).contains("by IoU, then score");
    }

    @Test
    void withoutTruthTheOrderIsByScore() {
        List<ReportItem> items = items().stream()
                .map(i -> new ReportItem(i.annotationId(), i.imageId(), i.fileName(), i.category(), i.score(),
                        Double.NaN, i.thumbnailUri()))
                .toList();
        String html = ReviewPage.html(ReportSummary.of("run", items, 2), items, null);
        assertThat(figureIds(html)).containsExactlyElementsOf(items.stream()
                .sorted(Comparator.comparingDouble(ReportItem::score)).map(ReportItem::annotationId).toList());
        assertThat(html).doesNotContain("data-iou").doesNotContain("id=\"mean-iou\"").contains("by score</span>");
    }

    @Test
    void summaryFiguresCountImagesBoxesSkippedAndMeans() {
        List<ReportItem> items = items();
        ReportSummary s = ReportSummary.of("run", items, 3);
        assertThat(s.images()).isEqualTo(3);
        assertThat(s.boxes()).isEqualTo(5);
        assertThat(s.iouBoxes()).isEqualTo(3);
        assertThat(s.meanScore()).isCloseTo((0.9 + 0.2 + 0.7 + 0.1 + 0.5) / 5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.meanIou()).isCloseTo((0.8 + 0.3 + 0.55) / 3, org.assertj.core.data.Offset.offset(1e-12));
        String html = ReviewPage.html(s, items, "data:image/png;base64,QUJD");
        assertThat(html).contains("<dd id=\"images\">3</dd>", "<dd id=\"boxes\">5</dd>", "<dd id=\"skipped\">3</dd>",
                "<dd id=\"mean-score\">" + ReviewPage.number(s.meanScore()) + "</dd>",
                "<dd id=\"mean-iou\">" + ReviewPage.number(s.meanIou()) + "</dd>",
                "<img class=\"plot\" src=\"data:image/png;base64,QUJD\"",
                "5 of 5 boxes shown");
        assertThat(figureIds(html)).hasSize(5);
        assertThat(html.split("<img src=\"" + THUMB, -1)).hasSize(5);
        assertThat(html).contains("image not readable").doesNotContain("id=\"capped\"");
    }

    @Test
    void aCappedPageSaysHowManyOfAllBoxesItShows() {
        List<ReportItem> items = items();
        String html = ReviewPage.html(ReportSummary.of("run", items, 0), items.subList(0, 2), null);
        assertThat(figureIds(html)).hasSize(2);
        assertThat(html).contains("Only the 2 worst of 5 boxes are shown").contains("2 of 2 boxes shown");
    }

    @Test
    void fileNamesCategoriesAndSourceAreEscaped() {
        String nasty = "x<script>alert('1')</script>&\"q\".png";
        List<ReportItem> items = List.of(new ReportItem(7, 1, nasty, "<b>cat</b>", 0.5, Double.NaN, THUMB));
        String html = ReviewPage.html(ReportSummary.of("<run & co>", items, 0), items, null);
        assertThat(html).doesNotContain(nasty).doesNotContain("<b>cat</b>").doesNotContain("<run & co>")
                .doesNotContain("<script>alert");
        String escaped = "x&lt;script&gt;alert(&#39;1&#39;)&lt;/script&gt;&amp;&quot;q&quot;.png";
        assertThat(html).contains("title=\"" + escaped + "\">" + escaped + "</span>")
                .contains("&lt;b&gt;cat&lt;/b&gt;").contains("&lt;run &amp; co&gt;");
        assertThat(html.split("<script>", -1)).hasSize(2);
    }

    @Test
    void itemsRejectBadValues() {
        assertThatThrownBy(() -> new ReportItem(1, 1, "a", null, Double.NaN, 0.5, null))
                .hasMessageContaining("score must be a finite number");
        assertThatThrownBy(() -> new ReportItem(1, 1, "a", null, 0.5, 1.5, null))
                .hasMessageContaining("IoU must be in [0, 1]");
        assertThatThrownBy(() -> new ReportItem(1, 1, "a", null, 0.5, 0.5, "javascript:alert(1)"))
                .hasMessageContaining("data: URI");
    }
}
