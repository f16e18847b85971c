package org.boxrefine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.boxrefine.cli.RefineCommandTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.RgbImage;
import org.boxrefine.io.coco.CocoRle;
import org.boxrefine.io.image.ImageFiles;
import org.boxrefine.io.image.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad and unusual input fed through {@code boxrefine refine}: each is refined, or skipped with file, id and reason. */
class MessyDataTest {
    @TempDir
    Path dir;

    /** Tiny training, so that each run takes a few seconds. */
    static String[] refine(Path annotations, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("refine", "--annotations", annotations.toString(), "--out",
                out.toString(), "--quiet", "--patches-per-image", "64", "--threads", "1", "--no-overlays"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static BinaryMask maskOf(JsonNode annotation) {
        JsonNode seg = annotation.get("segmentation");
        return CocoRle.decode(seg.get("counts").asText(), seg.get("size").get(0).asInt(), seg.get("size").get(1).asInt());
    }

    @Test
    void everyCommonImageEncodingIsRefined() throws IOException {
        MessyData data = new MessyData(dir.resolve("data"), 7, 11);
        List<Long> ids = new ArrayList<>();
        ids.addAll(data.addScene(0, 1, "plain.png", ImageFiles::writePng));
        ids.addAll(data.addScene(1, 2, "grey.png", TestImages::grey8));
        ids.addAll(data.addScene(2, 3, "grey16.png", TestImages::grey16));
        ids.addAll(data.addScene(3, 4, "rgb16.png", TestImages::rgb16));
        ids.addAll(data.addScene(4, 5, "palette.png", TestImages::palette));
        ids.addAll(data.addScene(5, 6, "alpha.png", TestImages::alpha));
        ids.addAll(data.addScene(6, 7, "cmyk.jpg", TestImages::cmykJpeg));
        Path out = dir.resolve("out");

        RefineCommandTest.Run r = run(refine(data.write(), out));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("skipped");
        Map<Long, JsonNode> res = MessyData.annotationsById(out.resolve("annotations.json"));
        for (long id : ids) {
            assertThat(res.get(id).has("segmentation")).as("annotation %d", id).isTrue();
        }
        for (int i = 0; i < 7; i++) {
            long imageId = i + 1;
            long covered = res.values().stream().filter(a -> a.get("image_id").asLong() == imageId)
                    .mapToLong(a -> maskOf(a).count()).sum();
            assertThat(covered).as("mask pixels on image %d", imageId).isPositive();
        }
    }

    @Test
    void brokenImagesAreSkippedNamingFileIdsAndReasonAndTheOthersAreRefined() throws IOException {
        MessyData data = new MessyData(dir.resolve("data"), 7, 12);
        List<Long> good = data.addScene(0, 1, "good.png", ImageFiles::writePng);
        List<Long> missing = data.addScene(1, 2, "missing.png", (img, f) -> { });
        List<Long> empty = data.addScene(2, 3, "empty.png", (img, f) -> Files.write(f, new byte[0]));
        List<Long> cutPng = data.addScene(3, 4, "cut.png", (img, f) -> {
            ImageFiles.writePng(img, f);
            TestImages.truncate(f, 0.6);
        });
        List<Long> cutJpg = data.addScene(4, 5, "cut.jpg", (img, f) -> {
            TestImages.exifJpeg(img, 1, f);
            TestImages.truncate(f, 0.7);
        });
        List<Long> junk = data.addScene(5, 6, "junk.jpg", (img, f) -> Files.write(f, new byte[] {(byte) 0xFF,
            (byte) 0xD8, (byte) 0xFF, 1, 2, 3, 4, 5, 6, 7}));
        List<Long> webp = data.addScene(6, 7, "photo.webp", (img, f) -> Files.write(f, new byte[] {'R', 'I', 'F',
            'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' '}));
        Path json = data.write();
        Path out = dir.resolve("out");

        RefineCommandTest.Run r = run(refine(json, out));

        assertThat(r.code()).as(r.err()).isEqualTo(RefineCommand.EXIT_SKIPPED);
        String err = r.err();
        assertThat(line(err, "missing.png")).contains("skipped: image 2", "annotations " + ids(missing), "not found");
        assertThat(line(err, "empty.png")).contains("image 3", ids(empty), "0 bytes");
        assertThat(line(err, "cut.png")).contains("image 4", ids(cutPng), "cannot decode");
        assertThat(line(err, "cut.jpg")).contains("image 5", ids(cutJpg), "truncated");
        assertThat(line(err, "junk.jpg")).contains("image 6", ids(junk), "cannot decode");
        assertThat(line(err, "photo.webp")).contains("image 7", ids(webp), "not a supported image format");
        int skippedBoxes = missing.size() + empty.size() + cutPng.size() + cutJpg.size() + junk.size() + webp.size();
        assertThat(err).containsPattern("6 image\\(s\\) +" + skippedBoxes
                + " box\\(es\\): image file missing, empty, corrupt or in an unsupported format");
        Map<Long, JsonNode> res = MessyData.annotationsById(out.resolve("annotations.json"));
        assertThat(res).hasSize(good.size() + skippedBoxes);
        res.forEach((id, a) -> assertThat(a.has("segmentation")).as("annotation %d", id).isEqualTo(good.contains(id)));
        assertThat(r.out()).contains("refined " + good.size() + " boxes on 1 images");

        Path strictOut = dir.resolve("strict");
        RefineCommandTest.Run strict = run(refine(json, strictOut, "--strict"));
        assertThat(strict.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(strict.err()).contains("--strict", "missing.png", "image 2");
        assertThat(strictOut).doesNotExist();
    }

    @Test
    void exifOrientationIsAppliedAndCocoSizesAreThoseDisplayed() throws IOException {
        // displayed 90x140: a bright 40x70 object at (30, 40) on a dark noisy ground; stored turned (EXIF 6 and 8)
        RgbImage shown = RgbImage.blank(90, 140);
        java.util.Random rnd = new java.util.Random(5);
        for (int y = 0; y < 140; y++) {
            for (int x = 0; x < 90; x++) {
                boolean in = x >= 30 && x < 70 && y >= 40 && y < 110;
                int n = rnd.nextInt(21) - 10;
                shown.set(x, y, (in ? 220 : 40) + n, (in ? 190 : 70) + n, (in ? 40 : 60) + n);
            }
        }
        MessyData data = new MessyData(dir.resolve("data"), 1, 1);
        TestImages.exifJpeg(shown, 6, dir.resolve("data/rot6.jpg"));
        TestImages.exifJpeg(shown, 8, dir.resolve("data/rot8.jpg"));
        data.addImage(1, "rot6.jpg", 90, 140);
        long a6 = data.addBox(1, 20, 30, 60, 90);
        data.addImage(2, "rot8.jpg", 0, 0);
        long a8 = data.addBox(2, 20, 30, 60, 90);
        data.addImage(3, "stored.jpg", 140, 90);
        TestImages.exifJpeg(shown, 6, dir.resolve("data/stored.jpg"));
        long stored = data.addBox(3, 20, 30, 60, 50);
        Path out = dir.resolve("out");

        RefineCommandTest.Run r = run(refine(data.write(), out));

        assertThat(r.code()).as(r.err()).isEqualTo(RefineCommand.EXIT_SKIPPED);
        assertThat(line(r.err(), "stored.jpg")).contains("image 3", "annotations " + stored, "declared 140x90",
                "found 90x140", "EXIF orientation");
        assertThat(r.err()).containsPattern("1 image\\(s\\) +1 box\\(es\\): image size differs from the annotations");
        Map<Long, JsonNode> res = MessyData.annotationsById(out.resolve("annotations.json"));
        BinaryMask truth = new BinaryMask(90, 140);
        for (int y = 40; y < 110; y++) {
            for (int x = 30; x < 70; x++) {
                truth.set(x, y, true);
            }
        }
        for (long id : List.of(a6, a8)) {
            BinaryMask m = maskOf(res.get(id));
            assertThat(m.widthPx()).isEqualTo(90);
            assertThat(m.heightPx()).isEqualTo(140);
            // tiny training leaves the mask loose, but it must sit on the object as displayed (turned wrongly, or on
            // the stored pixels, the box would hold mostly background)
            assertThat(m.iou(truth)).as("annotation %d against the displayed object", id).isGreaterThan(0.6);
            long hit = 0;
            for (int y = 40; y < 110; y++) {
                for (int x = 30; x < 70; x++) {
                    hit += m.get(x, y) ? 1 : 0;
                }
            }
            assertThat(hit).as("object pixels in the mask of annotation %d", id).isGreaterThan(2800 * 95 / 100);
            assertThat(ImageFiles.readMask(out.resolve("masks/" + id + ".png"))).isEqualTo(m);
        }
    }

    @Test
    void badBoxesAreClippedOrSkippedAndCountedByReason() throws IOException {
        MessyData data = new MessyData(dir.resolve("data"), 2, 13);
        List<Long> good = data.addScene(0, 1, "a.png", ImageFiles::writePng);
        int w = data.scene(0).widthPx();
        int h = data.scene(0).heightPx();
        long partly = data.addBox(1, w - 20, h - 20, 40, 40);
        long outside = data.addBox(1, w + 5, 2, 10, 10);
        long tiny = data.addBox(1, 10, 10, 2, 2);
        long thin = data.addBox(1, 10.6, 10, 0.3, 10);
        long whole = data.addBox(1, 0, 0, w, h);
        long zero = data.addBox(1, 5, 5, 0, 10);
        long negative = data.addBox(1, 5, 5, 10, -4);
        long nan = data.nextId();
        data.addRaw("{\"id\": " + nan + ", \"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 1, \"__NaN__\", 5]}");
        long text = data.nextId();
        data.addRaw("{\"id\": " + text + ", \"image_id\": 1, \"category_id\": 1, \"bbox\": [1, \"one\", 5, 5]}");
        data.addRaw("{\"id\": " + good.get(0) + ", \"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 1, 5, 5]}");
        data.addRaw("{\"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 1, 5, 5]}");
        long unknown = data.nextId();
        data.addRaw("{\"id\": " + unknown + ", \"image_id\": 99, \"category_id\": 1, \"bbox\": [1, 1, 5, 5]}");
        // image 2 declares no size: its boxes are fitted to the size read from the file
        data.addScene(1, 2, "b.png", ImageFiles::writePng);
        ((com.fasterxml.jackson.databind.node.ObjectNode) data.addImage(3, "unused.png", 0, 0)).remove("width");
        long beyond = data.addBox(2, data.scene(1).widthPx() - 10, 5, 50, 20);
        long away = data.addBox(2, -100, 5, 50, 20);
        Path json = data.write();
        String text0 = Files.readString(json);
        Files.writeString(json, text0.replaceFirst("\"width\" : " + data.scene(1).widthPx() + ",\\s*\"height\" : "
                + data.scene(1).heightPx(), "\"note\" : \"no size\""));
        Path out = dir.resolve("out");

        RefineCommandTest.Run r = run(refine(json, out));

        assertThat(r.code()).as(r.err()).isEqualTo(RefineCommand.EXIT_SKIPPED);
        String err = r.err();
        assertThat(line(err, "annotation " + partly + " ")).startsWith("warning: ").contains("clipped to");
        assertThat(line(err, "annotation " + outside + " ")).startsWith("skipped: ").contains("wholly outside");
        assertThat(line(err, "annotation " + thin + " ")).contains("holds no pixel centre");
        assertThat(line(err, "annotation " + zero + " ")).contains("width and height must be positive");
        assertThat(line(err, "annotation " + negative + " ")).contains("width and height must be positive");
        assertThat(line(err, "annotation " + nan + " ")).contains("4 finite numbers", "NaN");
        assertThat(line(err, "annotation " + text + " ")).contains("4 finite numbers", "\"one\"");
        assertThat(err).contains("duplicate annotation id").contains("expected an object with an integer \"id\"");
        assertThat(line(err, "annotation " + unknown + " ")).contains("unknown image_id 99");
        assertThat(line(err, "annotation " + beyond + " ")).startsWith("warning: ").contains("b.png", "image 2",
                "clipped to");
        assertThat(line(err, "annotation " + away + " ")).startsWith("skipped: ").contains("b.png", "wholly outside");
        assertThat(err).containsPattern("0 image\\(s\\) +3 box\\(es\\): box outside its image")
                .containsPattern("0 image\\(s\\) +4 box\\(es\\): box missing, not numeric")
                .containsPattern("0 image\\(s\\) +1 box\\(es\\): duplicate annotation id")
                .containsPattern("0 image\\(s\\) +1 box\\(es\\): annotation without an integer id")
                .containsPattern("0 image\\(s\\) +1 box\\(es\\): annotation on an unknown image id");

        Map<Long, JsonNode> res = MessyData.annotationsById(out.resolve("annotations.json"));
        for (long id : List.of(tiny, whole)) {
            assertThat(res.get(id).has("segmentation")).as("annotation %d", id).isTrue();
            assertThat(maskOf(res.get(id)).count()).as("mask pixels of annotation %d", id).isPositive();
        }
        assertThat(res.get(partly).has("segmentation")).as("clipped annotation %d", partly).isTrue();
        assertThat(maskOf(res.get(beyond)).widthPx()).as("image 2 read from the file").isEqualTo(data.scene(1).widthPx());
        BinaryMask tinyMask = maskOf(res.get(tiny));
        assertThat(tinyMask.bounds().x0Px()).isGreaterThanOrEqualTo(10);
        assertThat(tinyMask.bounds().x1Px()).isLessThanOrEqualTo(12);
        for (long id : List.of(outside, thin, zero, negative, nan, text, unknown, away)) {
            assertThat(res.get(id).has("segmentation")).as("annotation %d", id).isFalse();
        }

        RefineCommandTest.Run strict = run(refine(json, dir.resolve("strict"), "--strict"));
        assertThat(strict.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(strict.err()).contains("--strict", "annotation " + outside);
    }

    @Test
    void hundredsOfBoxesOnOneImageAllGetMasks() throws IOException {
        MessyData data = new MessyData(dir.resolve("data"), 1, 14);
        data.addScene(0, 1, "a.png", ImageFiles::writePng);
        int w = data.scene(0).widthPx();
        int h = data.scene(0).heightPx();
        List<Long> grid = new ArrayList<>();
        for (int j = 0; j < 15; j++) {
            for (int i = 0; i < 20; i++) {
                grid.add(data.addBox(1, i * (w - 12) / 20.0, j * (h - 12) / 15.0, 12, 12));
            }
        }
        Path out = dir.resolve("out");

        RefineCommandTest.Run r = run(refine(data.write(), out, "--overlap", "keep"));

        assertThat(r.code()).as(r.err()).isZero();
        Map<Long, JsonNode> res = MessyData.annotationsById(out.resolve("annotations.json"));
        assertThat(grid).hasSize(300).allSatisfy(id -> assertThat(res.get(id).has("segmentation")).isTrue());
        try (Stream<Path> masks = Files.list(out.resolve("masks"))) {
            assertThat(masks.count()).isEqualTo(res.size());
        }
    }

    @Test
    void malformedJsonIsReportedWithLineAndColumn() throws IOException {
        Path json = dir.resolve("bad.json");
        Files.writeString(json, "{\n  \"images\": [\n    {\"id\": 1,, \"file_name\": \"x\"}\n  ]\n}\n");

        RefineCommandTest.Run r = run(refine(json, dir.resolve("out")));

        assertThat(r.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(r.err()).contains(json.toString(), "malformed JSON", "line 3, column 14");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aFolderHoldingAnotherRunIsRefusedUnlessOverwriteRemovesThatRun() throws IOException {
        MessyData data = new MessyData(dir.resolve("data"), 1, 15);
        List<Long> ids = data.addScene(0, 1, "a.png", ImageFiles::writePng);
        Path json = data.write();
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("masks"));
        Files.writeString(out.resolve("annotations.json"), "{\"old\": true}");
        Files.write(out.resolve("masks/999.png"), new byte[] {1});
        Files.write(out.resolve("masks/.1.png123.part"), new byte[] {1});
        Files.writeString(out.resolve("notes.txt"), "mine");

        RefineCommandTest.Run refused = run(refine(json, out));

        assertThat(refused.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(refused.err()).contains(out.toString(), "not empty", "--overwrite");
        assertThat(Files.readString(out.resolve("annotations.json"))).isEqualTo("{\"old\": true}");

        RefineCommandTest.Run again = run(refine(json, out, "--overwrite"));

        assertThat(again.code()).as(again.err()).isZero();
        assertThat(out.resolve("masks/999.png")).as("the old run's mask").doesNotExist();
        assertThat(out.resolve("masks/.1.png123.part")).doesNotExist();
        assertThat(out.resolve("notes.txt")).hasContent("mine");
        try (Stream<Path> masks = Files.list(out.resolve("masks"))) {
            assertThat(masks.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(
                    ids.stream().map(id -> id + ".png").toList());
        }
        assertThat(MessyData.annotationsById(out.resolve("annotations.json")).keySet()).containsExactlyElementsOf(ids);
    }

    @Test
    void anUnwritableOutputFailsTheRunWithoutHalfWrittenFiles() throws IOException {
        MessyData data = new MessyData(dir.resolve("data"), 2, 16);
        data.addScene(0, 1, "a.png", ImageFiles::writePng);
        data.addScene(1, 2, "b.png", ImageFiles::writePng);
        Path json = data.write();
        Path file = dir.resolve("file");
        Files.writeString(file, "a file, not a folder");

        RefineCommandTest.Run under = run(refine(json, file.resolve("out")));

        assertThat(under.code()).isEqualTo(RefineCommand.EXIT_FAILED);
        assertThat(under.err()).contains("the run failed", file.resolve("out").toString(), "cannot create output folder");

        // the folder can be made, but not the masks inside it (a file is in the way): the run stops at the first mask
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("masks"), "in the way");
        RefineCommandTest.Run masks = run(refine(json, out, "--overwrite"));

        assertThat(masks.code()).as(masks.err()).isEqualTo(RefineCommand.EXIT_FAILED);
        assertThat(masks.err()).contains("the run failed", out.resolve("masks").toString(), "cannot write");
        assertThat(masks.err()).doesNotContain("skipped");
        assertThat(out.resolve("annotations.json")).doesNotExist();
        try (Stream<Path> all = Files.walk(out)) {
            assertThat(all.map(Path::toString)).noneMatch(p -> p.endsWith(".part"));
        }
    }

    @Test
    void aFullDiskFailsTheRunWithAClearMessageAndLeavesNoPartialFile() throws Exception {
        MessyData data = new MessyData(dir.resolve("data"), 1, 17);
        data.addScene(0, 1, "a.png", ImageFiles::writePng);
        Path json = data.write();
        Path out = dir.resolve("out");
        // a child JVM whose files may not exceed 256 KiB (ulimit -f): the 1.4 MB model is the first write that
        // fails, part-way, with EFBIG, as on a full disk
        RefineCommandTest.Run child = runInChildJvm("ulimit -f 256", "-Xmx512m", refine(json, out));
        int code = child.code();
        String output = child.out();
        assertThat(code).as(output).isEqualTo(RefineCommand.EXIT_FAILED);
        assertThat(output).contains("the run failed", out.resolve(ApplyLoop.MODEL_FILE).toString(),
                "File too large");
        try (Stream<Path> all = Files.walk(out)) {
            // only the run's manifest, written whole before training, so that --resume can go on once there is room
            assertThat(all.filter(Files::isRegularFile)).as("files left in the output folder")
                    .containsExactly(out.resolve(org.boxrefine.io.RunManifest.FOLDER).resolve("run.json"));
        }
    }

    @Test
    void anImageTooLargeForTheHeapIsSkippedAndTheOthersAreRefined() throws Exception {
        MessyData data = new MessyData(dir.resolve("data"), 1, 18);
        List<Long> small = data.addScene(0, 1, "small.png", ImageFiles::writePng);
        // 6000x4000 decodes to two 72 MB arrays (ImageIO's and boxrefine's): more than a 128 MiB heap holds
        java.awt.image.BufferedImage big = new java.awt.image.BufferedImage(6000, 4000,
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        javax.imageio.ImageIO.write(big, "jpeg", dir.resolve("data/big.jpg").toFile());
        data.addImage(2, "big.jpg", 6000, 4000);
        long onBig = data.addBox(2, 1000, 1000, 2000, 1500);
        Path out = dir.resolve("out");

        RefineCommandTest.Run child = runInChildJvm("true", "-Xmx128m", refine(data.write(), out));

        assertThat(child.code()).as(child.out()).isEqualTo(RefineCommand.EXIT_SKIPPED);
        assertThat(line(child.out(), "big.jpg")).contains("image 2", "annotations " + onBig, "not enough memory",
                "-Xmx");
        assertThat(child.out()).containsPattern("1 image\\(s\\) +1 box\\(es\\): image too large for the memory");
        Map<Long, JsonNode> res = MessyData.annotationsById(out.resolve("annotations.json"));
        assertThat(small).allSatisfy(id -> assertThat(res.get(id).has("segmentation")).isTrue());
        assertThat(res.get(onBig).has("segmentation")).isFalse();
    }

    /**
     * Runs the command line in a child JVM on the test class path, after the shell command {@code limit}, with
     * one JVM option; the output holds stdout and stderr together.
     */
    private static RefineCommandTest.Run runInChildJvm(String limit, String jvmOption, String... args)
            throws IOException, InterruptedException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", limit + " && exec \"$@\"", "child", javaBin,
                "-XX:-UsePerfData", jvmOption, "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                BoxrefineCommand.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DJL_OFFLINE", "true");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new RefineCommandTest.Run(p.waitFor(), output, output);
    }

    /** The first line of {@code text} containing {@code needle}. */
    static String line(String text, String needle) {
        return text.lines().filter(l -> l.contains(needle)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with '" + needle + "' in:\n" + text));
    }

    private static String ids(List<Long> ids) {
        return String.join(",", ids.stream().map(String::valueOf).toList());
    }
}
