package org.boxrefine.io.coco;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.BinaryMask;

/**
 * A finished run's {@code annotations.json} read back for review: every annotation with its image's file name,
 * its category's name, its box and score, and whether it has a mask; masks are decoded on demand.
 */
public final class CocoResults {

    /**
     * One annotation of the result file.
     *
     * @param annotationId the annotation's id
     * @param imageId      its image's id
     * @param fileName     its image's {@code file_name}
     * @param category     its category's name, or null when the file names none
     * @param box          its {@code bbox}, or null when missing or malformed
     * @param score        its {@code score}, or NaN when it has none
     * @param hasMask      whether it has a segmentation (it was refined)
     */
    public record Row(long annotationId, long imageId, String fileName, String category, BoxPx box, double score,
            boolean hasMask) {
        /** Whether the run refined this annotation: it has a mask, a box and a finite score. */
        public boolean refined() {
            return hasMask && box != null && Double.isFinite(score);
        }
    }

    private final Path file;
    private final List<Row> rows;
    private final CocoTruth masks;

    private CocoResults(Path file, List<Row> rows, CocoTruth masks) {
        this.file = file;
        this.rows = List.copyOf(rows);
        this.masks = masks;
    }

    /**
     * Reads a result file written by {@code refine}.
     *
     * @throws IOException naming the file when it is missing or not a COCO file
     */
    public static CocoResults read(Path file) throws IOException {
        ObjectNode root = CocoJson.readObject(file);
        CocoTruth masks = CocoTruth.readPredictions(file, root);
        Map<Long, String> fileNames = new HashMap<>();
        for (JsonNode img : root.path("images")) {
            OptionalLong id = CocoJson.integral(img.get("id"));
            if (id.isPresent() && img.path("file_name").isTextual()) {
                fileNames.putIfAbsent(id.getAsLong(), img.get("file_name").asText());
            }
        }
        Map<Long, String> categories = new HashMap<>();
        for (JsonNode cat : root.path("categories")) {
            OptionalLong id = CocoJson.integral(cat.get("id"));
            if (id.isPresent() && cat.path("name").isTextual()) {
                categories.putIfAbsent(id.getAsLong(), cat.get("name").asText());
            }
        }
        Map<Long, JsonNode> annotations = new HashMap<>();
        for (JsonNode ann : root.path("annotations")) {
            OptionalLong id = CocoJson.integral(ann.get("id"));
            if (id.isPresent()) {
                annotations.putIfAbsent(id.getAsLong(), ann);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (CocoTruth.Entry e : masks.entries()) {
            JsonNode ann = annotations.get(e.annotationId());
            JsonNode score = ann.get("score");
            OptionalLong category = CocoJson.integral(ann.get("category_id"));
            rows.add(new Row(e.annotationId(), e.imageId(), fileNames.getOrDefault(e.imageId(), "image " + e.imageId()),
                    category.isPresent() ? categories.get(category.getAsLong()) : null, e.box(),
                    score != null && score.isNumber() ? score.doubleValue() : Double.NaN, e.hasMask()));
        }
        return new CocoResults(file, rows, masks);
    }

    public Path file() {
        return file;
    }

    /** Every usable annotation, in the file's order. */
    public List<Row> rows() {
        return rows;
    }

    /** Problems met while reading, one line each, naming the file and the annotation. */
    public List<String> warnings() {
        return masks.warnings();
    }

    /**
     * Decodes an annotation's mask, at the size of its image.
     *
     * @throws IOException naming the file and the annotation when it has no mask or the mask is malformed
     */
    public BinaryMask mask(long annotationId) throws IOException {
        return masks.mask(annotationId);
    }
}
