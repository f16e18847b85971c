package org.boxrefine.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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

    /** The body of a write of several files at once. */
    @FunctionalInterface
    public interface MultiWriter {
        /** Writes the files, {@code out.get(i)} being the stream of the {@code i}-th target. */
        void writeTo(List<OutputStream> out) throws IOException;
    }

    /** Writes {@code target} whole or not at all. */
    public static void write(Path target, Writer body) throws OutputException {
        writeAll(List.of(target), out -> body.writeTo(out.get(0)));
    }

    /**
     * Writes several files in one pass, each whole or not at all: when the body fails, none is written. The
     * {@link OutputException} names the target whose stream failed, or the first target when the body itself
     * failed.
     */
    public static void writeAll(List<Path> targets, MultiWriter body) throws OutputException {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("at least one file to write must be given, found none");
        }
        List<Path> tmps = new ArrayList<>();
        Path[] blamed = {null};
        Path at = targets.get(0);
        try {
            try (Streams streams = new Streams()) {
                for (Path target : targets) {
                    at = target;
                    Path dir = target.toAbsolutePath().getParent();
                    Files.createDirectories(dir);
                    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), PART_SUFFIX);
                    tmps.add(tmp);
                    streams.list.add(new Blamed(new BufferedOutputStream(Files.newOutputStream(tmp)), target, blamed));
                }
                at = targets.get(0);
                try {
                    body.writeTo(Collections.unmodifiableList(streams.list));
                } catch (IOException | RuntimeException e) {
                    if (blamed[0] == null) {
                        blamed[0] = at;
                    }
                    throw e;
                }
            }
            for (int i = 0; i < targets.size(); i++) {
                at = targets.get(i);
                try {
                    Files.move(tmps.get(i), at, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmps.get(i), at, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException | RuntimeException e) {
            for (Path tmp : tmps) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw new OutputException((blamed[0] != null ? blamed[0] : at) + ": cannot write: " + describe(e), e);
        }
    }

    /** The streams of one write, closed together: each one is closed, the first failure thrown with the others. */
    private static final class Streams implements Closeable {
        final List<OutputStream> list = new ArrayList<>();

        @Override
        public void close() throws IOException {
            IOException first = null;
            for (OutputStream s : list) {
                try {
                    s.close();
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /** A target's stream that records its target as the one that failed when it is the first to throw. */
    private static final class Blamed extends FilterOutputStream {
        private final Path target;
        private final Path[] failed;

        Blamed(OutputStream out, Path target, Path[] failed) {
            super(out);
            this.target = target;
            this.failed = failed;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw blame(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw blame(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw blame(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                throw blame(e);
            }
        }

        private IOException blame(IOException e) {
            if (failed[0] == null) {
                failed[0] = target;
            }
            return e;
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
