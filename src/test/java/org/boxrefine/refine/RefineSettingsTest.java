package org.boxrefine.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.boxrefine.model.LearningRateSchedule;
import org.boxrefine.model.NetArch;
import org.boxrefine.model.TrainConfig;
import org.boxrefine.patch.SamplingConfig;
import org.boxrefine.patch.WorkingScale;
import org.boxrefine.snap.JointGrabCut;
import org.junit.jupiter.api.Test;

class RefineSettingsTest {

    @Test
    void everySettingSurvivesTheRoundTripThroughNamesAndValues() {
        RefineConfig d = RefineConfig.defaults(7);
        assertThat(RefineSettings.fromSettings(RefineSettings.toSettings(d), d.arch(), 7)).isEqualTo(d);
        RefineConfig odd = new RefineConfig(NetArch.REFERENCE, new WorkingScale(64, 1.5),
                new SamplingConfig(100, 0.3, 0.4, false, 0.15, 0.25, 5000, 0.35), 3, new TrainConfig(64, 3e-4f, 11, 0.35,
                        LearningRateSchedule.COSINE),
                0.42, 0.2, 3, false,
                new SnapConfig(true, 200, 150, 0.7, 4, 0.6, SnapStart.AUTO, 0.9, 3, 0.7, 0.3, 0.65,
                        0.11, 1.25, 3, 0.75, true, 30, 7, 0.03), 2,
                InitialLabels.GRABCUT, 0.12, OverlapRule.KEEP_ALL, 0.7, new BoxSupervision(2, 0.5, 0.2, 1e-4), 9);
        Map<String, Object> s = RefineSettings.toSettings(odd);
        assertThat(s).containsEntry("snapStart", "AUTO").containsEntry("snapAutoConfidence", 0.7)
                .containsEntry("learningRate", 3e-4).containsEntry("trainSeed", 11L)
                .containsEntry("learningRateSchedule", "COSINE").containsEntry("snapMinSizePx", 150.0)
                .containsEntry("snapEdgeBandFraction", 0.11).containsEntry("snapNetworkWeight", 1.25)
                .containsEntry("snapNetworkIterations", 3).containsEntry("snapShapeWeight", 0.75)
                .containsEntry("snapEdgeBandLearned", true).containsEntry("snapSmoothness", 30.0)
                .containsEntry("snapBackgroundComponents", 7).containsEntry("snapReachGap", 0.03);
        assertThat(RefineSettings.fromSettings(s, NetArch.REFERENCE, 9)).isEqualTo(odd);
    }

    @Test
    void missingSettingsTakeTheDefaultsAndWrongTypesAreNamed() {
        Map<String, Object> old = new HashMap<>();
        old.put("threshold", 0.4);
        old.put("tagSizePx", 80);
        RefineConfig c = RefineSettings.fromSettings(old, NetArch.DENSE, 3);
        assertThat(c.threshold()).isEqualTo(0.4);
        assertThat(c.snap().seedThreshold()).as("old models: the threshold seeded snapping too").isEqualTo(0.4);
        assertThat(c.scale().tagSizePx()).isEqualTo(80);
        assertThat(c.snap().start()).isEqualTo(RefineConfig.defaults(3).snap().start());
        assertThat(c.snap().minSizePx()).as("models saved before --snap-min-size never enlarged").isZero();
        assertThat(c.snap().edgeBandFraction()).as("models saved before --snap-edge-band had none").isZero();
        assertThat(c.snap().networkWeight()).as("models saved before --snap-network-weight snapped on colours")
                .isZero();
        assertThat(c.snap().shapeWeight()).as("models saved before shape priors had none").isZero();
        assertThat(c.snap().edgeBandLearned()).as("nor a learned edge band").isFalse();
        assertThat(c.snap().smoothness()).as("and OpenCV's smoothness").isEqualTo(JointGrabCut.OPENCV_SMOOTHNESS);
        assertThat(c.snap().backgroundComponents()).as("and colour models").isEqualTo(SnapConfig.OPENCV_COMPONENTS);
        assertThat(c.snap().reachGap()).as("and pinned no path to the tag's sides").isZero();
        assertThat(c.train().schedule()).as("models saved before schedules trained at a fixed rate")
                .isEqualTo(LearningRateSchedule.FIXED);
        old.put("flip", "yes");
        assertThatThrownBy(() -> RefineSettings.fromSettings(old, NetArch.DENSE, 3))
                .hasMessageContaining("'flip' must be true or false, found yes");
        old.remove("flip");
        old.put("overlap", "MERGE");
        assertThatThrownBy(() -> RefineSettings.fromSettings(old, NetArch.DENSE, 3))
                .hasMessageContaining("'overlap' has an unknown value 'MERGE'");
    }
}
