package org.boxrefine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.boxrefine.io.coco.SceneSetWriter;
import org.boxrefine.io.image.ImageFiles;
import org.boxrefine.synth.SceneConfig;
import org.boxrefine.synth.SceneSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    static final Pattern FIGURE = Pattern.compile("<figure class=\"box\" id=\"box-(\\d+)\"([^>]*)>");

    static List<Long> figureIds(String html) {
        List<Long> ids = new ArrayList<>();
        Matcher m = FIGURE.matcher(html);
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    private static List<Long> byScore() {
        return ReportFixture.BOXES.stream().filter(b -> !Double.isNaN(b.score()))
                .sorted(Comparator.comparingDouble(ReportFixture.Box::score)).map(ReportFixture.Box::id).toList();
    }

    @Test
    void reportWritesThePageAndPlotWithEveryRefinedBoxByScore(@TempDir Path dir) throws Exception {
        ReportFixture.Written w = ReportFixture.write(dir);
        RefineCommandTest.Run r = RefineCommandTest.run("report", "--out", w.out().toString(), "--images",
                w.images().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("review page: " + w.out().resolve("report.html"), "(5 of 5 boxes");
        String html = Files.readString(w.out().resolve("report.html"));
        assertThat(figureIds(html)).containsExactlyElementsOf(byScore());
        assertThat(html).contains("<dd id=\"images\">3</dd>", "<dd id=\"boxes\">5</dd>", "<dd id=\"skipped\">1</dd>")
                .doesNotContain("data-iou").doesNotContain("image not readable");
        assertThat(html.split("<img src=\"data:image/jpeg;base64,", -1)).hasSize(6);
        var plot = ImageFiles.readRgb(w.out().resolve("report-plot.png"));
        assertThat(plot.widthPx()).as("one panel, score only").isEqualTo(380);
    }

    @Test
    void truthAddsIouAndSortsByIt(@TempDir Path dir) throws Exception {
        ReportFixture.Written w = ReportFixture.write(dir);
        RefineCommandTest.Run r = RefineCommandTest.run("report", "--out", w.out().toString(), "--images",
                w.images().toString(), "--truth", w.truth().toString());
        assertThat(r.code()).as(r.err()).isZero();
        String html = Files.readString(w.out().resolve("report.html"));
        var ious = ReportFixture.ious();
        assertThat(figureIds(html)).containsExactlyElementsOf(ious.entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByValue()).map(java.util.Map.Entry::getKey).toList());
        double mean = ious.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(html).contains(String.format(java.util.Locale.ROOT, "<dd id=\"mean-iou\">%.3f</dd>", mean));
        assertThat(ImageFiles.readRgb(w.out().resolve("report-plot.png")).widthPx()).as("score and IoU panels")
                .isEqualTo(760);
    }

    @Test
    void imagesAreFoundBesideTheTruthAndTheCapKeepsTheWorst(@TempDir Path dir) throws Exception {
        ReportFixture.Written w = ReportFixture.write(dir);
        Files.move(w.truth(), w.images().resolve("truth.json"));
        RefineCommandTest.Run r = RefineCommandTest.run("report", "--out", w.out().toString(), "--truth",
                w.images().resolve("truth.json").toString(), "--max-boxes", "2");
        assertThat(r.code()).as(r.err()).isZero();
        String html = Files.readString(w.out().resolve("report.html"));
        assertThat(figureIds(html)).hasSize(2).containsExactlyElementsOf(ReportFixture.ious().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByValue()).limit(2).map(java.util.Map.Entry::getKey).toList());
        assertThat(html).contains("Only the 2 worst of 5 boxes are shown").contains("<dd id=\"boxes\">5</dd>");
    }

    @Test
    void anUnreadableImageLeavesItsBoxesWithoutThumbnailAndTheRestShown(@TempDir Path dir) throws Exception {
        ReportFixture.Written w = ReportFixture.write(dir);
        Files.write(w.images().resolve("c.png"), new byte[] {1, 2, 3});
        RefineCommandTest.Run r = RefineCommandTest.run("report", "--out", w.out().toString(), "--images",
                w.images().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: ").contains("c.png").contains("image 3 not shown");
        String html = Files.readString(w.out().resolve("report.html"));
        assertThat(figureIds(html)).hasSize(5);
        assertThat(html.split("image not readable", -1)).hasSize(3);
    }

    @Test
    void aFolderWithoutResultsIsAnInputError(@TempDir Path dir) {
        RefineCommandTest.Run r = RefineCommandTest.run("report", "--out", dir.toString());
        assertThat(r.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(r.err()).contains(dir.resolve("annotations.json").toString()).contains("not found");
        assertThat(dir.resolve("report.html")).doesNotExist();
    }

    @Test
    void refineWritesTheReviewPageAtTheEnd(@TempDir Path dir) throws Exception {
        SceneSetWriter.Written w = SceneSetWriter.write(SceneSet.generate(SceneConfig.defaults(), 3, 5),
                dir.resolve("data"));
        Path out = dir.resolve("out");
        RefineCommandTest.Run r = RefineCommandTest.run("refine", "--annotations", w.looseJson().toString(), "--out",
                out.toString(), "--quiet", "--patches-per-image", "64", "--threads", "1", "--epochs", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("review page: " + out.resolve("report.html"));
        String html = Files.readString(out.resolve("report.html"));
        assertThat(figureIds(html)).hasSize(w.annotationCount());
        assertThat(html).contains("<dd id=\"boxes\">" + w.annotationCount() + "</dd>", "<dd id=\"skipped\">0</dd>");
        assertThat(out.resolve("report-plot.png")).isRegularFile();
    }
}
