package org.boxrefine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.io.coco.CocoRle;
import org.boxrefine.io.coco.SceneSetWriter;
import org.boxrefine.io.image.ImageFiles;
import org.boxrefine.io.model.ModelFile;
import org.boxrefine.model.LearningRateSchedule;
import org.boxrefine.model.TrainConfig;
import org.boxrefine.patch.SamplingConfig;
import org.boxrefine.refine.RefineConfig;
import org.boxrefine.refine.SnapConfig;
import org.boxrefine.synth.SceneConfig;
import org.boxrefine.synth.SceneSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RefineCommandTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = BoxrefineCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void refineWritesRleMasksOverlaysAndModelAndSkipsABrokenImage(@TempDir Path dir) throws Exception {
        SceneSetWriter.Written w = SceneSetWriter.write(SceneSet.generate(SceneConfig.defaults(), 4, 3), dir.resolve("data"));
        Files.write(dir.resolve("data/images/scene_002.png"), new byte[] {1, 2, 3});
        Path out = dir.resolve("out");
        Run r = run("refine", "--annotations", w.looseJson().toString(), "--out", out.toString(), "--quiet",
                "--patches-per-image", "64", "--threads", "1", "--centre-dropout", "0.3", "--flip",
                "--colour-jitter", "0.1");
        assertThat(r.code()).as(r.err()).isEqualTo(RefineCommand.EXIT_SKIPPED);
        assertThat(r.err()).contains("skipped: image 3").contains("scene_002.png").contains("annotations ");
        assertThat(r.out()).contains("refined");

        ObjectMapper json = new ObjectMapper();
        JsonNode in = json.readTree(w.looseJson().toFile());
        JsonNode res = json.readTree(out.resolve("annotations.json").toFile());
        assertThat(res.get("images")).isEqualTo(in.get("images"));
        int refined = 0;
        for (int i = 0; i < in.get("annotations").size(); i++) {
            JsonNode a = in.get("annotations").get(i);
            JsonNode b = res.get("annotations").get(i);
            assertThat(b.get("id")).isEqualTo(a.get("id"));
            assertThat(b.get("bbox")).isEqualTo(a.get("bbox"));
            assertThat(b.get("image_id")).isEqualTo(a.get("image_id"));
            assertThat(b.get("category_id")).isEqualTo(a.get("category_id"));
            if (a.get("image_id").asLong() == 3) {
                assertThat(b.has("segmentation")).isFalse();
                continue;
            }
            refined++;
            JsonNode seg = b.get("segmentation");
            int h = seg.get("size").get(0).asInt();
            int wd = seg.get("size").get(1).asInt();
            BinaryMask fromRle = CocoRle.decode(seg.get("counts").asText(), h, wd);
            BinaryMask png = ImageFiles.readMask(out.resolve("masks").resolve(a.get("id").asText() + ".png"));
            assertThat(fromRle).isEqualTo(png);
            assertThat(b.get("score").asDouble()).isBetween(0.0, 1.0);
        }
        assertThat(refined).isPositive();
        try (var overlays = Files.list(out.resolve("overlays"))) {
            assertThat(overlays.count()).isEqualTo(3);
        }
        ModelFile.Loaded loaded = ModelFile.read(out.resolve(ApplyLoop.MODEL_FILE));
        try (var classifier = loaded.classifier()) {
            assertThat(loaded.info().seed()).isEqualTo(1);
            assertThat(loaded.info().images()).as("usable images").isEqualTo(3);
            assertThat(classifier.arch()).isEqualTo(org.boxrefine.model.NetArch.DENSE);
            assertThat(loaded.info().settings()).containsEntry("centreDropout", 0.3).containsEntry("flip", true)
                    .containsEntry("colourJitter", 0.1);
        }
        long usableTags = 0;
        for (JsonNode a : in.get("annotations")) {
            usableTags += a.get("image_id").asLong() == 3 ? 0 : 1;
        }
        assertThat(loaded.shapePriors().categories().values().stream().mapToInt(c -> c.tags()).sum())
                .as("the shape priors count every tag GrabCut labelled, saved with the model").isEqualTo(usableTags);
    }

    @Test
    void boxLossFineTuningRunsAfterPatchTrainingAndIsRecordedInTheModel(@TempDir Path dir) throws Exception {
        SceneSetWriter.Written w = SceneSetWriter.write(SceneSet.generate(SceneConfig.defaults(), 3, 5), dir.resolve("data"));
        Path out = dir.resolve("out");
        Run r = run("refine", "--annotations", w.looseJson().toString(), "--out", out.toString(), "--quiet",
                "--patches-per-image", "32", "--threads", "1", "--no-snap", "--no-overlays", "--box-loss-epochs", "2",
                "--box-loss-pairwise", "0.5", "--box-loss-similarity", "0.2");
        assertThat(r.code()).as(r.err()).isZero();
        ModelFile.Loaded loaded = ModelFile.read(out.resolve(ApplyLoop.MODEL_FILE));
        loaded.classifier().close();
        assertThat(loaded.info().settings()).containsEntry("boxLossEpochs", 2).containsEntry("boxLossPairwise", 0.5)
                .containsEntry("boxLossSimilarity", 0.2);
        RefineOptions o = new RefineOptions();
        new CommandLine(o).parseArgs("--box-loss-epochs", "3");
        assertThat(o.config().boxSupervision()).isEqualTo(RefineConfig.defaults(1).boxSupervision().withEpochs(3));
        RefineOptions bad = new RefineOptions();
        new CommandLine(bad).parseArgs("--box-loss-similarity", "1.5");
        assertThatThrownBy(bad::config).hasMessageContaining("colour similarity").hasMessageContaining("1.5");
    }

    @Test
    void augmentationOptionsReachTheConfigAndDefaultToFlipAndJitter() {
        RefineOptions none = new RefineOptions();
        new CommandLine(none).parseArgs();
        RefineConfig d = none.config();
        assertThat(d.train()).isEqualTo(RefineConfig.defaults(1).train());
        assertThat(d.sampling()).isEqualTo(RefineConfig.defaults(1).sampling());
        assertThat(d.train().centreDropout()).isZero();
        assertThat(d.sampling().flip()).isTrue();
        assertThat(d.sampling().colourJitter()).isEqualTo(0.2);

        RefineOptions on = new RefineOptions();
        new CommandLine(on).parseArgs("--centre-dropout", "0.4", "--flip", "--colour-jitter", "0.2", "--seed", "3");
        RefineConfig c = on.config();
        assertThat(c.train()).isEqualTo(new TrainConfig(128, 1e-3f, 3, 0.4, TrainConfig.DEFAULT_SCHEDULE));
        assertThat(c.sampling()).isEqualTo(new SamplingConfig(512, 0.5, 0.5, true, 0.2, 0.5));
        RefineOptions off = new RefineOptions();
        new CommandLine(off).parseArgs("--no-flip", "--colour-jitter", "0");
        assertThat(off.config().sampling().augments()).isFalse();
    }

    @Test
    void learningRateScheduleOptionReachesTheConfigAndNamesABadValue() {
        for (LearningRateSchedule s : LearningRateSchedule.values()) {
            RefineOptions o = new RefineOptions();
            new CommandLine(o).parseArgs("--lr-schedule", s.name().toLowerCase(java.util.Locale.ROOT));
            assertThat(o.config().train().schedule()).isEqualTo(s);
        }
        RefineOptions bad = new RefineOptions();
        new CommandLine(bad).parseArgs("--lr-schedule", "step");
        assertThatThrownBy(bad::config).hasMessage("--lr-schedule must be fixed or cosine, found 'step'");
    }

    @Test
    void defaultsMatchTheLibraryAndPartAndSnapOptionsReachTheConfig() {
        RefineOptions none = new RefineOptions();
        new CommandLine(none).parseArgs();
        assertThat(none.config()).isEqualTo(RefineConfig.defaults(1));
        RefineOptions some = new RefineOptions();
        new CommandLine(some).parseArgs("--min-part-fraction", "0.2", "--snap-start", "prior", "--snap-margin", "0.5");
        RefineConfig c = some.config();
        assertThat(c.minPartFraction()).isEqualTo(0.2);
        assertThat(c.snap().start()).isEqualTo(org.boxrefine.refine.SnapStart.PRIOR);
        assertThat(c.snap().marginFraction()).isEqualTo(0.5);
        RefineOptions all = new RefineOptions();
        new CommandLine(all).parseArgs("--all-components");
        assertThat(all.config().minPartFraction()).isZero();
        RefineOptions bad = new RefineOptions();
        new CommandLine(bad).parseArgs("--min-part-fraction", "1.5");
        assertThatThrownBy(bad::config).hasMessageContaining("minimum part fraction must be in [0, 1], found 1.5");
        RefineOptions badStart = new RefineOptions();
        new CommandLine(badStart).parseArgs("--snap-start", "edges");
        assertThatThrownBy(badStart::config).hasMessageContaining("--snap-start must be rectangle, network, prior or auto, found 'edges'");
        RefineOptions auto = new RefineOptions();
        new CommandLine(auto).parseArgs("--snap-start", "auto", "--snap-auto-confidence", "0.7", "--snap-auto-margin",
                "0.3", "--snap-auto-tag-confidence", "0.6");
        assertThat(auto.config().snap().autoTagConfidence()).isEqualTo(0.6);
        assertThat(auto.config().snap().start()).isEqualTo(org.boxrefine.refine.SnapStart.AUTO);
        assertThat(auto.config().snap().autoConfidence()).isEqualTo(0.7);
        assertThat(auto.config().snap().autoMarginFraction()).isEqualTo(0.3);
        RefineOptions badAuto = new RefineOptions();
        new CommandLine(badAuto).parseArgs("--snap-auto-confidence", "0");
        assertThatThrownBy(badAuto::config).hasMessageContaining("snap auto confidence must be in (0, 1], found 0.0");
    }

    @Test
    void theNetworkTermFollowsTheIterationCountUnlessItsOwnIsGiven() {
        assertThat(RefineConfig.defaults(1).snap().networkIterations())
                .isEqualTo(RefineConfig.defaults(1).snap().iterations());
        RefineOptions five = new RefineOptions();
        new CommandLine(five).parseArgs("--snap-iterations", "5");
        assertThat(five.config().snap().iterations()).isEqualTo(5);
        assertThat(five.config().snap().networkIterations()).as("all iterations, as by default").isEqualTo(5);
        RefineOptions last = new RefineOptions();
        new CommandLine(last).parseArgs("--snap-iterations", "5", "--snap-network-iterations", "2");
        assertThat(last.config().snap().networkIterations()).isEqualTo(2);
        RefineOptions colours = new RefineOptions();
        new CommandLine(colours).parseArgs("--snap-network-weight", "0", "--initial-labels", "boxes");
        assertThat(colours.config().snap().networkWeight()).isZero();
        assertThat(colours.config().initialLabels()).isEqualTo(org.boxrefine.refine.InitialLabels.BOXES);
    }

    @Test
    void budgetAndGuideOptionsReachTheConfigAndWorkersFollowTheThreads() {
        RefineOptions some = new RefineOptions();
        new CommandLine(some).parseArgs("--max-patches-per-epoch", "5000", "--snap-guide-radius", "0", "--snap-size",
                "256");
        RefineConfig c = some.config();
        assertThat(c.sampling().maxPatchesPerEpoch()).isEqualTo(5000);
        assertThat(c.snap().guideRadius()).isZero();
        assertThat(c.snap().sizePx()).isEqualTo(256);
        assertThat(c.sampling().foregroundShare()).isEqualTo(SamplingConfig.DEFAULT_FOREGROUND_SHARE);
        RefineOptions balance = new RefineOptions();
        new CommandLine(balance).parseArgs("--foreground-share", "0.3");
        assertThat(balance.config().sampling().foregroundShare()).isEqualTo(0.3);
        RefineOptions bad = new RefineOptions();
        new CommandLine(bad).parseArgs("--snap-guide-radius", "-1");
        assertThatThrownBy(bad::config).hasMessageContaining("snap guide radius").hasMessageContaining("-1");
        assertThat(c.snap().edgeBandFraction()).isEqualTo(SnapConfig.DEFAULT_EDGE_BAND);
        assertThat(c.snap().edgeBandLearned()).as("default: auto").isTrue();
        RefineOptions band = new RefineOptions();
        new CommandLine(band).parseArgs("--snap-edge-band", "0");
        assertThat(band.config().snap().edgeBandFraction()).isZero();
        assertThat(band.config().snap().edgeBandLearned()).as("a number is a fixed band").isFalse();
        RefineOptions auto = new RefineOptions();
        new CommandLine(auto).parseArgs("--snap-edge-band", "AUTO");
        assertThat(auto.config().snap()).isEqualTo(SnapConfig.defaults());
        RefineOptions word = new RefineOptions();
        new CommandLine(word).parseArgs("--snap-edge-band", "tight");
        assertThatThrownBy(word::config).hasMessageContaining("--snap-edge-band must be auto or a fraction")
                .hasMessageContaining("'tight'");
        assertThat(c.snap().smoothness()).isEqualTo(SnapConfig.DEFAULT_SMOOTHNESS);
        RefineOptions smooth = new RefineOptions();
        new CommandLine(smooth).parseArgs("--snap-smoothness", "50");
        assertThat(smooth.config().snap()).isEqualTo(SnapConfig.defaults().withSmoothness(50));
        RefineOptions rough = new RefineOptions();
        new CommandLine(rough).parseArgs("--snap-smoothness", "-2");
        assertThatThrownBy(rough::config).hasMessageContaining("snap smoothness must be in [0, 500.0], found -2.0");
        assertThat(c.snap().backgroundComponents()).isEqualTo(SnapConfig.DEFAULT_BACKGROUND_COMPONENTS);
        RefineOptions opencv = new RefineOptions();
        new CommandLine(opencv).parseArgs("--snap-background-components", "5");
        assertThat(opencv.config().snap()).isEqualTo(SnapConfig.defaults().withBackgroundComponents(5));
        RefineOptions none = new RefineOptions();
        new CommandLine(none).parseArgs("--snap-background-components", "0");
        assertThatThrownBy(none::config).hasMessageContaining("snap background components must be in [1, 16], found 0");
        assertThat(c.snap().reachGap()).isEqualTo(SnapConfig.DEFAULT_REACH_GAP);
        RefineOptions unreached = new RefineOptions();
        new CommandLine(unreached).parseArgs("--snap-reach", "0");
        assertThat(unreached.config().snap()).isEqualTo(SnapConfig.defaults().withReachGap(0));
        RefineOptions farReach = new RefineOptions();
        new CommandLine(farReach).parseArgs("--snap-reach", "0.7");
        assertThatThrownBy(farReach::config).hasMessageContaining("snap reach gap must be in [0, 0.5]")
                .hasMessageContaining("found 0.7");
        RefineOptions wideBand = new RefineOptions();
        new CommandLine(wideBand).parseArgs("--snap-edge-band", "0.3");
        assertThatThrownBy(wideBand::config).hasMessageContaining("snap edge band must be in [0, 0.25]")
                .hasMessageContaining("found 0.3");
        for (int[] threadsWorkers : new int[][] {{1, 1}, {2, 2}, {3, 3}, {16, ApplyOptions.MAX_DEFAULT_WORKERS}}) {
            RefineOptions o = new RefineOptions();
            new CommandLine(o).parseArgs("--threads", String.valueOf(threadsWorkers[0]));
            assertThat(o.predictWorkers()).as("workers with %d threads", threadsWorkers[0])
                    .isEqualTo(threadsWorkers[1]);
        }
        RefineOptions one = new RefineOptions();
        new CommandLine(one).parseArgs("--threads", "2", "--predict-workers", "1");
        assertThat(one.predictWorkers()).isEqualTo(1);
    }

    @Test
    void badAugmentationValuesExitWithTwoAndSayWhy(@TempDir Path dir) {
        String nope = dir.resolve("nope.json").toString();
        Run dropout = run("refine", "--annotations", nope, "--out", dir.toString(), "--centre-dropout", "1.5");
        assertThat(dropout.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(dropout.err()).contains("centre dropout must be in [0, 1), found 1.5");
        Run jitter = run("refine", "--annotations", nope, "--out", dir.toString(), "--colour-jitter", "-0.2");
        assertThat(jitter.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(jitter.err()).contains("colour jitter must be in [0, 1), found -0.2");
        Run text = run("refine", "--annotations", nope, "--out", dir.toString(), "--centre-dropout", "lots");
        assertThat(text.code()).isEqualTo(2);
        assertThat(text.err()).contains("--centre-dropout").contains("lots");
    }

    @Test
    void noBoxesRefinesAFolderOfImagesIntoOneAnnotationPerImageWithTheMasksBox(@TempDir Path dir) throws Exception {
        SceneSet set = SceneSet.generate(SceneConfig.defaults().withObjects(1, 1), 4, 9);
        Path images = dir.resolve("images");
        for (int i = 0; i < set.size(); i++) {
            ImageFiles.writePng(set.scenes().get(i).image(), images.resolve("img" + i + ".png"));
        }
        Files.write(images.resolve("broken.png"), new byte[] {1, 2, 3});
        Files.writeString(images.resolve("notes.txt"), "not an image");
        Path out = dir.resolve("out");
        Run r = run("refine", "--no-boxes", "--images", images.toString(), "--out", out.toString(), "--quiet",
                "--patches-per-image", "64", "--threads", "1", "--border-fraction", "0.15");
        assertThat(r.code()).as(r.err()).isEqualTo(RefineCommand.EXIT_SKIPPED);
        assertThat(r.err()).contains("broken.png").contains("image skipped");
        Run asked = run("refine", "--no-boxes", "--images", images.toString(), "--out", dir.resolve("x").toString(),
                "--initial-labels", "grabcut");
        assertThat(asked.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(asked.err()).contains("--initial-labels grabcut").contains("--no-boxes");

        JsonNode res = new ObjectMapper().readTree(out.resolve("annotations.json").toFile());
        assertThat(res.get("categories").get(0).get("name").asText()).isEqualTo("object");
        assertThat(res.get("images")).hasSize(5);
        assertThat(res.get("images").get(0).get("file_name").asText()).isEqualTo("broken.png");
        assertThat(res.get("annotations")).as("one per readable image").hasSize(4);
        for (JsonNode a : res.get("annotations")) {
            long id = a.get("id").asLong();
            assertThat(a.get("image_id").asLong()).isEqualTo(id);
            assertThat(a.get("category_id").asLong()).isEqualTo(1);
            JsonNode seg = a.get("segmentation");
            int h = seg.get("size").get(0).asInt();
            int w = seg.get("size").get(1).asInt();
            BinaryMask mask = CocoRle.decode(seg.get("counts").asText(), h, w);
            assertThat(mask).isEqualTo(ImageFiles.readMask(out.resolve("masks").resolve(id + ".png")));
            var b = mask.bounds();
            assertThat(a.get("bbox").toString()).isEqualTo("[" + b.x0Px() + "," + b.y0Px() + "," + b.widthPx() + ","
                    + b.heightPx() + "]");
            assertThat(a.get("area").asLong()).isEqualTo(mask.count());
        }
        try (var overlays = Files.list(out.resolve("overlays"))) {
            assertThat(overlays.count()).isEqualTo(4);
        }
        ModelFile.Loaded loaded = ModelFile.read(out.resolve(ApplyLoop.MODEL_FILE));
        loaded.classifier().close();
        assertThat(loaded.info().settings()).containsEntry("initialLabels", "BORDER").containsEntry("borderFraction", 0.15);
        assertThat(loaded.shapePriors()).as("box-free: no tags to learn shapes from").isNull();

        Run both = run("refine", "--no-boxes", "--images", images.toString(), "--annotations", "a.json", "--out",
                out.toString());
        assertThat(both.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(both.err()).contains("--annotations is not used");
        Run noFolder = run("refine", "--no-boxes", "--out", out.toString());
        assertThat(noFolder.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(noFolder.err()).contains("--no-boxes needs --images");
        Run empty = run("refine", "--no-boxes", "--images", dir.resolve("out/masks").resolve("none").toString(),
                "--out", out.toString());
        assertThat(empty.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(empty.err()).contains("image folder not found");
    }

    @Test
    void badInputExitsWithTwoAndSaysWhy(@TempDir Path dir) {
        Run missing = run("refine", "--annotations", dir.resolve("nope.json").toString(), "--out", dir.toString());
        assertThat(missing.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(missing.err()).contains("nope.json");
        Run arch = run("refine", "--annotations", dir.resolve("nope.json").toString(), "--out", dir.toString(),
                "--arch", "resnet");
        assertThat(arch.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(arch.err()).contains("--arch must be dense or reference");
        Run overlap = run("refine", "--annotations", dir.resolve("nope.json").toString(), "--out", dir.toString(),
                "--overlap", "merge");
        assertThat(overlap.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(overlap.err()).contains("--overlap must be keep or exclusive").contains("merge");
        Run shared = run("refine", "--annotations", dir.resolve("nope.json").toString(), "--out", dir.toString(),
                "--overlap-shared", "1.5");
        assertThat(shared.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(shared.err()).contains("shared confidence must be in (0, 1], found 1.5");
        Run usage = run("refine", "--out", dir.toString());
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).contains("--annotations");
    }

    @Test
    void relabellingRoundsAndGrabCutLabelsRunAndBaselineScoresEveryBox(@TempDir Path dir) throws Exception {
        SceneSetWriter.Written w = SceneSetWriter.write(SceneSet.generate(SceneConfig.defaults(), 3, 5), dir.resolve("data"));
        Path rounds = dir.resolve("rounds");
        Run r = run("refine", "--annotations", w.looseJson().toString(), "--out", dir.resolve("out").toString(),
                "--quiet", "--patches-per-image", "64", "--threads", "1", "--relabel-rounds", "1",
                "--initial-labels", "grabcut", "--save-rounds", rounds.toString(), "--no-overlays");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("round 1:");
        JsonNode round1 = new ObjectMapper().readTree(rounds.resolve("round-1.json").toFile());
        int annotations = round1.get("annotations").size();
        for (JsonNode a : round1.get("annotations")) {
            assertThat(a.has("segmentation")).as("annotation %s", a.get("id")).isTrue();
        }
        Run b = run("baseline", "--annotations", w.looseJson().toString(), "--out", dir.resolve("gc").toString(), "--quiet");
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.out()).contains("grabcut " + annotations + " boxes");
        Run bad = run("refine", "--annotations", w.looseJson().toString(), "--out", dir.resolve("x").toString(),
                "--initial-labels", "magic");
        assertThat(bad.code()).isEqualTo(RefineCommand.EXIT_INPUT);
        assertThat(bad.err()).contains("--initial-labels").contains("magic");
    }
}
