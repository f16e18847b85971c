package org.boxrefine.dataset;

import java.io.IOException;

/**
 * Tells a broken run from broken images. When the first {@value #LIMIT} images of a run all fail with the same
 * unexpected error ({@link Problem.Reason#IMAGE_PROCESSING}: the same type and message) before any image is done, that
 * error would most likely fail every image (an engine that cannot run, say), so the run stops with it instead of
 * reporting each image. Once an image is done, or an unexpected error differs from the first, failures are the
 * images' own and are only reported.
 */
public final class BrokenRunCheck {
    /** Identical unexpected failures, with no image done, that stop a run. */
    public static final int LIMIT = 3;

    private int unexpected;
    private boolean disarmed;
    private String firstError;

    /** An image was done (in this run or, resumed, in an earlier part of it). */
    public void succeeded() {
        disarmed = true;
    }

    /**
     * An image failed with {@code cause}.
     *
     * @throws IOException naming {@code cause} when it is the {@value #LIMIT}th identical unexpected failure before
     *                     any success
     */
    public void failed(IOException cause) throws IOException {
        if (disarmed || ImageLoadException.reasonOf(cause) != Problem.Reason.IMAGE_PROCESSING) {
            return;
        }
        Throwable error = cause.getCause() == null ? cause : cause.getCause();
        String signature = error.getClass().getName() + ": " + error.getMessage();
        if (firstError == null) {
            firstError = signature;
        } else if (!firstError.equals(signature)) {
            disarmed = true;
            return;
        }
        if (++unexpected >= LIMIT) {
            throw new IOException("stopped: the first " + LIMIT + " images to fail failed with the same unexpected"
                    + " error before any image was done, so the run itself is likely broken; the last: "
                    + cause.getMessage(), cause);
        }
    }
}
