package org.boxrefine.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium run headless to load a page and print its DOM after its scripts ran ({@code --dump-dom}).
 * Found as {@code $BOXREFINE_CHROMIUM}, or {@code chromium}, {@code chromium-browser} or {@code google-chrome}
 * on the PATH.
 */
final class HeadlessChromium {
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final long LIMIT_S = 120;

    private HeadlessChromium() {
    }

    /** The browser, when installed. */
    static Optional<Path> find() {
        String given = System.getenv("BOXREFINE_CHROMIUM");
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given)).filter(Files::isExecutable);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : NAMES) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Loads {@code page} (with {@code fragment} after '#', or none when empty) and returns the DOM as Chromium
     * serialises it once the page has loaded and its scripts ran.
     *
     * @param profile an empty folder for the browser's profile
     */
    static String dumpDom(Path browser, Path page, String fragment, Path profile) throws IOException,
            InterruptedException {
        String uri = page.toAbsolutePath().toUri() + (fragment.isEmpty() ? "" : "#" + fragment);
        Path errors = profile.resolve("stderr.txt");
        Process p = new ProcessBuilder(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile.resolve("profile"),
                "--virtual-time-budget=5000", "--dump-dom", uri)
                .redirectError(errors.toFile())
                .start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(LIMIT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(browser + " did not finish within " + LIMIT_S + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(browser + " exited with " + p.exitValue() + ": " + Files.readString(errors));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
