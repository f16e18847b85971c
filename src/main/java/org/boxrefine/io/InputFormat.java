package org.boxrefine.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.boxrefine.io.yolo.YoloReader;

/** The box formats boxrefine reads. */
public enum InputFormat {
    COCO, VOC, YOLO, LABELME;

    /** The format named on the command line ({@code coco}, {@code voc}, {@code yolo}, {@code labelme}). */
    public static InputFormat parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format must be coco, voc, yolo or labelme, found '" + name + "'");
        }
    }

    /**
     * The format of a path: a {@code .json} file holding {@code shapes} is LabelMe, any other {@code .json} COCO;
     * an {@code .xml} file VOC; a {@code .yaml}, {@code .yml}, {@code .txt} or {@code .names} file YOLO. A folder
     * is VOC when it has {@code Annotations/} or XML files, YOLO when it has a names file
     * ({@link YoloReader#NAMES_FILES}), LabelMe when it has JSON files.
     *
     * @throws IOException when the path does not exist or matches no format
     */
    public static InputFormat detect(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".json")) {
                return holdsShapes(path) ? LABELME : COCO;
            }
            if (n.endsWith(".xml")) {
                return VOC;
            }
            if (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".txt") || n.endsWith(".names")) {
                return YOLO;
            }
            throw new IOException(path + ": cannot tell the annotation format from the file name; give --format");
        }
        if (!Files.isDirectory(path)) {
            throw new IOException(path + ": file not found");
        }
        if (Files.isDirectory(path.resolve("Annotations")) || has(path, ".xml")) {
            return VOC;
        }
        for (String n : YoloReader.NAMES_FILES) {
            if (Files.isRegularFile(path.resolve(n))) {
                return YOLO;
            }
        }
        if (has(path, ".json")) {
            return LABELME;
        }
        throw new IOException(path + ": cannot tell the annotation format (no Annotations/ or *.xml, no "
                + String.join(" or ", YoloReader.NAMES_FILES) + ", no *.json); give --format");
    }

    private static boolean has(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(suffix));
        }
    }

    /**
     * Whether a JSON file's top-level object has a {@code shapes} field (LabelMe), read as a stream
     * up to the first of {@code shapes}, {@code images} or {@code annotations}, so that a large COCO
     * file is not parsed twice. A file that is not a JSON object counts as COCO, whose reader
     * reports what is wrong with it (with line and column).
     */
    private static boolean holdsShapes(Path file) throws IOException {
        try (JsonParser p = JsonFiles.LENIENT.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if ("shapes".equals(name)) {
                    return true;
                }
                if ("images".equals(name) || "annotations".equals(name)) {
                    return false;
                }
                p.nextToken();
                p.skipChildren();
            }
            return false;
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
