package org.boxrefine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that the engine starts from the Maven jars alone: in a fresh JVM with an empty DJL cache
 * folder and the offline setting, training and prediction work and no network connection is
 * attempted. The control run shows that an attempt would have been seen.
 */
class OfflineEngineTest {

    private static String run(Path cache, String mode) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-DDJL_CACHE_DIR=" + cache, "-DENGINE_CACHE_DIR=" + cache,
                "-cp", System.getProperty("java.class.path"), OfflineProbe.class.getName()));
        if (mode != null) {
            cmd.add(mode);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DJL_CACHE_DIR", cache.toString());
        pb.environment().put("ENGINE_CACHE_DIR", cache.toString());
        pb.environment().put("DJL_OFFLINE", "true");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }

    @Test
    void engineRunsFromJarsWithoutAnyDownload(@TempDir Path cache) throws Exception {
        String out = run(cache, null);
        assertThat(out).contains("PROBE-DONE").contains("threads=1").doesNotContain("ATTEMPT ");
        try (var files = Files.walk(cache)) {
            assertThat(files.anyMatch(f -> f.getFileName().toString().startsWith("libtorch")))
                    .as("natives unpacked from the jar into the fresh cache folder").isTrue();
        }
    }

    @Test
    void recorderSeesAConnectionAttempt(@TempDir Path cache) throws Exception {
        assertThat(run(cache, "control")).contains("ATTEMPT http://boxrefine-offline-probe.invalid/");
    }
}
