package org.boxrefine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.boxrefine.io.coco.SceneSetWriter;
import org.boxrefine.synth.SceneConfig;
import org.boxrefine.synth.SceneSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    @Test
    void benchPrintsThroughputsRatioAndStagesOnTheLimitedImages(@TempDir Path dir) throws Exception {
        SceneSetWriter.Written w = SceneSetWriter.write(SceneSet.generate(SceneConfig.defaults(), 4, 5), dir.resolve("data"));
        Path out = dir.resolve("out");
        RefineCommandTest.Run r = RefineCommandTest.run("bench", "--annotations", w.looseJson().toString(), "--limit", "2",
                "--out", out.toString(), "--quiet", "--patches-per-image", "64", "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("bench: 2 images").contains("training throughput").contains("dense prediction")
                .contains("refine per image").contains("GrabCut per image").containsPattern("ratio refine / GrabCut +\\d+\\.\\d\\d")
                .contains("GrabCut snapping").contains("load/decode");
        try (var masks = Files.list(out.resolve("masks"))) {
            assertThat(masks.count()).as("masks of the first two images only").isBetween(2L, 4L);
        }
    }

    @Test
    void predictWorkersGiveTheSameOutputAsOne(@TempDir Path dir) throws Exception {
        SceneSetWriter.Written w = SceneSetWriter.write(SceneSet.generate(SceneConfig.defaults(), 5, 9), dir.resolve("data"));
        Files.write(dir.resolve("data/images/scene_003.png"), new byte[] {1, 2, 3});
        String[] common = {"--annotations", w.looseJson().toString(), "--quiet", "--no-overlays",
            "--patches-per-image", "64", "--threads", "2"};
        RefineCommandTest.Run one = RefineCommandTest.run(concat(new String[] {"refine", "--out", dir.resolve("one").toString()}, common));
        RefineCommandTest.Run two = RefineCommandTest.run(concat(new String[] {"refine", "--out", dir.resolve("two").toString(),
            "--predict-workers", "2"}, common));
        assertThat(one.code()).as(one.err()).isEqualTo(RefineCommand.EXIT_SKIPPED);
        assertThat(two.code()).as(two.err()).isEqualTo(RefineCommand.EXIT_SKIPPED);
        assertThat(two.err()).contains("scene_003.png");
        JsonNode a = new ObjectMapper().readTree(dir.resolve("one/annotations.json").toFile()).get("annotations");
        JsonNode b = new ObjectMapper().readTree(dir.resolve("two/annotations.json").toFile()).get("annotations");
        assertThat(b.size()).isEqualTo(a.size());
        int masks = 0;
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).get("id")).isEqualTo(a.get(i).get("id"));
            assertThat(b.get(i).get("segmentation")).as("annotation %s", a.get(i).get("id")).isEqualTo(a.get(i).get("segmentation"));
            if (a.get(i).has("score")) {
                masks++;
                // PyTorch runs on fewer threads per worker, so sums are ordered differently: scores agree closely
                assertThat(b.get(i).get("score").asDouble()).isCloseTo(a.get(i).get("score").asDouble(), within(1e-4));
            }
        }
        assertThat(masks).isPositive();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
