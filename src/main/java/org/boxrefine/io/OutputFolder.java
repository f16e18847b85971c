package org.boxrefine.io;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Decides what happens to an output folder that already holds something, so that two runs never mix silently.
 * This is the one place a run's folder is prepared: refused, cleaned for a new run, or kept for resuming an
 * interrupted one.
 */
public final class OutputFolder {
    private OutputFolder() {
    }

    /** What to do with an existing, non-empty output folder. */
    public enum Mode {
        /** Stop with an error naming the folder. */
        REFUSE,
        /** Remove the previous run's outputs (the files listed in {@link #prepare}) and start afresh. */
        OVERWRITE,
        /**
         * Keep what an interrupted run wrote, so that it can go on where it stopped; only leftover temporary
         * ({@code *.part}) files of writes that were cut short are removed. Whether the folder holds a run that
         * may be resumed is for the caller to check.
         */
        RESUME
    }

    /**
     * Makes {@code folder} ready for a new run: creates it when missing; when it exists and is not empty, refuses
     * or removes the outputs a previous run wrote ({@code outputFiles} and, inside {@code outputSubfolders}, the
     * files with {@code subfolderSuffixes}, plus leftover {@code *.part} files), or, to resume, removes only the
     * leftover {@code *.part} files. Other files are left alone.
     *
     * @throws IOException          (not an {@link OutputException}) when the folder is in use and the mode refuses
     * @throws OutputException      when the folder cannot be created or cleaned
     */
    public static void prepare(Path folder, Mode mode, List<String> outputFiles, List<String> outputSubfolders,
            List<String> subfolderSuffixes) throws IOException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new OutputException(folder + ": cannot use as output folder: it is a file", null);
        }
        if (Files.isDirectory(folder) && !isEmpty(folder)) {
            if (mode == Mode.REFUSE) {
                throw new IOException(folder + ": output folder exists and is not empty; refusing to mix two runs"
                        + " (use --resume to go on with an interrupted run, --overwrite to replace the previous run's"
                        + " outputs, or another --out)");
            }
            if (mode == Mode.RESUME) {
                clean(folder, List.of(), outputSubfolders, List.of(), false);
            } else {
                clean(folder, outputFiles, outputSubfolders, subfolderSuffixes, true);
            }
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new OutputException(folder + ": cannot create output folder: " + AtomicFiles.describe(e), e);
        }
    }

    private static boolean isEmpty(Path folder) throws OutputException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new OutputException(folder + ": cannot list output folder: " + AtomicFiles.describe(e), e);
        }
    }

    private static void clean(Path folder, List<String> files, List<String> subfolders, List<String> suffixes,
            boolean removeEmptySubfolders) throws OutputException {
        try {
            for (String f : files) {
                Files.deleteIfExists(folder.resolve(f));
            }
            deleteParts(folder, List.of());
            for (String sub : subfolders) {
                Path d = folder.resolve(sub);
                if (Files.isDirectory(d)) {
                    deleteParts(d, suffixes);
                    if (!removeEmptySubfolders) {
                        continue;
                    }
                    try {
                        Files.deleteIfExists(d);
                    } catch (DirectoryNotEmptyException keep) {
                        // other files were put there by someone else: left alone
                    }
                }
            }
        } catch (IOException e) {
            throw new OutputException(folder + ": cannot remove the previous run's outputs: "
                    + AtomicFiles.describe(e), e);
        }
    }

    /** Deletes the regular files directly in {@code dir} ending with one of {@code suffixes} or {@code .part}. */
    private static void deleteParts(Path dir, List<String> suffixes) throws IOException {
        List<Path> doomed;
        try (Stream<Path> s = Files.list(dir)) {
            doomed = s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(AtomicFiles.PART_SUFFIX) || suffixes.stream().anyMatch(n::endsWith);
            }).toList();
        }
        for (Path p : doomed) {
            Files.deleteIfExists(p);
        }
    }
}
