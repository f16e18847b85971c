package org.boxrefine.io.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.BinaryMask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoResultsTest {
    @TempDir
    Path dir;

    @Test
    void rowsNameTheImageAndCategoryAndTellRefinedFromPlainBoxes() throws IOException {
        BinaryMask mask = CocoRleTest.mask(4, 3, "0110", "0100", "0000");
        Path file = dir.resolve("annotations.json");
        Files.writeString(file, """
                {"images": [{"id": 1, "file_name": "pics/a.png", "width": 4, "height": 3},
                            {"id": 1, "file_name": "pics/duplicate.png", "width": 4, "height": 3},
                            {"id": 2, "width": 4, "height": 3}],
                 "annotations": [
                   {"id": 10, "image_id": 1, "category_id": 5, "bbox": [1, 0, 2, 2], "score": 0.75,
                    "segmentation": {"size": [3, 4], "counts": %s}},
                   {"id": 11, "image_id": 2, "category_id": 6, "bbox": [0, 0, 1, 1]},
                   {"id": 12, "image_id": 1, "category_id": 9, "bbox": "no",
                    "segmentation": {"size": [3, 4], "counts": %1$s}},
                   {"id": 13, "image_id": 4, "category_id": 5, "bbox": [0, 0, 1, 1]}],
                 "categories": [{"id": 5, "name": "cat"}, {"id": 6, "name": "dog"}, {"id": 5, "name": "again"}]}
                """.formatted(CocoJson.MAPPER.writeValueAsString(CocoRle.encode(mask))));

        CocoResults results = CocoResults.read(file);

        assertThat(results.file()).isEqualTo(file);
        assertThat(results.rows()).containsExactly(
                new CocoResults.Row(10, 1, "pics/a.png", "cat", new BoxPx(1, 0, 3, 2), 0.75, true),
                new CocoResults.Row(11, 2, "image 2", "dog", new BoxPx(0, 0, 1, 1), Double.NaN, false),
                new CocoResults.Row(12, 1, "pics/a.png", null, null, Double.NaN, true));
        assertThat(results.rows()).extracting(CocoResults.Row::refined).containsExactly(true, false, false);
        assertThat(results.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).startsWith(file.toString()));
        assertThat(results.warnings().get(0)).contains("annotation 12", "bbox");
        assertThat(results.warnings().get(1)).contains("annotation 13", "unknown image_id");
        assertThat(results.mask(10)).isEqualTo(mask);
        assertThatThrownBy(() -> results.mask(11)).isInstanceOf(IOException.class)
                .hasMessageContaining("annotation 11").hasMessageContaining("no mask");
    }

    @Test
    void aMissingOrNonCocoFileIsNamed() throws IOException {
        Path missing = dir.resolve("none.json");
        assertThatThrownBy(() -> CocoResults.read(missing)).isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("not found");
        Path notCoco = dir.resolve("list.json");
        Files.writeString(notCoco, "{\"images\": {}}");
        assertThatThrownBy(() -> CocoResults.read(notCoco)).isInstanceOf(IOException.class)
                .hasMessageContaining(notCoco.toString()).hasMessageContaining("not a COCO file");
        Path malformed = dir.resolve("bad.json");
        Files.writeString(malformed, "{\"images\": [");
        assertThatThrownBy(() -> CocoResults.read(malformed)).isInstanceOf(IOException.class)
                .hasMessageContaining(malformed.toString()).hasMessageContaining("malformed JSON");
    }
}
