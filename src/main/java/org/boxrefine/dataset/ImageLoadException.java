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

    /** The reason for any load failure: this exception's own, otherwise {@link Problem.Reason#IMAGE_FILE}. */
    public static Problem.Reason reasonOf(IOException e) {
        return e instanceof ImageLoadException le ? le.reason : Problem.Reason.IMAGE_FILE;
    }
}
