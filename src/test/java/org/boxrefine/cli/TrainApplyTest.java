package org.boxrefine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.boxrefine.io.coco.SceneSetWriter;
import org.boxrefine.io.model.ModelFile;
import org.boxrefine.model.ModelInfo;
import org.boxrefine.synth.SceneConfig;
import org.boxrefine.synth.SceneSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainApplyTest {
    private static final String[] TINY = {"--quiet", "--threads", "1", "--no-overlays"};

    private static RefineCommandTest.Run run(List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(TINY));
        return RefineCommandTest.run(all.toArray(String[]::new));
    }

    @Test
    void trainThenApplyGivesRefinesMasksAndApplyOverridesOnlyWhatIsGiven(@TempDir Path dir) throws Exception {
        SceneSetWriter.Written w = SceneSetWriter.write(SceneSet.generate(SceneConfig.defaults(), 4, 21),
                dir.resolve("data"));
        String boxes = w.looseJson().toString();
        RefineCommandTest.Run refined = run(List.of("refine", "--annotations", boxes, "--out",
                dir.resolve("refined").toString(), "--patches-per-image", "64"));
        assertThat(refined.code()).as(refined.err()).isZero();

        RefineCommandTest.Run trained = RefineCommandTest.run("train", "--annotations", boxes, "--out",
                dir.resolve("model").toString(), "--patches-per-image", "64", "--threads", "1", "--quiet");
        assertThat(trained.code()).as(trained.err()).isZero();
        Path model = dir.resolve("model").resolve(ApplyLoop.MODEL_FILE);
        assertThat(trained.out()).contains("trained on").contains(model.toString());
        ModelInfo info = ModelFile.readInfo(model);
        assertThat(info.datasetSha256()).isEqualTo(sha256(w.looseJson()));
        assertThat(info.dataset()).isEqualTo(boxes);
        assertThat(info.engine()).startsWith("PyTorch ");
        assertThat(info.djl()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(info.software()).startsWith("boxrefine ");
        assertThat(info.settings()).containsEntry("patchesPerImage", 64).containsEntry("snapStart", "RECTANGLE")
                .containsEntry("snap", true).containsEntry("threshold", 0.5);

        RefineCommandTest.Run applied = run(List.of("apply", "--model", model.toString(), "--annotations", boxes,
                "--out", dir.resolve("applied").toString()));
        assertThat(applied.code()).as(applied.err()).isZero();
        assertThat(applied.err()).doesNotContain("except");
        assertSameOutput(dir.resolve("refined"), dir.resolve("applied"));

        RefineCommandTest.Run yolo = run(List.of("apply", "--model", model.toString(), "--annotations", boxes,
                "--format", "coco", "--classes", "1", "--output-format", "coco,yolo", "--out",
                dir.resolve("yolo").toString()));
        assertThat(yolo.code()).as(yolo.err()).isZero();
        assertThat(yolo.out()).contains("polygons (outer");
        assertThat(Files.readString(dir.resolve("yolo/annotations.json")))
                .isEqualTo(Files.readString(dir.resolve("applied/annotations.json")));
        assertThat(list(dir.resolve("yolo/yolo/labels"))).hasSize(4);
        assertThat(dir.resolve("yolo/masks")).as("png not asked for").doesNotExist();
        assertThat(dir.resolve("yolo/report.html")).isRegularFile();

        RefineCommandTest.Run plain = run(List.of("refine", "--annotations", boxes, "--out",
                dir.resolve("plain").toString(), "--patches-per-image", "64", "--no-snap", "--threshold", "0.6"));
        assertThat(plain.code()).as(plain.err()).isZero();
        RefineCommandTest.Run overridden = run(List.of("apply", "--model", model.toString(), "--annotations", boxes,
                "--out", dir.resolve("overridden").toString(), "--no-snap", "--threshold", "0.6"));
        assertThat(overridden.code()).as(overridden.err()).isZero();
        assertThat(overridden.err()).contains("the model's settings, except --threshold 0.6, --no-snap");
        assertSameOutput(dir.resolve("plain"), dir.resolve("overridden"));
        assertThat(annotations(dir.resolve("overridden"))).as("the overrides changed the masks")
                .isNotEqualTo(annotations(dir.resolve("applied")));

        RefineCommandTest.Run shapeless = run(List.of("apply", "--model", model.toString(), "--annotations", boxes,
                "--out", dir.resolve("shapeless").toString(), "--snap-shape-weight", "0"));
        assertThat(shapeless.code()).as(shapeless.err()).isZero();
        assertThat(annotations(dir.resolve("shapeless"))).as("the model's shape priors shape the masks")
                .isNotEqualTo(annotations(dir.resolve("applied")));
        RefineCommandTest.Run boxLabels = RefineCommandTest.run("train", "--annotations", boxes, "--out",
                dir.resolve("box-labels").toString(), "--patches-per-image", "64", "--threads", "1", "--quiet",
                "--initial-labels", "boxes");
        assertThat(boxLabels.code()).as(boxLabels.err()).isZero();
        RefineCommandTest.Run noPriors = run(List.of("apply", "--model",
                dir.resolve("box-labels").resolve(ApplyLoop.MODEL_FILE).toString(), "--annotations", boxes, "--out",
                dir.resolve("no-priors").toString(), "--snap-shape-weight", "1"));
        assertThat(noPriors.code()).as(noPriors.err()).isZero();
        assertThat(noPriors.err()).contains("holds no shape priors");

        RefineCommandTest.Run again = RefineCommandTest.run("train", "--annotations", boxes, "--out",
                dir.resolve("model").toString(), "--quiet");
        assertThat(again.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(again.err()).contains(model.toString()).contains("--overwrite");
        RefineCommandTest.Run boxFree = run(List.of("apply", "--model", model.toString(), "--no-boxes", "--images",
                w.looseJson().getParent().resolve("images").toString(), "--out", dir.resolve("bf").toString()));
        assertThat(boxFree.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(boxFree.err()).contains("was trained on boxes");
        RefineCommandTest.Run noModel = run(List.of("apply", "--model", dir.resolve("none.boxrefine").toString(),
                "--annotations", boxes, "--out", dir.resolve("x").toString()));
        assertThat(noModel.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(noModel.err()).contains("none.boxrefine: model file not found");
    }

    /** The same annotations.json and the same mask PNGs, byte for byte. */
    static void assertSameOutput(Path expected, Path actual) throws Exception {
        assertThat(Files.readString(actual.resolve("annotations.json")))
                .isEqualTo(Files.readString(expected.resolve("annotations.json")));
        List<Path> masks = list(expected.resolve("masks"));
        assertThat(masks).isNotEmpty();
        assertThat(list(actual.resolve("masks")).stream().map(p -> p.getFileName().toString()))
                .containsExactlyElementsOf(masks.stream().map(p -> p.getFileName().toString()).toList());
        for (Path m : masks) {
            assertThat(Files.readAllBytes(actual.resolve("masks").resolve(m.getFileName())))
                    .as(m.getFileName().toString()).isEqualTo(Files.readAllBytes(m));
        }
        JsonNode anns = annotations(actual);
        assertThat(anns).allSatisfy(a -> assertThat(a.has("segmentation")).isTrue());
        for (String f : List.of("annotations_polygons.json", "polygon_stats.json", "instances.csv", "yolo/data.yaml")) {
            if (Files.exists(expected.resolve(f))) {
                assertThat(Files.readString(actual.resolve(f))).as(f).isEqualTo(Files.readString(expected.resolve(f)));
            }
        }
        for (String folder : List.of("yolo/labels", "labelme", "instances")) {
            if (Files.isDirectory(expected.resolve(folder))) {
                List<Path> files = list(expected.resolve(folder));
                assertThat(list(actual.resolve(folder)).stream().map(p -> p.getFileName().toString())).as(folder)
                        .containsExactlyElementsOf(files.stream().map(p -> p.getFileName().toString()).toList());
                for (Path f : files) {
                    assertThat(Files.readAllBytes(actual.resolve(folder).resolve(f.getFileName()))).as(f.toString())
                            .isEqualTo(Files.readAllBytes(f));
                }
            }
        }
    }

    static JsonNode annotations(Path out) throws Exception {
        return new ObjectMapper().readTree(out.resolve("annotations.json").toFile()).get("annotations");
    }

    static List<Path> list(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
