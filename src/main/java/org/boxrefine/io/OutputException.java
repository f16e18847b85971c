package org.boxrefine.io;

import java.io.IOException;

/**
 * An output file or folder could not be written (no space left, no permission, a file where a folder should be).
 * Unlike a bad input, it ends the run: every later write would fail too.
 */
public final class OutputException extends IOException {
    private static final long serialVersionUID = 1L;

    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
