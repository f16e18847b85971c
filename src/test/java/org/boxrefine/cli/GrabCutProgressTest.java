package org.boxrefine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.refine.PlainGrabCut;
import org.junit.jupiter.api.Test;

class GrabCutProgressTest {
    private static ImageRecord image(long id) {
        return new ImageRecord(id, "img_" + id + ".png", 4, 3, List.of());
    }

    private static PlainGrabCut.BoxMask mask(long id, double seconds) {
        return new PlainGrabCut.BoxMask(id, new BinaryMask(4, 3), seconds);
    }

    @Test
    void countsImagesAndSkipsKeepsEachCallsSecondsAndPassesEveryMaskOn() {
        for (boolean printSkipped : new boolean[] {true, false}) {
            StringWriter text = new StringWriter();
            List<Long> seen = new ArrayList<>();
            GrabCutProgress p = new GrabCutProgress(new PrintWriter(text, true), 3, true, printSkipped,
                    m -> seen.add(m.annotationId()));
            p.onImage(image(1), List.of(mask(10, 0.5), mask(11, 0.25)));
            p.onSkipped(image(2), new IOException("truncated file"));
            p.onImage(image(3), List.of(mask(30, 2.0)));
            p.finish();
            assertThat(p.loaded()).isEqualTo(2);
            assertThat(p.skipped()).isEqualTo(1);
            assertThat(p.secondsPerBox()).containsExactly(0.5, 0.25, 2.0);
            assertThat(seen).containsExactly(10L, 11L, 30L);
            if (printSkipped) {
                assertThat(text.toString()).isEqualTo("skipped image 2 (img_2.png): truncated file"
                        + System.lineSeparator());
            } else {
                assertThat(text.toString()).as("quiet, skips not printed").isEmpty();
            }
        }
    }
}
