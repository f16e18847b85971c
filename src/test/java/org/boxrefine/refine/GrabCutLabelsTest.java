package org.boxrefine.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.CroppedMask;
import org.boxrefine.patch.SamplingConfig;
import org.boxrefine.synth.SceneConfig;
import org.boxrefine.synth.SceneSet;
import org.junit.jupiter.api.Test;

/** {@link InitialLabels#GRABCUT}: which images are labelled, and labels that do not depend on the thread count. */
class GrabCutLabelsTest {

    private static RefineConfig grabCutLabels(SamplingConfig sampling) {
        RefineConfig d = RefineConfig.defaults(1);
        return new RefineConfig(d.arch(), d.scale(), sampling, d.epochs(), d.train(), d.threshold(),
                d.minPartFraction(), d.gridStepPx(), d.fillHoles(), d.snap(), 0, InitialLabels.GRABCUT,
                d.borderFraction(), d.overlap(), d.sharedConfidence(), d.boxSupervision(), d.seed());
    }

    private static List<ImageRecord> records(int n) {
        List<ImageRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ImageRecord(i, "img" + i, 100, 100, List.of(new Tag(i + 1, 1, new BoxPx(10, 10, 60, 60)))));
        }
        return out;
    }

    @Test
    void largeDataSetsAreLabelledOnAnEvenlySpreadSampleThatTheBudgetFills() {
        Refiner r = new Refiner(grabCutLabels(new SamplingConfig(512, 0.5, 0.5, true, 0.2, 0.5, 81_920)));
        List<ImageRecord> all = records(850);
        List<ImageRecord> sample = r.labelSample(all);
        assertThat(sample).hasSize(160);
        assertThat(new HashSet<>(sample)).hasSize(160);
        assertThat(sample.get(0)).isSameAs(all.get(0));
        for (int i = 1; i < sample.size(); i++) {
            long gap = sample.get(i).imageId() - sample.get(i - 1).imageId();
            assertThat(gap).as("gap before sample %d", i).isBetween(5L, 6L);
        }
        assertThat(r.plannedPatches(all)).isEqualTo(160L * 512);

        List<ImageRecord> few = records(150);
        assertThat(r.labelSample(few)).isEqualTo(few);
    }

    @Test
    void labelsAreTheSameOnOneThreadOrTwoAndCutBackgroundOutOfTheTags() {
        SceneSet set = SceneSet.generate(SceneConfig.defaults(), 4, 7);
        List<ImageRecord> records = SceneRecords.of(set);
        RefineConfig cfg = grabCutLabels(RefineConfig.defaults(1).sampling());
        Map<Long, List<CroppedMask>> one = new Refiner(cfg, new StageTimes(), 1).grabCutLabels(records,
                r -> set.scenes().get((int) r.imageId()).image());
        Map<Long, List<CroppedMask>> two = new Refiner(cfg, new StageTimes(), 2).grabCutLabels(records,
                r -> set.scenes().get((int) r.imageId()).image());
        assertThat(two.keySet()).containsExactlyElementsOf(one.keySet());
        int masks = 0;
        int background = 0;
        for (Map.Entry<Long, List<CroppedMask>> e : one.entrySet()) {
            List<CroppedMask> a = e.getValue();
            List<CroppedMask> b = two.get(e.getKey());
            assertThat(b).hasSameSizeAs(a);
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.get(i).rectPx()).isEqualTo(a.get(i).rectPx());
                assertThat(b.get(i).mask().data()).as("image %d tag %d", e.getKey(), i)
                        .isEqualTo(a.get(i).mask().data());
                masks++;
                for (byte v : a.get(i).mask().data()) {
                    background += v == 0 ? 1 : 0;
                }
            }
        }
        assertThat(masks).isEqualTo(records.stream().mapToInt(r -> r.tags().size()).sum());
        assertThat(background).as("in-tag pixels GrabCut labels background").isPositive();
    }
}
