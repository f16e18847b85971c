package org.boxrefine.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SceneSetTest {

    @Test
    void sameSeedGivesTheSameSet() {
        SceneSet a = SceneSet.generate(SceneConfig.defaults(), 4, 99);
        SceneSet b = SceneSet.generate(SceneConfig.defaults(), 4, 99);
        assertThat(a.size()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(b.scenes().get(i).image().data()).isEqualTo(a.scenes().get(i).image().data());
            assertThat(b.scenes().get(i).objects()).isEqualTo(a.scenes().get(i).objects());
        }
    }

    @Test
    void differentSeedsGiveDifferentSets() {
        SceneSet a = SceneSet.generate(SceneConfig.defaults(), 3, 1);
        SceneSet b = SceneSet.generate(SceneConfig.defaults(), 3, 2);
        for (int i = 0; i < 3; i++) {
            assertThat(b.scenes().get(i).objects().get(0).mask())
                    .isNotEqualTo(a.scenes().get(i).objects().get(0).mask());
        }
    }

    @Test
    void scenesOfASetDifferFromEachOther() {
        SceneSet set = SceneSet.generate(SceneConfig.defaults(), 3, 5);
        assertThat(set.scenes().get(1).objects().get(0).mask())
                .isNotEqualTo(set.scenes().get(0).objects().get(0).mask());
    }

    @Test
    void aLongerSetFromTheSameSeedStartsWithTheShorterOne() {
        SceneSet shortSet = SceneSet.generate(SceneConfig.defaults(), 2, 8);
        SceneSet longSet = SceneSet.generate(SceneConfig.defaults(), 5, 8);
        for (int i = 0; i < 2; i++) {
            assertThat(longSet.scenes().get(i).image().data()).isEqualTo(shortSet.scenes().get(i).image().data());
        }
    }

    @Test
    void countsObjectsOverAllScenes() {
        SceneSet set = SceneSet.generate(SceneConfig.defaults(), 6, 3);
        int expected = set.scenes().stream().mapToInt(s -> s.objects().size()).sum();
        assertThat(set.objectCount()).isEqualTo(expected).isGreaterThanOrEqualTo(6);
    }

    @Test
    void namesScenesWithThreeDigits() {
        assertThat(SceneSet.sceneName(0)).isEqualTo("scene_000");
        assertThat(SceneSet.sceneName(42)).isEqualTo("scene_042");
        assertThat(SceneSet.sceneName(1234)).isEqualTo("scene_1234");
    }

    @Test
    void rejectsANegativeCount() {
        assertThatThrownBy(() -> SceneSet.generate(SceneConfig.defaults(), -1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("found -1");
    }
}
