package org.boxrefine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boxrefine.model.ModelInfo;
import org.boxrefine.refine.RefineConfig;
import org.boxrefine.refine.RefineSettings;
import org.junit.jupiter.api.Test;

class ModelTrainingTest {
    private static final String SHA = "0123abcd";

    private static ModelInfo model(RefineConfig cfg, Map<String, Object> settings) {
        return new ModelInfo(cfg.arch(), "2024-01-01T00:00:00Z", "boxrefine test", "PyTorch", "0.0", "boxes.json", SHA,
                3, 5, cfg.seed(), settings);
    }

    private static InputOptions.RunInput input(RefineConfig cfg) {
        return new InputOptions.RunInput(null, null, List.of(), 0, null, cfg, SHA, List.of());
    }

    @Test
    void aModelWithTheSameSettingsHasNoDifferences() throws Exception {
        RefineConfig cfg = RefineConfig.defaults(4);
        assertThat(ModelTraining.differences(model(cfg, RefineSettings.toSettings(cfg)), input(cfg))).isEmpty();
    }

    @Test
    void aChangedSettingAndOneOnlyTheModelHoldsAreReported() throws Exception {
        RefineConfig cfg = RefineConfig.defaults(4);
        Map<String, Object> saved = new LinkedHashMap<>(RefineSettings.toSettings(cfg));
        saved.put("threshold", 0.25);
        saved.put("futureSetting", 7);
        List<String> diff = ModelTraining.differences(model(cfg, saved), input(cfg));
        assertThat(diff).hasSize(2);
        assertThat(diff).anySatisfy(d -> assertThat(d).startsWith("threshold (was 0.25, now " + cfg.threshold()));
        assertThat(diff).contains("futureSetting (was 7, now absent)");
    }

    @Test
    void aSettingAnOlderModelLacksComparesAtItsDefault() throws Exception {
        RefineConfig cfg = RefineConfig.defaults(4);
        Map<String, Object> saved = new LinkedHashMap<>(RefineSettings.toSettings(cfg));
        saved.remove("snapGuideRadius");
        assertThat(ModelTraining.differences(model(cfg, saved), input(cfg))).isEmpty();
        RefineConfig other = cfg.withOverlap(cfg.overlap(), cfg.sharedConfidence() / 2);
        assertThat(ModelTraining.differences(model(cfg, saved), input(other))).singleElement()
                .asString().startsWith("sharedConfidence (was " + cfg.sharedConfidence());
    }
}
