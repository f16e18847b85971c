package org.boxrefine.dataset;

import java.io.IOException;

/**
 * Tells a broken run from broken images. When the first {@value #LIMIT} images of a run all fail with an unexpected
 * error ({@link Problem.Reason#IMAGE_PROCESSING}) before any image succeeds, the same defect would most likely fail
 * every image (an engine that cannot run, say), so the run stops with that error instead of reporting each image.
 * Once an image has succeeded, unexpected errors are the images' own and are only reported.
 */
public final class BrokenRunCheck {
    /** Unexpected failures, with no image done, that stop a run. */
    public static final int LIMIT = 3;

    private int unexpected;
    private boolean anyDone;

    /** An image was done. */
    public void succeeded() {
        anyDone = true;
    }

    /**
     * An image failed with {@code cause}.
     *
     * @throws IOException naming {@code cause} when it is the {@value #LIMIT}th unexpected failure before any success
     */
    public void failed(IOException cause) throws IOException {
        if (anyDone || ImageLoadException.reasonOf(cause) != Problem.Reason.IMAGE_PROCESSING) {
            return;
        }
        if (++unexpected >= LIMIT) {
            throw new IOException("stopped: the first " + LIMIT + " images to fail with an unexpected error failed"
                    + " before any image was done, so the run itself is likely broken; the last: "
                    + cause.getMessage(), cause);
        }
    }
}
