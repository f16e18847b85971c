package org.boxrefine.dataset;

import java.io.IOException;

/** An image that cannot be used, with the reason to report it under; the message names the file. */
public final class ImageLoadException extends IOException {
    private static final long serialVersionUID = 1L;
    private final Problem.Reason reason;

    public ImageLoadException(Problem.Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Problem.Reason reason() {
        return reason;
    }

    /**
     * The problem for an image whose processing ran out of heap memory. A decoded photo is one large array, so once
     * it is dropped the heap is free again and the next image can be worked on.
     */
    public static ImageLoadException outOfMemory(String file, OutOfMemoryError e) {
        long maxMb = Runtime.getRuntime().maxMemory() >> 20;
        return new ImageLoadException(Problem.Reason.IMAGE_MEMORY, file + ": not enough memory for this image with a "
                + maxMb + " MiB Java heap (" + e.getMessage() + "); give Java more with -Xmx, e.g."
                + " BOXREFINE_JAVA_OPTS=-Xmx8g");
    }

    /**
     * The problem for an image whose processing failed with an unexpected runtime error: a defect, reported for
     * this image (with the error's type, message and where it was thrown) so that the other images' work goes on.
     */
    public static ImageLoadException unexpected(String file, String stage, RuntimeException e) {
        StackTraceElement[] at = e.getStackTrace();
        String where = at.length == 0 ? "" : " at " + at[0];
        ImageLoadException out = new ImageLoadException(Problem.Reason.IMAGE_PROCESSING, file + ": unexpected error while "
                + stage + ": " + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + where
                + " (please report it)");
        out.initCause(e);
        return out;
    }

    /** The reason for any load failure: this exception's own, otherwise {@link Problem.Reason#IMAGE_FILE}. */
    public static Problem.Reason reasonOf(IOException e) {
        return e instanceof ImageLoadException le ? le.reason : Problem.Reason.IMAGE_FILE;
    }
}
