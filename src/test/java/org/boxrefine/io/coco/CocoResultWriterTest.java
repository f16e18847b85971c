package org.boxrefine.io.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.boxrefine.image.BinaryMask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoResultWriterTest {
    @TempDir
    Path dir;

    private static final String INPUT = """
            {"info": {"description": "test", "version": 1.50},
             "licenses": [{"id": 1, "name": "x"}],
             "images": [{"id": 1, "file_name": "a.png", "width": 4, "height": 3, "source_id": "0001"},
                        {"id": 2, "file_name": "b.png", "width": 5, "height": 2}],
             "annotations": [
               {"id": 10, "image_id": 1, "category_id": 1, "bbox": [1.0, 0, 2, 3], "area": 12.50, "iscrowd": 0,
                "mask_file": "masks/a.png", "extra": {"k": [1, 2.0, "s"], "big": 12345678901234567890}},
               {"id": 11, "image_id": 2, "category_id": 1, "bbox": [0, 0, 5, 2], "area": 10, "iscrowd": 0},
               {"id": 12, "image_id": 2, "category_id": 1, "bbox": [0, 0, 5, 0]},
               {"id": 13, "image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1], "segmentation": [[0, 0, 1, 0, 1, 1]],
                "score": 0.25}],
             "categories": [{"id": 1, "name": "person"}],
             "custom_top_level": [0.100, 1e2]}
            """;

    private CocoDataset dataset() throws IOException {
        Path in = dir.resolve("in/boxes.json");
        Files.createDirectories(in.getParent());
        Files.writeString(in, INPUT);
        return CocoDataset.read(in);
    }

    @Test
    void refinedAnnotationsGetSegmentationAndScoreAndEverythingElseIsKept() throws IOException {
        CocoDataset d = dataset();
        BinaryMask m10 = CocoRleTest.mask(4, 3, "0110", "0100", "0000");
        BinaryMask m13 = CocoRleTest.mask(4, 3, "1000", "0000", "0001");

        Path out = CocoResultWriter.write(d, Map.of(10L, CocoResultWriter.Refined.of(m10, 0.875),
                13L, CocoResultWriter.Refined.of(m13, 0.5)), dir.resolve("out"));

        assertThat(out).isEqualTo(dir.resolve("out/annotations.json"));
        JsonNode written = CocoJson.MAPPER.readTree(out.toFile());
        JsonNode input = CocoJson.MAPPER.readTree(INPUT);
        Iterator<String> names = input.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("annotations")) {
                assertThat(written.get(name)).as(name).isEqualTo(input.get(name));
            }
        }
        assertThat(fieldNames(written)).containsExactlyElementsOf(fieldNames(input));
        JsonNode anns = written.get("annotations");
        assertThat(anns).hasSize(4);
        assertThat(anns.get(1)).isEqualTo(input.get("annotations").get(1));
        assertThat(anns.get(2)).isEqualTo(input.get("annotations").get(2));

        ObjectNode a10 = (ObjectNode) anns.get(0);
        ObjectNode expected10 = ((ObjectNode) input.get("annotations").get(0)).deepCopy();
        expected10.remove("segmentation");
        ObjectNode without = a10.deepCopy();
        without.remove("segmentation");
        without.remove("score");
        assertThat(without).isEqualTo(expected10);
        assertThat(a10.get("score").doubleValue()).isEqualTo(0.875);
        assertThat(a10.get("segmentation").get("size")).containsExactly(
                CocoJson.MAPPER.getNodeFactory().numberNode(3), CocoJson.MAPPER.getNodeFactory().numberNode(4));
        String counts10 = a10.get("segmentation").get("counts").asText();
        assertThat(counts10).isEqualTo(CocoRle.encode(m10));
        assertThat(CocoRle.decode(counts10, 3, 4)).isEqualTo(m10);

        JsonNode a13 = anns.get(3);
        assertThat(a13.get("score").doubleValue()).isEqualTo(0.5);
        assertThat(CocoRle.decode(a13.get("segmentation").get("counts").asText(), 3, 4)).isEqualTo(m13);

        String text = Files.readString(out);
        assertThat(text).contains("12.50", "1.50", "2.0", "0.100", "12345678901234567890", "\"bbox\" : [ 1.0, 0, 2, 3 ]");
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void rejectsUnknownAnnotationsAndMasksOfTheWrongSize() throws IOException {
        CocoDataset d = dataset();
        BinaryMask right = new BinaryMask(4, 3);
        Path rejected = dir.resolve("rejected/annotations.json");

        assertThatThrownBy(() -> CocoResultWriter.writeFile(d, Map.of(12L, CocoResultWriter.Refined.of(right, 1)), rejected))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("annotation 12");
        assertThatThrownBy(() -> CocoResultWriter.writeFile(d, Map.of(99L, CocoResultWriter.Refined.of(right, 1)), rejected))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("annotation 99");
        assertThatThrownBy(() -> CocoResultWriter.writeFile(d, Map.of(11L, CocoResultWriter.Refined.of(right, 1)), rejected))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5x2").hasMessageContaining("found 4x3");
        assertThat(rejected.getParent()).as("nothing written").doesNotExist();
        assertThatThrownBy(() -> CocoResultWriter.Refined.of(right, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }

    @Test
    void writingNothingReproducesTheInputDocument() throws IOException {
        CocoDataset d = dataset();

        Path out = CocoResultWriter.write(d, Map.of(), dir.resolve("out2"));

        assertThat(CocoJson.MAPPER.readTree(out.toFile())).isEqualTo(CocoJson.MAPPER.readTree(INPUT));
        assertThat(d.document()).isEqualTo(CocoJson.MAPPER.readTree(INPUT));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
    @Test
    void aMaskBoxReplacesBboxAndAreaAndRefinedOnlyLeavesTheOthersOut() throws IOException {
        CocoDataset d = dataset();
        BinaryMask m10 = CocoRleTest.mask(4, 3, "0000", "0110", "0100");
        BinaryMask empty = new BinaryMask(5, 2);
        Path out = CocoResultWriter.write(d, Map.of(10L, CocoResultWriter.Refined.withMaskBox(m10, 0.5),
                11L, CocoResultWriter.Refined.withMaskBox(empty, 0)), dir.resolve("out"), true);
        JsonNode anns = CocoJson.MAPPER.readTree(out.toFile()).get("annotations");
        assertThat(anns).hasSize(2);
        assertThat(anns.get(0).get("id").asLong()).isEqualTo(10);
        assertThat(anns.get(0).get("bbox").toString()).isEqualTo("[1,1,2,2]");
        assertThat(anns.get(0).get("area").asLong()).isEqualTo(3);
        assertThat(anns.get(0).get("extra").get("k")).hasSize(3);
        assertThat(anns.get(1).get("bbox").toString()).isEqualTo("[0,0,0,0]");
        assertThat(anns.get(1).get("area").asLong()).isZero();
        JsonNode all = CocoJson.MAPPER.readTree(CocoResultWriter.write(d, Map.of(10L,
                CocoResultWriter.Refined.of(m10, 0.5)), dir.resolve("all"), false).toFile()).get("annotations");
        assertThat(all).hasSize(4);
        assertThat(all.get(0).get("bbox").toString()).as("kept as read").isEqualTo("[1.0,0,2,3]");
    }

    @Test
    void streamingFromPerImagePartsWritesTheSameBytesAsTheMasksHeldInMemory() throws IOException {
        CocoDataset d = dataset();
        BinaryMask m10 = CocoRleTest.mask(4, 3, "0110", "0100", "0000");
        BinaryMask m13 = CocoRleTest.mask(4, 3, "1000", "0000", "0001");
        BinaryMask m11 = CocoRleTest.mask(5, 2, "01110", "00100");
        Map<Long, CocoResultWriter.Refined> image1 = new java.util.LinkedHashMap<>();
        image1.put(10L, CocoResultWriter.Refined.of(m10, 0.1 + 0.2));
        image1.put(13L, CocoResultWriter.Refined.withMaskBox(m13, 0.5));
        Map<Long, CocoResultWriter.Refined> image2 = Map.of(11L, CocoResultWriter.Refined.withMaskBox(m11, 1.0 / 3));
        CocoResultParts parts = new CocoResultParts(dir.resolve("parts"));
        parts.write(1, image1);
        parts.write(2, image2);
        assertThat(parts.done()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(parts.read(1)).isEqualTo(image1);
        assertThat(parts.read(2)).isEqualTo(image2);
        assertThat(parts.read(3)).isEmpty();

        CocoResultWriter.Written w = CocoResultWriter.write(d, parts::read, dir.resolve("streamed"), false);
        Map<Long, CocoResultWriter.Refined> all = new java.util.HashMap<>(image1);
        all.putAll(image2);
        Path whole = dir.resolve("whole.json");
        CocoResultWriter.writeFile(d, all, whole);
        assertThat(w.refined()).isEqualTo(3);
        assertThat(Files.readString(w.file())).isEqualTo(Files.readString(whole));

        CocoResultWriter.Written only = CocoResultWriter.write(d, id -> id == 2 ? image2 : Map.of(),
                dir.resolve("only"), true);
        JsonNode kept = CocoJson.MAPPER.readTree(only.file().toFile()).get("annotations");
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).get("id").asLong()).isEqualTo(11);
        assertThat(kept.get(0).get("bbox").toString()).isEqualTo("[1,0,3,2]");
    }

    @Test
    void severalTargetsAreWrittenInOnePassEachWithItsOwnEdit() throws IOException {
        CocoDataset d = dataset();
        Map<Long, CocoResultWriter.Refined> image1 = Map.of(
                10L, CocoResultWriter.Refined.of(CocoRleTest.mask(4, 3, "0110", "0100", "0000"), 0.25),
                13L, CocoResultWriter.Refined.withMaskBox(CocoRleTest.mask(4, 3, "1000", "0000", "0001"), 0.5));
        Map<Long, CocoResultWriter.Refined> image2 = Map.of(
                11L, CocoResultWriter.Refined.of(CocoRleTest.mask(5, 2, "01110", "00100"), 0.75));
        List<Long> asked = new ArrayList<>();
        CocoResultWriter.ImageMasks masks = id -> {
            asked.add(id);
            return id == 1 ? image1 : image2;
        };
        CocoResultWriter.AnnotationEdit mark = (id, a) -> a.put("mark", id * 2);
        Path plain = dir.resolve("multi/plain.json");
        Path marked = dir.resolve("multi/marked.json");

        List<CocoResultWriter.Written> written = CocoResultWriter.stream(d, masks, false, List.of(
                new CocoResultWriter.Target(plain, CocoResultWriter.AnnotationEdit.NONE),
                new CocoResultWriter.Target(marked, mark)));

        assertThat(asked).as("images 1, 2, 1 in annotation order, once for both files").containsExactly(1L, 2L, 1L);
        assertThat(written).extracting(CocoResultWriter.Written::file).containsExactly(plain, marked);
        assertThat(written).extracting(CocoResultWriter.Written::refined).containsExactly(3, 3);
        Path plainAlone = CocoResultWriter.stream(d, masks, dir.resolve("plain.json"), false,
                CocoResultWriter.AnnotationEdit.NONE).file();
        Path markedAlone = CocoResultWriter.stream(d, masks, dir.resolve("marked.json"), false, mark).file();
        assertThat(Files.readString(plain)).isEqualTo(Files.readString(plainAlone));
        assertThat(Files.readString(marked)).isEqualTo(Files.readString(markedAlone));
        JsonNode anns = CocoJson.MAPPER.readTree(marked.toFile()).get("annotations");
        assertThat(anns.get(0).get("mark").asLong()).isEqualTo(20);
        assertThat(anns.get(2).has("mark")).as("not refined").isFalse();
        assertThat(CocoJson.MAPPER.readTree(plain.toFile()).get("annotations").get(0).has("mark")).isFalse();
    }
}
