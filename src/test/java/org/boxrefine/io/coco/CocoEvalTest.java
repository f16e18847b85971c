package org.boxrefine.io.coco;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.boxrefine.eval.BoxEval;
import org.boxrefine.eval.BoxIou;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.BinaryMask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoEvalTest {
    @TempDir
    Path dir;

    @Test
    void boxesComeFromThePredictionFileElseFromTheTruthAndBadPredictionsCountAsMissing() throws IOException {
        BinaryMask t1 = CocoRleTest.mask(4, 3, "0110", "0110", "0000");
        BinaryMask t2 = CocoRleTest.mask(4, 3, "0000", "0011", "0011");
        BinaryMask p1 = CocoRleTest.mask(4, 3, "0110", "0100", "0000");
        Path truth = dir.resolve("t/truth.json");
        Files.createDirectories(truth.getParent());
        Files.writeString(truth, """
                {"images": [{"id": 5, "file_name": "a.png", "width": 4, "height": 3}],
                 "annotations": [
                   {"id": 1, "image_id": 5, "bbox": [1, 0, 2, 2], "segmentation": {"size": [3, 4], "counts": %s}},
                   {"id": 2, "image_id": 5, "bbox": [2, 1, 2, 2], "segmentation": {"size": [3, 4], "counts": %s}},
                   {"id": 3, "image_id": 5, "bbox": [0, 0, 1, 1], "segmentation": {"size": [3, 4], "counts": %s}}]}
                """.formatted(q(CocoRle.encode(t1)), q(CocoRle.encode(t2)), q(CocoRle.encode(t1))));
        Path pred = dir.resolve("p/annotations.json");
        Files.createDirectories(pred.getParent());
        Files.writeString(pred, """
                {"images": [{"id": 5, "file_name": "a.png", "width": 4, "height": 3}],
                 "annotations": [
                   {"id": 1, "image_id": 5, "bbox": [0, 0, 4, 3], "segmentation": {"size": [3, 4], "counts": %s}},
                   {"id": 3, "image_id": 5, "bbox": [0, 0, 4, 3], "segmentation": {"size": [3, 4], "counts": "<"}}]}
                """.formatted(q(CocoRle.encode(p1))));

        CocoEval.Result r = CocoEval.evaluate(pred, truth);

        assertThat(r.name()).isEqualTo("t/truth");
        assertThat(r.report().boxes()).containsExactly(
                new BoxEval(1, 5, true, p1.iou(t1), BoxIou.iou(BoxPx.fromXywh(0, 0, 4, 3), t1)),
                new BoxEval(2, 5, false, 0, 1.0),
                new BoxEval(3, 5, true, 0, BoxIou.iou(BoxPx.fromXywh(0, 0, 4, 3), t1)));
        assertThat(p1.iou(t1)).isEqualTo(0.75);
        assertThat(r.report().summary().missingPredictions()).isEqualTo(1);
        assertThat(r.warnings()).isEmpty();

        Files.writeString(pred, Files.readString(pred).replace("\"<\"", "\"00\""));
        CocoEval.Result bad = CocoEval.evaluate(pred, truth);

        assertThat(bad.report().boxes().get(2).predicted()).isFalse();
        assertThat(bad.warnings()).singleElement().asString()
                .contains(pred.toString(), "annotation 3", "counted as missing");
    }

    private static String q(String s) throws IOException {
        return CocoJson.MAPPER.writeValueAsString(s);
    }
}
