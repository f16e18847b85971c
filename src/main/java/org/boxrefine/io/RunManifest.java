package org.boxrefine.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a run in an output folder was started with (the data's fingerprint, every mask-deciding setting, the model),
 * kept in {@code OUT/.boxrefine/run.json} so that {@code --resume} only goes on with the same run.
 */
public final class RunManifest {
    /** The output folder's subfolder holding the manifest and the per-image results. */
    public static final String FOLDER = ".boxrefine";
    /** Where, inside {@link #FOLDER}, the per-image results are kept. */
    public static final String IMAGES = FOLDER + "/images";
    static final String FILE = "run.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunManifest() {
    }

    private static Path file(Path outFolder) {
        return outFolder.resolve(FOLDER).resolve(FILE);
    }

    /** Writes the manifest of the run starting in {@code outFolder}, whole or not at all. */
    public static void write(Path outFolder, Map<String, Object> manifest) throws OutputException {
        AtomicFiles.write(file(outFolder), os -> JSON.writeValue(os, manifest));
    }

    /** Whether {@code outFolder} holds a run's manifest. */
    public static boolean exists(Path outFolder) {
        return Files.isRegularFile(file(outFolder));
    }

    /** A text entry of the manifest in {@code outFolder}; empty when there is no manifest or no such entry. */
    public static java.util.Optional<String> text(Path outFolder, String name) throws IOException {
        Path file = file(outFolder);
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        try {
            JsonNode v = JSON.readTree(file.toFile()).get(name);
            return v != null && v.isTextual() ? java.util.Optional.of(v.asText()) : java.util.Optional.empty();
        } catch (IOException e) {
            throw new IOException(file + ": cannot read the run's manifest: " + e.getMessage(), e);
        }
    }

    /**
     * The settings in which the run saved in {@code outFolder} differs from {@code current}, as dotted names
     * ({@code settings.threshold}); empty when they are the same run.
     */
    public static List<String> differences(Path outFolder, Map<String, Object> current) throws IOException {
        Path file = file(outFolder);
        JsonNode saved;
        try {
            saved = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": cannot read the run's manifest: " + e.getMessage(), e);
        }
        List<String> out = new ArrayList<>();
        diff("", saved, normalise(current), out);
        return out;
    }

    /**
     * The names in which {@code saved} and {@code current} differ, each with both values: a name present on one side
     * only counts as a difference ({@code absent} on the other); nested maps give dotted names. Empty when they are
     * the same once written as JSON.
     */
    public static List<String> differences(Map<String, ?> saved, Map<String, ?> current) throws IOException {
        List<String> out = new ArrayList<>();
        diff("", normalise(saved), normalise(current), out);
        return out;
    }

    /** A value as it reads back from JSON, so that saved and current values compare alike. */
    public static JsonNode normalise(Object value) throws IOException {
        return JSON.readTree(JSON.writeValueAsBytes(value));
    }

    private static void diff(String prefix, JsonNode a, JsonNode b, List<String> out) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            for (Iterator<String> it = a.fieldNames(); it.hasNext();) {
                names.add(it.next());
            }
            for (Iterator<String> it = b.fieldNames(); it.hasNext();) {
                names.add(it.next());
            }
            for (String n : names) {
                diff(prefix + n + ".", a.get(n), b.get(n), out);
            }
        } else if (a == null || !a.equals(b)) {
            String name = prefix.substring(0, prefix.length() - 1);
            out.add(name + " (was " + (a == null ? "absent" : a) + ", now " + (b == null ? "absent" : b) + ")");
        }
    }
}
