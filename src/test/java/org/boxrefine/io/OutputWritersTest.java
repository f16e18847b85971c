package org.boxrefine.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.boxrefine.contour.Parts;
import org.boxrefine.contour.PolygonConfig;
import org.boxrefine.contour.PolygonRaster;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.CroppedMask;
import org.boxrefine.image.RgbImage;
import org.boxrefine.io.coco.CocoDataset;
import org.boxrefine.io.coco.CocoRle;
import org.boxrefine.io.image.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputWritersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A YOLO segmentation line: an integer class, then at least 3 points of normalised coordinates. */
    private static final Pattern YOLO_SEG = Pattern.compile("^(0|[1-9][0-9]*)( (0\\.[0-9]{6}|1\\.000000) (0\\.[0-9]{6}|1\\.000000)){3,}$");

    /** A ring (disc with a round hole) and a separate square: two parts and a hole. */
    static BinaryMask ringAndSquare(int w, int h) {
        BinaryMask m = new BinaryMask(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x + 0.5 - w * 0.35;
                double dy = y + 0.5 - h * 0.5;
                double r2 = dx * dx + dy * dy;
                boolean ring = r2 <= Math.pow(h * 0.4, 2) && r2 > Math.pow(h * 0.15, 2);
                boolean square = x >= w * 0.8 && x < w * 0.95 && y >= 2 && y < 6;
                m.set(x, y, ring || square);
            }
        }
        return m;
    }

    static CocoDataset dataset(Path dir) throws Exception {
        ImageFiles.writePng(new RgbImage(40, 24, new byte[3 * 40 * 24]), dir.resolve("images/wide.png"));
        ImageFiles.writePng(new RgbImage(16, 16, new byte[3 * 16 * 16]), dir.resolve("images/small.png"));
        Files.writeString(dir.resolve("boxes.json"), """
                {"images": [{"id": 7, "file_name": "images/wide.png", "width": 40, "height": 24},
                            {"id": 8, "file_name": "images/small.png", "width": 16, "height": 16}],
                 "annotations": [
                   {"id": 11, "image_id": 7, "category_id": 3, "bbox": [0, 0, 40, 24], "area": 960, "iscrowd": 0, "note": "kept"},
                   {"id": 12, "image_id": 7, "category_id": 5, "bbox": [30, 1, 8, 6], "area": 48, "iscrowd": 0},
                   {"id": 13, "image_id": 8, "category_id": 3, "bbox": [2, 3, 10, 9], "area": 90, "iscrowd": 0}],
                 "categories": [{"id": 3, "name": "cat"}, {"id": 5, "name": "dog"}]}
                """);
        return DatasetReaders.selectClasses(DatasetReaders.read(dir.resolve("boxes.json"), null, null), List.of("cat"));
    }

    @Test
    void everyFormatKeepsIdsClassesAndBoxesAndGivesBackTheMasks(@TempDir Path dir) throws Exception {
        CocoDataset d = dataset(dir);
        Path out = dir.resolve("out");
        OutputConfig cfg = new OutputConfig(EnumSet.allOf(OutputFormat.class), true, new PolygonConfig(0, 0, Parts.HOLES));
        OutputWriters w = new OutputWriters(d, out, cfg, false);
        BinaryMask wideMask = ringAndSquare(40, 24);
        BinaryMask smallLocal = new BinaryMask(10, 9);
        for (int y = 2; y < 7; y++) {
            for (int x = 1; x < 8; x++) {
                smallLocal.set(x, y, true);
            }
        }
        PixelRect smallRect = new PixelRect(2, 3, 12, 12);
        BinaryMask smallMask = new CroppedMask(smallRect, smallLocal).toFull(16, 16);
        ImageRecord wide = d.images().get(0);
        ImageRecord small = d.images().get(1);
        assertThat(wide.tags()).extracting(Tag::annotationId).containsExactly(11L);
        w.image(wide, 40, 24, List.of(new InstanceMask(11, new CroppedMask(new PixelRect(0, 0, 40, 24), wideMask), 0.75)));
        w.image(small, 16, 16, List.of(new InstanceMask(13, new CroppedMask(smallRect, smallLocal), 0.5)));
        Path main = w.finish();

        // COCO RLE: every field kept, the mask exact, the box tightened with the input box kept
        JsonNode coco = JSON.readTree(main.toFile());
        JsonNode a11 = coco.get("annotations").get(0);
        assertThat(a11.get("note").asText()).isEqualTo("kept");
        assertThat(a11.get("category_id").asLong()).isEqualTo(3);
        assertThat(CocoRle.decode(a11.get("segmentation").get("counts").asText(), 24, 40)).isEqualTo(wideMask);
        PixelRect b = wideMask.bounds();
        assertThat(a11.get("bbox").toString()).isEqualTo("[" + b.x0Px() + "," + b.y0Px() + "," + b.widthPx() + ","
                + b.heightPx() + "]");
        assertThat(a11.get("input_bbox").toString()).isEqualTo("[0,0,40,24]");
        JsonNode a12 = coco.get("annotations").get(1);
        assertThat(a12.has("segmentation")).as("dog was not refined").isFalse();
        assertThat(a12.get("bbox").toString()).isEqualTo("[30,1,8,6]");
        assertThat(coco.get("annotations").get(2).get("bbox").toString()).isEqualTo("[3,5,7,5]");

        // COCO polygons: holes carried by the cut, parts as separate polygons, exact at tolerance 0
        JsonNode poly = JSON.readTree(out.resolve(OutputWriters.POLYGON_FILE).toFile());
        JsonNode seg = poly.get("annotations").get(0).get("segmentation");
        assertThat(seg).hasSize(2);
        assertThat(PolygonRaster.fill(polygons(seg), 40, 24)).isEqualTo(wideMask);
        assertThat(poly.get("annotations").get(0).get("polygon_iou").asDouble()).isEqualTo(1.0);
        assertThat(poly.get("annotations").get(1).has("segmentation")).isFalse();

        // YOLO: strict line syntax, class index by category order, coordinates normalised by the non-square size
        List<String> lines = Files.readAllLines(out.resolve("yolo/labels/wide.txt"));
        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).matches(YOLO_SEG));
        List<double[]> pixels = new ArrayList<>();
        for (String l : lines) {
            String[] v = l.split(" ");
            assertThat(v[0]).isEqualTo("0");
            double[] p = new double[v.length - 1];
            for (int k = 1; k < v.length; k++) {
                p[k - 1] = Double.parseDouble(v[k]) * ((k - 1) % 2 == 0 ? 40 : 24);
            }
            pixels.add(p);
        }
        assertThat(PolygonRaster.fill(pixels, 40, 24)).isEqualTo(wideMask);
        JsonNode yaml = new YAMLMapper().readTree(out.resolve("yolo/data.yaml").toFile());
        assertThat(yaml.get("nc").asInt()).isEqualTo(2);
        assertThat(yaml.get("names").toString()).isEqualTo("[\"cat\",\"dog\"]");
        assertThat(Files.readAllLines(out.resolve("yolo/labels/small.txt"))).hasSize(1);

        // LabelMe: valid against a strict schema, re-read by the reader with the same boxes and classes
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/labelme.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        for (String n : List.of("wide", "small")) {
            JsonNode doc = JSON.readTree(out.resolve("labelme/" + n + ".json").toFile());
            assertThat(schema.validate(doc)).as(n).isEmpty();
            assertThat(doc.get("imageData").isNull()).isTrue();
            assertThat(out.resolve("labelme").resolve(doc.get("imagePath").asText()).normalize())
                    .isEqualTo(dir.resolve("images/" + n + ".png").normalize());
        }
        JsonNode lm = JSON.readTree(out.resolve("labelme/wide.json").toFile());
        assertThat(lm.get("imageWidth").asInt()).isEqualTo(40);
        List<double[]> lmPolys = new ArrayList<>();
        for (JsonNode s : lm.get("shapes")) {
            if (s.get("shape_type").asText().equals("polygon")) {
                assertThat(s.get("label").asText()).isEqualTo("cat");
                assertThat(s.get("group_id").asLong()).isEqualTo(11);
                double[] p = new double[2 * s.get("points").size()];
                for (int k = 0; k < s.get("points").size(); k++) {
                    p[2 * k] = s.get("points").get(k).get(0).asDouble();
                    p[2 * k + 1] = s.get("points").get(k).get(1).asDouble();
                }
                lmPolys.add(p);
            }
        }
        assertThat(PolygonRaster.fill(lmPolys, 40, 24)).isEqualTo(wideMask);
        CocoDataset reread = DatasetReaders.read(out.resolve("labelme"), null, null);
        assertThat(reread.warnings()).allSatisfy(x -> assertThat(x).contains("only rectangle shapes"));
        List<Tag> boxes = reread.images().get(1).tags();
        assertThat(boxes).extracting(t -> t.box()).containsExactly(new BoxPx(b.x0Px(), b.y0Px(), b.x1Px(), b.y1Px()),
                new BoxPx(30, 1, 38, 7));
        assertThat(reread.categories()).extracting(c -> c.name()).containsExactlyInAnyOrder("cat", "dog");

        // PNG: one mask per box, instance values 1..n in annotation order, and their mapping
        assertThat(ImageFiles.readMask(out.resolve("masks/11.png"))).isEqualTo(wideMask);
        assertThat(ImageFiles.readMask(out.resolve("masks/13.png"))).isEqualTo(smallMask);
        assertThat(Files.exists(out.resolve("masks/12.png"))).isFalse();
        int[] inst = ImageFiles.readGrey(out.resolve("instances/wide.png"));
        for (int i = 0; i < inst.length; i++) {
            assertThat(inst[i]).isEqualTo(wideMask.data()[i]);
        }
        assertThat(Files.readAllLines(out.resolve(OutputWriters.INSTANCES_CSV))).containsExactly(
                "image_file,instance_png,value,annotation_id,category_id,category_name",
                "images/wide.png,instances/wide.png,1,11,3,cat", "images/small.png,instances/small.png,1,13,3,cat");

        JsonNode stats = JSON.readTree(out.resolve(OutputWriters.STATS_FILE).toFile());
        assertThat(stats.get("masks").asInt()).isEqualTo(2);
        assertThat(stats.get("worst_iou").asDouble()).isEqualTo(1.0);
    }

    @Test
    void simplifiedPolygonsReportTheirLossAndHolesOnlyWhereAsked(@TempDir Path dir) throws Exception {
        CocoDataset d = dataset(dir);
        BinaryMask wideMask = ringAndSquare(40, 24);
        Path out = dir.resolve("out");
        OutputConfig cfg = new OutputConfig(Set.of(OutputFormat.COCO_POLYGON, OutputFormat.YOLO), false,
                new PolygonConfig(0, 6, Parts.LARGEST));
        OutputWriters w = new OutputWriters(d, out, cfg, false);
        w.image(d.images().get(0), 40, 24, List.of(new InstanceMask(11, new CroppedMask(new PixelRect(0, 0, 40, 24), wideMask), 0.75)));
        w.finish();
        JsonNode seg = JSON.readTree(out.resolve(OutputWriters.POLYGON_FILE).toFile()).get("annotations").get(0)
                .get("segmentation");
        assertThat(seg).hasSize(1);
        assertThat(seg.get(0).size()).isLessThanOrEqualTo(12);
        double iou = PolygonRaster.fill(polygons(seg), 40, 24).iou(wideMask);
        JsonNode stats = JSON.readTree(out.resolve(OutputWriters.STATS_FILE).toFile());
        assertThat(stats.get("mean_iou").asDouble()).isEqualTo(iou).isLessThan(0.95);
        assertThat(stats.get("worst_annotation_id").asLong()).isEqualTo(11);
        assertThat(w.summary()).singleElement().asString().contains("largest").contains("at most 6 vertices")
                .contains(String.format(java.util.Locale.ROOT, "mean %.4f", iou));
        assertThat(Files.exists(out.resolve("masks"))).isFalse();
        assertThat(Files.exists(out.resolve("labelme"))).isFalse();
    }

    private static List<double[]> polygons(JsonNode seg) {
        List<double[]> out = new ArrayList<>();
        for (JsonNode p : seg) {
            double[] xy = new double[p.size()];
            for (int k = 0; k < xy.length; k++) {
                xy[k] = p.get(k).asDouble();
            }
            out.add(xy);
        }
        return out;
    }
}
