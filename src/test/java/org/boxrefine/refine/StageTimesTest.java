package org.boxrefine.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StageTimesTest {

    @Test
    void timeReturnsTheResultAndCountsItsUnitsUnderItsStageOnly() {
        StageTimes t = new StageTimes();
        float[] map = t.time(StageTimes.Stage.PREDICT, () -> new float[12], m -> m.length);
        assertThat(map).hasSize(12);
        assertThat(t.time(StageTimes.Stage.SNAP, () -> "snapped")).isEqualTo("snapped");
        t.time(StageTimes.Stage.SNAP, () -> "again");
        assertThat(t.count(StageTimes.Stage.PREDICT)).isEqualTo(12);
        assertThat(t.count(StageTimes.Stage.SNAP)).isEqualTo(2);
        for (StageTimes.Stage s : StageTimes.Stage.values()) {
            if (s != StageTimes.Stage.PREDICT && s != StageTimes.Stage.SNAP) {
                assertThat(t.count(s)).as("%s", s).isZero();
                assertThat(t.nanos(s)).as("%s", s).isZero();
            }
        }
    }

    @Test
    void workThatThrowsAddsNothing() {
        StageTimes t = new StageTimes();
        assertThatThrownBy(() -> t.time(StageTimes.Stage.SNAP, () -> {
            throw new IllegalStateException("no crop");
        })).hasMessage("no crop");
        assertThat(t.count(StageTimes.Stage.SNAP)).isZero();
        assertThat(t.nanos(StageTimes.Stage.SNAP)).isZero();
    }
}
