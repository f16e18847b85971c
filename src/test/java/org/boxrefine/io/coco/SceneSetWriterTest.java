package org.boxrefine.io.coco;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.RgbImage;
import org.boxrefine.io.image.ImageFiles;
import org.boxrefine.synth.Scene;
import org.boxrefine.synth.SceneConfig;
import org.boxrefine.synth.SceneObject;
import org.boxrefine.synth.SceneSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneSetWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void writesTheRealDataLayoutAndReadsBack() throws IOException {
        SceneSet set = SceneSet.generate(SceneConfig.defaults(), 3, 21);
        SceneSetWriter.Written written = SceneSetWriter.write(set, dir);

        assertThat(written.tightJson()).isEqualTo(dir.resolve("boxes.json")).isRegularFile();
        assertThat(written.looseJson()).isEqualTo(dir.resolve("boxes_loose.json")).isRegularFile();
        assertThat(written.imageCount()).isEqualTo(3);
        assertThat(written.annotationCount()).isEqualTo(set.objectCount());
        assertThat(dir.resolve("images/scene_000.png")).isRegularFile();
        assertThat(dir.resolve("masks/scene_000_1.png")).isRegularFile();

        JsonNode tight = MAPPER.readTree(written.tightJson().toFile());
        JsonNode loose = MAPPER.readTree(written.looseJson().toFile());
        for (JsonNode root : List.of(tight, loose)) {
            assertThat(root.get("categories")).hasSize(1);
            assertThat(root.get("categories").get(0).get("id").asInt()).isEqualTo(1);
            assertThat(root.get("categories").get(0).get("name").asText()).isEqualTo("object");
            assertThat(root.get("images")).hasSize(3);
            assertThat(root.get("annotations")).hasSize(set.objectCount());
        }

        for (int i = 0; i < 3; i++) {
            Scene scene = set.scenes().get(i);
            JsonNode image = tight.get("images").get(i);
            assertThat(image.get("id").asLong()).isEqualTo(i + 1);
            assertThat(image.get("file_name").asText()).isEqualTo("images/" + SceneSet.sceneName(i) + ".png");
            assertThat(image.get("width").asInt()).isEqualTo(scene.widthPx());
            assertThat(image.get("height").asInt()).isEqualTo(scene.heightPx());
            RgbImage pixels = ImageFiles.readRgb(dir.resolve(image.get("file_name").asText()));
            assertThat(pixels.data()).isEqualTo(scene.image().data());
        }

        List<SceneObject> objects = new ArrayList<>();
        List<Long> imageIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (SceneObject o : set.scenes().get(i).objects()) {
                objects.add(o);
                imageIds.add(i + 1L);
            }
        }
        for (int a = 0; a < objects.size(); a++) {
            SceneObject o = objects.get(a);
            JsonNode t = tight.get("annotations").get(a);
            JsonNode l = loose.get("annotations").get(a);
            for (JsonNode ann : List.of(t, l)) {
                assertThat(ann.get("id").asLong()).isEqualTo(a + 1);
                assertThat(ann.get("image_id").asLong()).isEqualTo(imageIds.get(a));
                assertThat(ann.get("category_id").asInt()).isEqualTo(1);
                assertThat(ann.get("iscrowd").asInt()).isZero();
                assertThat(ann.get("area").asLong()).isEqualTo(o.mask().count());
                assertThat(ann.get("mask_file").asText()).matches("masks/scene_\\d{3}_\\d+\\.png");
                BinaryMask fromFile = ImageFiles.readMask(dir.resolve(ann.get("mask_file").asText()));
                assertThat(fromFile).isEqualTo(o.mask());
            }
            assertThat(box(t.get("bbox"))).isEqualTo(o.tightBox());
            assertThat(box(l.get("bbox"))).isEqualTo(o.looseBox());
            assertThat(box(l.get("tight_bbox"))).isEqualTo(o.tightBox());
            assertThat(t.get("bbox").get(0).isIntegralNumber()).isTrue();
            assertThat(l.get("pad_frac_ltrb")).hasSize(4);
        }
    }

    @Test
    void rewritingTheSameFolderReplacesTheFiles() throws IOException {
        SceneSetWriter.write(SceneSet.generate(SceneConfig.defaults(), 2, 1), dir);
        SceneSet second = SceneSet.generate(SceneConfig.defaults(), 2, 2);
        SceneSetWriter.Written written = SceneSetWriter.write(second, dir);
        JsonNode tight = MAPPER.readTree(written.tightJson().toFile());
        assertThat(tight.get("annotations")).hasSize(second.objectCount());
        assertThat(tight.get("info").get("seed").asLong()).isEqualTo(2);
        assertThat(ImageFiles.readMask(dir.resolve("masks/scene_000_1.png")))
                .isEqualTo(second.scenes().get(0).objects().get(0).mask());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("images", "masks", "boxes.json", "boxes_loose.json");
        }
    }

    private static BoxPx box(JsonNode xywh) {
        return BoxPx.fromXywh(xywh.get(0).asDouble(), xywh.get(1).asDouble(), xywh.get(2).asDouble(),
                xywh.get(3).asDouble());
    }
}
