package org.boxrefine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.boxrefine.io.AtomicFiles;
import org.boxrefine.io.RunManifest;
import org.boxrefine.io.coco.SceneSetWriter;
import org.boxrefine.io.image.ImageFiles;
import org.boxrefine.synth.SceneConfig;
import org.boxrefine.synth.SceneSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeTest {
    private static final int IMAGES = 10;
    private static final long CHILD_LIMIT_SECONDS = 300;

    @Test
    void aRunKilledAfterItsFirstImageResumesToTheUninterruptedOutput(@TempDir Path dir) throws Exception {
        SceneSetWriter.Written w = SceneSetWriter.write(SceneSet.generate(SceneConfig.defaults(), IMAGES, 17),
                dir.resolve("data"));
        Path killed = dir.resolve("killed");
        Path parts = killed.resolve(RunManifest.IMAGES);

        Process child = startChild(args(w, killed), dir.resolve("child.log").toFile());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_LIMIT_SECONDS);
            while (finished(parts).isEmpty()) {
                assertThat(child.isAlive()).as("the child ended before writing an image: %s",
                        Files.readString(dir.resolve("child.log"))).isTrue();
                assertThat(System.nanoTime()).as("no image written in %d s", CHILD_LIMIT_SECONDS).isLessThan(deadline);
                child.waitFor(20, TimeUnit.MILLISECONDS);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        int before = finished(parts).size();
        assertThat(before).as("killed while images were left").isBetween(1, IMAGES - 1);
        assertThat(killed.resolve("annotations.json")).doesNotExist();
        assertThat(killed.resolve(ApplyLoop.MODEL_FILE)).isRegularFile();
        for (Path mask : files(killed.resolve("masks"), ".png")) {
            assertThat(ImageFiles.readMask(mask).widthPx()).as("%s is whole", mask).isPositive();
        }
        for (Path part : finished(parts)) {
            assertThat(new ObjectMapper().readTree(part.toFile()).get("annotations")).as("%s is whole", part).isNotEmpty();
        }

        RefineCommandTest.Run resumed = RefineCommandTest.run(withFlag(args(w, killed), "--resume"));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(killed.resolve("report.html")).isRegularFile();
        assertThat(resumed.err()).contains("not training again")
                .contains("resume: " + before + " of " + IMAGES + " images were already refined");
        RefineCommandTest.Run whole = RefineCommandTest.run(args(w, dir.resolve("whole")));
        assertThat(whole.code()).as(whole.err()).isZero();
        TrainApplyTest.assertSameOutput(dir.resolve("whole"), killed);
        try (Stream<Path> all = Files.walk(killed)) {
            assertThat(all.map(Path::toString)).noneMatch(p -> p.endsWith(AtomicFiles.PART_SUFFIX));
        }

        RefineCommandTest.Run other = RefineCommandTest.run(withFlag(withFlag(args(w, killed), "--resume"),
                "--fill-holes"));
        assertThat(other.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(other.err()).contains("cannot resume").contains("settings.fillHoles (was false, now true)");
        List<String> otherFormats = new ArrayList<>(List.of(args(w, killed)));
        otherFormats.set(otherFormats.indexOf("coco,coco-polygon,yolo,labelme,png"), "coco,png");
        otherFormats.add("--resume");
        RefineCommandTest.Run formats = RefineCommandTest.run(otherFormats.toArray(String[]::new));
        assertThat(formats.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(formats.err()).contains("cannot resume").contains("outputs.formats");
        RefineCommandTest.Run both = RefineCommandTest.run(withFlag(withFlag(args(w, killed), "--resume"),
                "--overwrite"));
        assertThat(both.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(both.err()).contains("exclude each other");
        Path stranger = dir.resolve("stranger");
        Files.createDirectories(stranger);
        Files.writeString(stranger.resolve("notes.txt"), "mine");
        RefineCommandTest.Run notARun = RefineCommandTest.run(withFlag(args(w, stranger), "--resume"));
        assertThat(notARun.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(notARun.err()).contains("holds no boxrefine run that can be resumed");
        assertThat(stranger.resolve("notes.txt")).hasContent("mine");
    }

    private static String[] args(SceneSetWriter.Written w, Path out) {
        return new String[] {"refine", "--annotations", w.looseJson().toString(), "--out", out.toString(), "--quiet",
            "--patches-per-image", "64", "--threads", "1", "--seed", "3", "--output-format",
            "coco,coco-polygon,yolo,labelme,png", "--tighten-boxes"};
    }

    private static String[] withFlag(String[] args, String flag) {
        List<String> l = new ArrayList<>(List.of(args));
        l.add(flag);
        return l.toArray(String[]::new);
    }

    /** Runs the command line in a child JVM on the test class path, its output to {@code log}. */
    private static Process startChild(String[] args, File log) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-XX:-UsePerfData", "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), BoxrefineCommand.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log);
        pb.environment().put("DJL_OFFLINE", "true");
        return pb.start();
    }

    /** The finished per-image results (temporary .part files left out). */
    private static List<Path> finished(Path parts) throws Exception {
        return files(parts, ".json");
    }

    private static List<Path> files(Path folder, String suffix) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
