package org.boxrefine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.Tag;
import org.boxrefine.io.BoxFiles;
import org.boxrefine.io.DatasetReaders;
import org.boxrefine.io.OutputWriters;
import org.boxrefine.io.coco.CocoDataset;
import org.boxrefine.io.coco.SceneSetWriter;
import org.boxrefine.io.image.ImageFiles;
import org.boxrefine.synth.SceneConfig;
import org.boxrefine.synth.SceneSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code refine} from each input format to every output format, on tiny synthetic scenes with tiny training. */
class FormatsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path cocoJson;
    static CocoDataset coco;

    @BeforeAll
    static void scenes() throws Exception {
        cocoJson = SceneSetWriter.write(SceneSet.generate(SceneConfig.defaults(), 3, 21), dir.resolve("coco")).looseJson();
        coco = CocoDataset.read(cocoJson);
        BoxFiles.writeVoc(coco, dir.resolve("voc"));
        BoxFiles.writeYolo(coco, dir.resolve("yolo"));
        BoxFiles.writeLabelme(coco, dir.resolve("labelme"));
    }

    /** Refines from {@code input}; checks every output is written and re-readable; returns masks by annotation id. */
    static Map<Long, String> refine(Path input, String name) throws Exception {
        Path out = dir.resolve("out-" + name);
        RefineCommandTest.Run r = RefineCommandTest.run("refine", "--annotations", input.toString(), "--out",
                out.toString(), "--quiet", "--patches-per-image", "64", "--threads", "1", "--no-overlays",
                "--output-format", "coco,coco-polygon,yolo,labelme,png", "--tighten-boxes");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("IoU of polygon with mask: mean");

        CocoDataset in = DatasetReaders.read(input, null, null);
        assertThat(in.images()).hasSize(3);
        JsonNode res = JSON.readTree(out.resolve("annotations.json").toFile());
        JsonNode poly = JSON.readTree(out.resolve(OutputWriters.POLYGON_FILE).toFile());
        assertThat(CocoDataset.read(out.resolve("annotations.json"), in.imageFolder()).images())
                .as("annotations.json re-reads with the same images and ids")
                .extracting(ImageRecord::fileName).containsExactlyElementsOf(
                        in.images().stream().map(ImageRecord::fileName).toList());
        Map<Long, String> masks = new LinkedHashMap<>();
        int k = 0;
        for (ImageRecord img : in.images()) {
            for (Tag t : img.tags()) {
                JsonNode a = res.get("annotations").get(k);
                JsonNode p = poly.get("annotations").get(k++);
                assertThat(a.get("id").asLong()).isEqualTo(t.annotationId());
                assertThat(a.get("category_id").asLong()).isEqualTo(t.categoryId());
                assertThat(a.has("input_bbox")).isTrue();
                assertThat(p.get("segmentation").isArray()).isTrue();
                masks.put(t.annotationId(), a.get("segmentation").get("counts").asText());
                assertThat(Files.exists(out.resolve("masks/" + t.annotationId() + ".png"))).isTrue();
            }
            String stem = Path.of(img.fileName()).getFileName().toString().replaceFirst("\\.[^.]+$", "");
            List<String> lines = Files.readAllLines(out.resolve("yolo/labels/" + stem + ".txt"));
            assertThat(lines).hasSizeGreaterThanOrEqualTo(img.tags().size());
            assertThat(ImageFiles.readGrey(out.resolve("instances/" + stem + ".png"))).contains(img.tags().size());
            assertThat(Files.exists(out.resolve("labelme/" + stem + ".json"))).isTrue();
        }
        assertThat(Files.exists(out.resolve("yolo/data.yaml"))).isTrue();
        CocoDataset labelme = DatasetReaders.read(out.resolve("labelme"), null, null);
        List<Long> counts = new ArrayList<>();
        labelme.images().forEach(i -> counts.add((long) i.tags().size()));
        assertThat(counts).as("one box per annotation, re-read from the LabelMe output")
                .containsExactlyElementsOf(in.images().stream().map(i -> (long) i.tags().size()).toList());
        JsonNode stats = JSON.readTree(out.resolve(OutputWriters.STATS_FILE).toFile());
        assertThat(stats.get("mean_iou").asDouble()).isGreaterThan(0.8);
        return masks;
    }

    @Test
    void everyInputFormatGivesEveryOutputFormatAndTheSameMasks() throws Exception {
        Map<Long, String> fromCoco = refine(cocoJson, "coco");
        assertThat(refine(dir.resolve("voc"), "voc")).isEqualTo(fromCoco);
        assertThat(refine(dir.resolve("yolo"), "yolo")).isEqualTo(fromCoco);
        assertThat(refine(dir.resolve("labelme"), "labelme")).isEqualTo(fromCoco);
    }
}
