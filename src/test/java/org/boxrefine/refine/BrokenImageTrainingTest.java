package org.boxrefine.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.boxrefine.dataset.ImageLoadException;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.Problem;
import org.boxrefine.model.PatchClassifier;
import org.boxrefine.model.TrainingListener;
import org.boxrefine.synth.SceneConfig;
import org.boxrefine.synth.SceneSet;
import org.junit.jupiter.api.Test;

/**
 * An unexpected error while making one image's training labels is reported for that image, once, and the network
 * learns from the others (it used to end the whole training).
 */
class BrokenImageTrainingTest {

    @Test
    void anImageWhoseLabellingFailsIsReportedOnceAndLeftOutOfTraining() {
        SceneSet set = SceneSet.generate(SceneConfig.defaults(), 4, 11);
        List<ImageRecord> records = SceneRecords.of(set);
        RefineConfig d = RefineConfig.defaults(1);
        RefineConfig cfg = new RefineConfig(d.arch(), d.scale(), d.sampling(), 1, d.train(), d.threshold(),
                d.minPartFraction(), d.gridStepPx(), d.fillHoles(), d.snap(), 1, InitialLabels.GRABCUT,
                d.borderFraction(), d.overlap(), d.sharedConfidence(), d.boxSupervision(), d.seed());
        List<Long> loaded = new ArrayList<>();
        List<String> reported = new ArrayList<>();
        Refiner refiner = new Refiner(cfg);
        try (PatchClassifier c = refiner.train(records, r -> {
            if (r.imageId() == 2) {
                throw new IllegalStateException("terminal capacities must be at least 0, found NaN");
            }
            synchronized (loaded) {
                loaded.add(r.imageId());
            }
            return set.scenes().get((int) r.imageId()).image();
        }, TrainingListener.NONE, (r, e) -> reported.add(r.imageId() + " " + reasonAndMessage(e)),
                Refiner.RoundListener.NONE)) {
            assertThat(c.arch()).isEqualTo(cfg.arch());
        }
        assertThat(reported).containsExactly("2 IMAGE_PROCESSING scene2: unexpected error while making its training"
                + " labels: java.lang.IllegalStateException: terminal capacities must be at least 0, found NaN");
        assertThat(loaded).as("the other images are labelled, learnt from and re-labelled").contains(0L, 1L, 3L);
        assertThat(refiner.lastTraining().patches()).isPositive();
        int otherTags = records.stream().filter(r -> r.imageId() != 2).mapToInt(r -> r.tags().size()).sum();
        assertThat(refiner.shapePriors().categories().values().stream().mapToInt(ShapePriors.Counts::tags).sum())
                .as("the shape priors count the other images' tags only").isEqualTo(otherTags);
    }

    private static String reasonAndMessage(IOException e) {
        String m = e.getMessage();
        int at = m.lastIndexOf(" at ");
        return ImageLoadException.reasonOf(e) + " " + (at < 0 ? m : m.substring(0, at));
    }
}
