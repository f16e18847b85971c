package org.boxrefine.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads JSON files with errors that name the file, and the line and column where the parser stopped. */
public final class JsonFiles {
    private static final int SHOWN_CHARS = 80;

    /** A mapper that also accepts {@code NaN} and {@code Infinity}, as Python's {@code json} writes them. */
    public static final ObjectMapper LENIENT = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private JsonFiles() {
    }

    /**
     * Reads a file holding one JSON object.
     *
     * @throws IOException naming the file: missing, unreadable, malformed (with line and column), or not an object
     */
    public static ObjectNode readObject(Path file, ObjectMapper mapper) throws IOException {
        return readObject(file, mapper, "JSON");
    }

    /** As {@link #readObject(Path, ObjectMapper)}, for a mapper of another syntax ({@code kind}: "YAML"). */
    public static ObjectNode readObject(Path file, ObjectMapper mapper, String kind) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": file not found");
        }
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = mapper.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new IOException(file + ": malformed " + kind + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IOException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IOException(file + ": empty file, expected a " + kind + " object");
        }
        if (!root.isObject()) {
            throw new IOException(file + ": expected a JSON object at the top level, found " + describe(root));
        }
        return (ObjectNode) root;
    }

    /** A short rendering of a node for messages. */
    public static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing (field missing)";
        }
        String text = node.toString();
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
    }
}
