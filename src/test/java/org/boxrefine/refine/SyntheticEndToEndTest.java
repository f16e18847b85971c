package org.boxrefine.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.ImageSource;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.eval.BoxIou;
import org.boxrefine.image.RgbImage;
import org.boxrefine.model.EngineSetup;
import org.boxrefine.model.PatchClassifier;
import org.boxrefine.model.TrainingListener;
import org.boxrefine.synth.Scene;
import org.boxrefine.synth.SceneConfig;
import org.boxrefine.synth.SceneSet;
import org.junit.jupiter.api.Test;

/**
 * Trains with the default configuration on generated scenes with loose boxes and checks that the
 * masks beat the boxes clearly (measured: 0.504 against 0.406) and repeat exactly with the same seed.
 */
public class SyntheticEndToEndTest {

    static final int SCENES = 16;

    public record Result(double boxIou, double refinedIou, List<BinaryMask> masks) {
    }

    public static Result run(RefineConfig cfg, long sceneSeed) {
        EngineSetup.start(2);
        SceneSet set = SceneSet.generate(SceneConfig.defaults(), SCENES, sceneSeed);
        List<ImageRecord> records = SceneRecords.of(set);
        Map<Long, Scene> scenes = new HashMap<>();
        for (int i = 0; i < set.size(); i++) {
            scenes.put((long) i, set.scenes().get(i));
        }
        ImageSource source = r -> {
            Scene s = scenes.get(r.imageId());
            if (s == null) {
                throw new IOException("no scene " + r.imageId());
            }
            return s.image();
        };
        Refiner refiner = new Refiner(cfg);
        double box = 0;
        double refined = 0;
        int n = 0;
        List<BinaryMask> masks = new ArrayList<>();
        try (PatchClassifier c = refiner.train(records, source, TrainingListener.NONE, (r, e) -> {
            throw new AssertionError(e);
        })) {
            for (ImageRecord r : records) {
                Scene s = scenes.get(r.imageId());
                RgbImage img = s.image();
                List<TagResult> res = refiner.refine(c, img, r.tags());
                for (int k = 0; k < res.size(); k++) {
                    BinaryMask truth = s.objects().get(k).mask();
                    BinaryMask mask = res.get(k).mask().toFull(img.widthPx(), img.heightPx());
                    masks.add(mask);
                    refined += mask.iou(truth);
                    box += BoxIou.iou(r.tags().get(k).box(), truth);
                    n++;
                }
            }
        }
        return new Result(box / n, refined / n, masks);
    }


    @Test
    void refinedMasksBeatTheLooseBoxesAndRepeatWithTheSameSeed() {
        Result r = run(RefineConfig.defaults(1), 42);
        assertThat(r.refinedIou()).as("refined mIoU %.3f vs box %.3f", r.refinedIou(), r.boxIou())
                .isGreaterThan(r.boxIou() + 0.07);
        Result again = run(RefineConfig.defaults(1), 42);
        assertThat(again.masks()).as("same seed, same masks").isEqualTo(r.masks());
    }
}
