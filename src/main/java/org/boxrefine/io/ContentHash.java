package org.boxrefine.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * SHA-256 fingerprints of annotation inputs, recorded in a model's provenance and a run's manifest so that a model
 * or an interrupted run is only reused on the same data. A file is hashed by its bytes. A folder (annotation
 * folders, or the images of a box-free run) is hashed by its files in name order: the relative path and the bytes
 * of annotation files (JSON, XML, TXT, YAML), the relative path and the size of any other file (images), so that
 * large image folders are not read whole.
 */
public final class ContentHash {
    private static final List<String> READ_WHOLE = List.of(".json", ".xml", ".txt", ".yaml", ".yml");

    private ContentHash() {
    }

    /** The hex SHA-256 fingerprint of a file or folder. */
    public static String sha256(Path path) throws IOException {
        MessageDigest md = digest();
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(path)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                String rel = path.relativize(f).toString().replace('\\', '/');
                md.update(rel.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                String name = rel.toLowerCase(Locale.ROOT);
                if (READ_WHOLE.stream().anyMatch(name::endsWith)) {
                    update(md, f);
                } else {
                    md.update(Long.toString(Files.size(f)).getBytes(StandardCharsets.UTF_8));
                }
                md.update((byte) 0);
            }
        } else {
            update(md, path);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void update(MessageDigest md, Path file) throws IOException {
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new IOException(file + ": cannot read: " + AtomicFiles.describe(e), e);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java runtime has no SHA-256", e);
        }
    }
}
