package org.boxrefine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @Test
    void demoRefinesAndEvaluatesItsOwnScenes(@TempDir Path dir) {
        RefineCommandTest.Run r = RefineCommandTest.run("demo", "--out", dir.toString(), "--scenes", "3", "--quiet",
                "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("1/3 wrote 3 synthetic images").contains("3/3 eval")
                .contains("data/boxes_loose").contains("overlays");
        assertThat(dir.resolve("refined/annotations.json")).isRegularFile();
        assertThat(Files.isDirectory(dir.resolve("refined/overlays"))).isTrue();
    }

    @Test
    void demoRejectsANonPositiveSceneCount(@TempDir Path dir) {
        RefineCommandTest.Run r = RefineCommandTest.run("demo", "--out", dir.toString(), "--scenes", "0");
        assertThat(r.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(r.err()).contains("--scenes must be at least 1, found 0");
    }
}
