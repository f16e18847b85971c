package org.boxrefine.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.BinaryMask;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static BinaryMask rect(int w, int h, int x0, int y0, int x1, int y1) {
        BinaryMask m = new BinaryMask(w, h);
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                m.set(x, y, true);
            }
        }
        return m;
    }

    @Test
    void recordsPerBoxIousAndSummarises() {
        BinaryMask truth = rect(10, 10, 2, 2, 6, 6);
        BinaryMask pred = rect(10, 10, 2, 2, 6, 5);
        BoxPx box = BoxPx.fromXywh(1, 1, 6, 6);
        Evaluation ev = new Evaluation();

        BoxEval a = ev.add(1, 100, box, truth, pred);
        BoxEval b = ev.add(2, 100, box, truth, null);
        BoxEval c = ev.add(3, 101, BoxPx.fromXywh(2, 2, 4, 4), truth, truth);
        EvalReport report = ev.report();

        assertThat(a.iouPred()).isEqualTo(pred.iou(truth)).isEqualTo(12.0 / 16);
        assertThat(a.iouBox()).isEqualTo(16.0 / 36);
        assertThat(b.predicted()).isFalse();
        assertThat(b.iouPred()).isZero();
        assertThat(c.iouPred()).isEqualTo(1.0);
        assertThat(c.iouBox()).isEqualTo(1.0);
        assertThat(report.boxes()).containsExactly(a, b, c);
        EvalSummary s = report.summary();
        assertThat(s.boxes()).isEqualTo(3);
        assertThat(s.missingPredictions()).isEqualTo(1);
        assertThat(s.meanIouPred()).isEqualTo((0.75 + 0 + 1) / 3);
        assertThat(s.meanIouBox()).isEqualTo((16.0 / 36 + 16.0 / 36 + 1) / 3);
        assertThat(s.medianIouPred()).isEqualTo(0.75);
        assertThat(s.medianIouBox()).isEqualTo(16.0 / 36);
        assertThat(report.worst(2)).containsExactly(b, a);
        assertThat(report.worst(10)).containsExactly(b, a, c);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        EvalSummary s = Evaluation.summarize(List.of(new BoxEval(1, 1, true, 0.9, 0.1),
                new BoxEval(2, 1, true, 0.2, 0.3), new BoxEval(3, 1, true, 0.4, 0.5),
                new BoxEval(4, 1, true, 0.6, 0.7)));

        assertThat(s.medianIouPred()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(s.medianIouBox()).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(s.missingPredictions()).isZero();
    }

    @Test
    void emptyEvaluationHasNanMeans() {
        EvalSummary s = new Evaluation().report().summary();

        assertThat(s.boxes()).isZero();
        assertThat(s.meanIouPred()).isNaN();
        assertThat(s.medianIouBox()).isNaN();
    }

    @Test
    void rejectsPredictionsOfAnotherSizeAndInvalidRecords() {
        Evaluation ev = new Evaluation();
        BinaryMask truth = new BinaryMask(4, 4);

        assertThatThrownBy(() -> ev.add(1, 1, BoxPx.fromXywh(0, 0, 1, 1), truth, new BinaryMask(4, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4x5");
        assertThatThrownBy(() -> new BoxEval(1, 1, true, 1.5, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
        assertThatThrownBy(() -> new BoxEval(1, 1, false, 0.5, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.5");
    }
}
