package org.boxrefine.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SceneConfigTest {

    @Test
    void defaultsAreTheDocumentedValues() {
        SceneConfig d = SceneConfig.defaults();
        assertThat(d).isEqualTo(new SceneConfig(96, 160, 96, 160, 1, 3, 0.30, 0.65, 0.05, 0.10, 0.25, 4.0));
    }

    @Test
    void rejectsAnInvertedImageSizeRangeSayingWhatWasFound() {
        assertThatThrownBy(() -> SceneConfig.defaults().withImageSize(160, 96))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image width")
                .hasMessageContaining("[160, 96]");
    }

    @Test
    void rejectsZeroObjects() {
        assertThatThrownBy(() -> SceneConfig.defaults().withObjects(0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("objects per image")
                .hasMessageContaining("[0, 2]");
    }

    @Test
    void rejectsObjectsTooSmallToDraw() {
        assertThatThrownBy(() -> new SceneConfig(16, 32, 16, 32, 1, 2, 0.1, 0.5, 0.05, 0.1, 0.25, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least " + SceneConfig.MIN_OBJECT_PX + " px")
                .hasMessageContaining("found 1.6 px");
    }

    @Test
    void acceptsZeroPaddingButNotNegativePadding() {
        assertThat(new SceneConfig(96, 96, 96, 96, 1, 1, 0.3, 0.3, 0, 0, 0, 0).maxPadFrac()).isZero();
        assertThatThrownBy(() -> new SceneConfig(96, 96, 96, 96, 1, 1, 0.3, 0.3, -0.1, 0.1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("padding")
                .hasMessageContaining("[-0.1, 0.1]");
    }

    @Test
    void rejectsNaNNoise() {
        assertThatThrownBy(() -> new SceneConfig(96, 96, 96, 96, 1, 1, 0.3, 0.3, 0, 0, 0, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("noise")
                .hasMessageContaining("NaN");
    }

    @Test
    void withersChangeOnlyTheirRange() {
        SceneConfig c = SceneConfig.defaults().withImageSize(64, 64).withObjects(2, 2);
        assertThat(c.minWidthPx()).isEqualTo(64);
        assertThat(c.maxHeightPx()).isEqualTo(64);
        assertThat(c.minObjects()).isEqualTo(2);
        assertThat(c.maxObjectFrac()).isEqualTo(SceneConfig.defaults().maxObjectFrac());
    }
}
