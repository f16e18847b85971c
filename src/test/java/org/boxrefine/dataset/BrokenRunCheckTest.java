package org.boxrefine.dataset;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class BrokenRunCheckTest {
    private static IOException unexpected(String file) {
        return ImageLoadException.unexpected(file, "refining it", new IllegalStateException("engine gone"));
    }

    @Test
    void theThirdUnexpectedFailureBeforeAnySuccessStopsTheRun() throws IOException {
        BrokenRunCheck check = new BrokenRunCheck();
        check.failed(unexpected("a.jpg"));
        check.failed(new IOException("b.jpg: cannot decode"));
        check.failed(unexpected("c.jpg"));
        assertThatThrownBy(() -> check.failed(unexpected("d.jpg"))).isInstanceOf(IOException.class)
                .hasMessageStartingWith("stopped: the first 3 images")
                .hasMessageContaining("d.jpg: unexpected error while refining it: java.lang.IllegalStateException:"
                        + " engine gone");
    }

    @Test
    void afterOneImageIsDoneUnexpectedFailuresAreTheImagesOwn() {
        BrokenRunCheck check = new BrokenRunCheck();
        assertThatCode(() -> {
            check.failed(unexpected("a.jpg"));
            check.succeeded();
            for (int i = 0; i < 10; i++) {
                check.failed(unexpected("x" + i + ".jpg"));
            }
        }).doesNotThrowAnyException();
    }
}
