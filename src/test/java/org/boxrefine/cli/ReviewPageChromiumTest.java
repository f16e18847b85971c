package org.boxrefine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the review page in headless Chromium and reads the DOM its script leaves: the thumbnails in worst-first
 * order, and the score filter hiding boxes. Skipped when Chromium is not installed ({@code .ci/run} installs it).
 */
class ReviewPageChromiumTest {
    private static final Pattern FIGURE = Pattern.compile(
            "<figure class=\"box\" id=\"box-(\\d+)\"([^>]*)>(.*?)</figure>", Pattern.DOTALL);
    private static final Pattern THUMB = Pattern.compile("<img src=\"data:image/jpeg;base64,([A-Za-z0-9+/=]+)\"");

    /** A box as the browser left it. */
    record Shown(long id, boolean hidden, byte[] thumbnail) {
    }

    private Path browser;

    @BeforeEach
    void needsChromium() {
        browser = HeadlessChromium.find().orElse(null);
        Assumptions.assumeTrue(browser != null, "Chromium is not installed (apt-get install chromium)");
    }

    private static List<Shown> boxes(String dom) {
        List<Shown> out = new ArrayList<>();
        Matcher m = FIGURE.matcher(dom);
        while (m.find()) {
            Matcher t = THUMB.matcher(m.group(3));
            out.add(new Shown(Long.parseLong(m.group(1)), m.group(2).matches(".*\\shidden(=\"[^\"]*\")?(\\s.*)?"),
                    t.find() ? Base64.getDecoder().decode(t.group(1)) : null));
        }
        return out;
    }

    private static String shownCount(String dom) {
        Matcher m = Pattern.compile("<span id=\"shown-count\">([^<]*)</span>").matcher(dom);
        assertThat(m.find()).as("the page has its count of shown boxes").isTrue();
        return m.group(1);
    }

    private static Path report(Path dir) throws Exception {
        ReportFixture.Written w = ReportFixture.write(dir);
        RefineCommandTest.Run r = RefineCommandTest.run("report", "--out", w.out().toString(), "--images",
                w.images().toString(), "--truth", w.truth().toString());
        assertThat(r.code()).as(r.err()).isZero();
        return w.out().resolve("report.html");
    }

    @Test
    void chromiumShowsEveryThumbnailWorstFirst(@TempDir Path dir) throws Exception {
        Path page = report(dir);
        Files.createDirectories(dir.resolve("chromium"));
        String dom = HeadlessChromium.dumpDom(browser, page, "", dir.resolve("chromium"));
        List<Shown> shown = boxes(dom);
        Map<Long, Double> ious = ReportFixture.ious();
        assertThat(shown).extracting(Shown::id).containsExactlyElementsOf(ious.entrySet().stream()
                .sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList());
        for (Shown s : shown) {
            assertThat(s.hidden()).as("box %d hidden", s.id()).isFalse();
            assertThat(s.thumbnail()).as("box %d has a thumbnail", s.id()).isNotNull();
            var img = ImageIO.read(new ByteArrayInputStream(s.thumbnail()));
            assertThat(img).as("box %d's thumbnail is a JPEG", s.id()).isNotNull();
            assertThat(Math.max(img.getWidth(), img.getHeight())).isEqualTo(160);
        }
        assertThat(shownCount(dom)).isEqualTo("5 of 5 boxes shown");
        assertThat(dom).contains("<dd id=\"skipped\">1</dd>");
    }

    @Test
    void theScoreFilterHidesBoxesOutsideItsRange(@TempDir Path dir) throws Exception {
        Path page = report(dir);
        Files.createDirectories(dir.resolve("chromium"));
        String dom = HeadlessChromium.dumpDom(browser, page, "min-score=0.3&max-score=0.6", dir.resolve("chromium"));
        Map<Long, Boolean> expectedHidden = new LinkedHashMap<>();
        for (ReportFixture.Box b : ReportFixture.BOXES) {
            if (!Double.isNaN(b.score())) {
                expectedHidden.put(b.id(), b.score() < 0.3 || b.score() > 0.6);
            }
        }
        List<Shown> shown = boxes(dom);
        assertThat(shown).hasSize(expectedHidden.size());
        for (Shown s : shown) {
            assertThat(s.hidden()).as("box %d hidden", s.id()).isEqualTo(expectedHidden.get(s.id()));
        }
        long visible = expectedHidden.values().stream().filter(h -> !h).count();
        assertThat(visible).as("the filter keeps some boxes and hides others").isBetween(1L, 4L);
        assertThat(shownCount(dom)).isEqualTo(visible + " of 5 boxes shown");
        assertThat(dom).contains("<output id=\"min-score-value\">0.30</output>");
    }
}
