package org.boxrefine.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files whole or not at all: into a temporary sibling ({@code .NAME*.part}), then renamed over the target.
 * When anything fails (a full disk, a folder that cannot be written), the temporary file is removed, the target
 * is left as it was, and an {@link OutputException} names the target and the cause.
 */
public final class AtomicFiles {
    /** Suffix of the temporary files; a folder holding such files saw an interrupted write. */
    public static final String PART_SUFFIX = ".part";

    private AtomicFiles() {
    }

    /** The body of a write. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code target} whole or not at all. */
    public static void write(Path target, Writer body) throws OutputException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), PART_SUFFIX);
            try (OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
                body.writeTo(os);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw new OutputException(target + ": cannot write: " + describe(e), e);
        }
    }

    /** An exception's message, with the failing path, for file system errors whose message is only the path. */
    static String describe(Exception e) {
        if (e instanceof java.nio.file.FileSystemException fse) {
            String reason = fse.getReason();
            String what = fse instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : fse instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way"
                    : fse instanceof java.nio.file.NoSuchFileException ? "no such file or folder"
                    : reason == null ? fse.getClass().getSimpleName() : reason;
            return what + " (" + fse.getFile() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
