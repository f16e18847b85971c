package org.boxrefine.dataset;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class BrokenRunCheckTest {
    private static IOException unexpected(String file, String message) {
        return ImageLoadException.unexpected(file, "refining it", new IllegalStateException(message));
    }

    @Test
    void theThirdIdenticalUnexpectedFailureBeforeAnySuccessStopsTheRun() throws IOException {
        BrokenRunCheck check = new BrokenRunCheck();
        check.failed(unexpected("a.jpg", "engine gone"));
        check.failed(new IOException("b.jpg: cannot decode"));
        check.failed(unexpected("c.jpg", "engine gone"));
        assertThatThrownBy(() -> check.failed(unexpected("d.jpg", "engine gone"))).isInstanceOf(IOException.class)
                .hasMessageStartingWith("stopped: the first 3 images")
                .hasMessageContaining("d.jpg: unexpected error while refining it: java.lang.IllegalStateException:"
                        + " engine gone");
    }

    @Test
    void afterOneImageIsDoneUnexpectedFailuresAreTheImagesOwn() {
        BrokenRunCheck check = new BrokenRunCheck();
        assertThatCode(() -> {
            check.failed(unexpected("a.jpg", "engine gone"));
            check.succeeded();
            for (int i = 0; i < 10; i++) {
                check.failed(unexpected("x" + i + ".jpg", "engine gone"));
            }
        }).doesNotThrowAnyException();
    }

    @Test
    void differentUnexpectedErrorsAreTheImagesOwn() {
        BrokenRunCheck check = new BrokenRunCheck();
        assertThatCode(() -> {
            check.failed(unexpected("a.jpg", "capacities found NaN"));
            check.failed(unexpected("b.jpg", "index 7 out of bounds"));
            for (int i = 0; i < 10; i++) {
                check.failed(unexpected("x" + i + ".jpg", "capacities found NaN"));
            }
        }).doesNotThrowAnyException();
    }
}
