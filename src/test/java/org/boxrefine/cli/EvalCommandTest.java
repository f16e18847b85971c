package org.boxrefine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.io.coco.CocoRle;
import org.boxrefine.io.image.ImageFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int W = 8;
    private static final int H = 6;

    @TempDir
    Path dir;

    private Path truthFile;
    private Path predFile;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Per annotation id: truth mask, predicted mask (null: none), box in the prediction file. */
    private final Map<Long, BinaryMask> truth = new LinkedHashMap<>();
    private final Map<Long, BinaryMask> predicted = new LinkedHashMap<>();
    private final Map<Long, BoxPx> boxes = new LinkedHashMap<>();

    private static BinaryMask rect(int x0, int y0, int x1, int y1) {
        BinaryMask m = new BinaryMask(W, H);
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                m.set(x, y, true);
            }
        }
        return m;
    }

    @BeforeEach
    void writeFiles() throws IOException {
        truth.put(1L, rect(1, 1, 5, 4));
        truth.put(2L, rect(0, 0, 3, 6));
        truth.put(3L, rect(2, 2, 6, 5));
        truth.put(4L, rect(4, 0, 8, 2));
        predicted.put(1L, rect(1, 1, 5, 3));
        predicted.put(2L, rect(0, 1, 3, 6));
        predicted.put(3L, rect(3, 2, 7, 6));
        predicted.put(4L, null);
        boxes.put(1L, BoxPx.fromXywh(0, 0, 6, 5));
        boxes.put(2L, BoxPx.fromXywh(0, 0, 4, 6));
        boxes.put(3L, BoxPx.fromXywh(1.5, 1.5, 5, 4));
        boxes.put(4L, BoxPx.fromXywh(3, 0, 5, 3));

        ImageFiles.writeMaskPng(truth.get(1L), dir.resolve("truth/masks/1.png"));
        ImageFiles.writeMaskPng(truth.get(4L), dir.resolve("truth/masks/4.png"));
        ImageFiles.writeMaskPng(truth.get(4L), dir.resolve("out/masks/4.png"));

        ObjectNode t = document();
        ArrayNode ta = t.putArray("annotations");
        annotation(ta, 1, 1, new double[] {1, 1, 4, 3}).put("mask_file", "masks/1.png");
        annotation(ta, 2, 1, new double[] {0, 0, 3, 6}).set("segmentation", rle(truth.get(2L)));
        annotation(ta, 3, 2, new double[] {2, 2, 4, 3}).set("segmentation", JSON.readTree("[[2, 2, 6, 2, 6, 5, 2, 5]]"));
        annotation(ta, 4, 2, new double[] {4, 0, 4, 2}).put("mask_file", "masks/4.png");
        truthFile = dir.resolve("truth/boxes.json");
        Files.writeString(truthFile, t.toPrettyString());

        ObjectNode p = document();
        ArrayNode pa = p.putArray("annotations");
        for (long id = 1; id <= 4; id++) {
            ObjectNode a = annotation(pa, id, id <= 2 ? 1 : 2, boxes.get(id).toXywh());
            if (predicted.get(id) != null) {
                a.set("segmentation", rle(predicted.get(id)));
                a.put("score", 0.5);
            } else {
                a.put("mask_file", "masks/4.png");
            }
        }
        annotation(pa, 99, 1, new double[] {0, 0, 2, 2}).set("segmentation", rle(rect(0, 0, 2, 2)));
        predFile = dir.resolve("out/annotations.json");
        Files.writeString(predFile, p.toPrettyString());
    }

    private static ObjectNode document() {
        ObjectNode d = JSON.createObjectNode();
        ArrayNode images = d.putArray("images");
        for (int id = 1; id <= 2; id++) {
            images.addObject().put("id", id).put("file_name", "images/" + id + ".png").put("width", W).put("height", H);
        }
        d.putArray("categories").addObject().put("id", 1).put("name", "thing");
        return d;
    }

    private static ObjectNode annotation(ArrayNode to, long id, long imageId, double[] xywh) {
        ObjectNode a = to.addObject().put("id", id).put("image_id", imageId).put("category_id", 1);
        ArrayNode bbox = a.putArray("bbox");
        Arrays.stream(xywh).forEach(bbox::add);
        return a;
    }

    private static ObjectNode rle(BinaryMask m) {
        ObjectNode seg = JSON.createObjectNode();
        seg.putArray("size").add(m.heightPx()).add(m.widthPx());
        seg.put("counts", CocoRle.encode(m));
        return seg;
    }

    private int run(String... args) {
        CommandLine cl = new CommandLine(new EvalCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private double expectedIouPred(long id) {
        return predicted.get(id) == null ? 0 : predicted.get(id).iou(truth.get(id));
    }

    private double expectedIouBox(long id) {
        BinaryMask m = new BinaryMask(W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                m.set(x, y, boxes.get(id).containsPixel(x, y));
            }
        }
        return m.iou(truth.get(id));
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private double[] expectedPred() {
        return truth.keySet().stream().mapToDouble(this::expectedIouPred).toArray();
    }

    private double[] expectedBox() {
        return truth.keySet().stream().mapToDouble(this::expectedIouBox).toArray();
    }

    @Test
    void printsSummaryTableAndWorstBoxes() {
        int code = run("--pred", predFile.toString(), "--truth", truthFile.toString());

        assertThat(code).as(err.toString()).isZero();
        String table = out.toString();
        String summaryRow = table.lines().filter(l -> l.startsWith("truth/boxes ")).findFirst().orElseThrow();
        assertThat(summaryRow.trim().split("\\s+")).containsExactly("truth/boxes", "4", "1",
                f3(mean(expectedPred())), f3(mean(expectedBox())), f3(median(expectedPred())),
                f3(median(expectedBox())));
        assertThat(table).contains("4 worst boxes of truth/boxes");
        String worstFirst = table.lines().dropWhile(l -> !l.contains("annotation")).skip(1).findFirst().orElseThrow();
        assertThat(worstFirst.trim().split("\\s+")).containsExactly("4", "2", "missing", f3(expectedIouBox(4)));
        assertThat(err.toString()).contains("warning:", "1 predicted annotation(s) have no truth annotation", "[99]");
    }

    @Test
    void jsonOutputHasSummaryAndEveryBox() throws IOException {
        int code = run("--pred", predFile.toString(), "--truth", truthFile.toString(), "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode doc = JSON.readTree(out.toString());
        JsonNode split = doc.get("splits").get(0);
        assertThat(split.get("name").asText()).isEqualTo("truth/boxes");
        JsonNode s = split.get("summary");
        assertThat(s.get("boxes").asInt()).isEqualTo(4);
        assertThat(s.get("missing_predictions").asInt()).isEqualTo(1);
        assertThat(s.get("mean_iou_pred").asDouble()).isCloseTo(mean(expectedPred()), within(1e-12));
        assertThat(s.get("mean_iou_box").asDouble()).isCloseTo(mean(expectedBox()), within(1e-12));
        assertThat(s.get("median_iou_pred").asDouble()).isCloseTo(median(expectedPred()), within(1e-12));
        assertThat(s.get("median_iou_box").asDouble()).isCloseTo(median(expectedBox()), within(1e-12));
        JsonNode list = split.get("boxes");
        assertThat(list).hasSize(4);
        for (int i = 0; i < 4; i++) {
            long id = i + 1;
            JsonNode b = list.get(i);
            assertThat(b.get("annotation_id").asLong()).isEqualTo(id);
            assertThat(b.get("image_id").asLong()).isEqualTo(id <= 2 ? 1 : 2);
            assertThat(b.get("predicted").asBoolean()).isEqualTo(predicted.get(id) != null);
            assertThat(b.get("iou_pred").asDouble()).as("annotation %d", id).isEqualTo(expectedIouPred(id));
            assertThat(b.get("iou_box").asDouble()).as("annotation %d", id).isEqualTo(expectedIouBox(id));
        }
        assertThat(split.get("warnings").toString()).contains("[99]");
    }

    @Test
    void severalSplitsAreGivenInPairs() throws IOException {
        int code = run("--pred", predFile.toString(), "--truth", truthFile.toString(),
                "--pred", predFile.toString(), "--truth", truthFile.toString(), "--json");

        assertThat(code).as(err.toString()).isZero();
        assertThat(JSON.readTree(out.toString()).get("splits")).hasSize(2);
    }

    @Test
    void inputErrorsExitWithTwoAndAMessage() throws IOException {
        Path missing = dir.resolve("nothere.json");
        assertThat(run("--pred", predFile.toString(), "--truth", missing.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(missing.toString(), "not found");

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"images\": [\n  {\"id\": 1}\n  {\"id\": 2}]}");
        assertThat(run("--pred", broken.toString(), "--truth", truthFile.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(broken.toString(), "line 3");

        assertThat(run("--pred", predFile.toString(), "--truth", truthFile.toString(), "--pred",
                predFile.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("2 --pred and 1 --truth");

        Path noMasks = dir.resolve("nomasks.json");
        Files.writeString(noMasks, "{\"images\": [{\"id\": 1, \"file_name\": \"a.png\"}], \"annotations\": "
                + "[{\"id\": 1, \"image_id\": 1, \"bbox\": [0, 0, 1, 1]}]}");
        assertThat(run("--pred", predFile.toString(), "--truth", noMasks.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no annotation could be evaluated");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("--truth", truthFile.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--pred");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--truth", "--json");
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
