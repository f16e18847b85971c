package org.boxrefine.io.labelme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.boxrefine.dataset.BoxSet;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.io.CategoryTable;
import org.boxrefine.io.JsonFiles;

/**
 * Reads LabelMe JSON files: each {@code rectangle} shape is a box (its two points are opposite corners, in
 * pixels with pixel (x, y) covering [x, x+1) x [y, y+1)); shapes of other types are reported and skipped.
 * {@code imagePath} is relative to the JSON file's folder; {@code imageWidth} and {@code imageHeight} give the size.
 *
 * <p>The input is one JSON file or a folder of them (read in name order; JSON files without {@code shapes} are
 * reported and skipped). Image ids count from 1 per file, annotation ids from 1 over all rectangles in order,
 * category ids from 1 in order of the labels' first use. A malformed file is reported (with line and column) and
 * skipped.
 */
public final class LabelmeReader {
    private static final ObjectMapper MAPPER = JsonFiles.LENIENT;

    private LabelmeReader() {
    }

    /**
     * @param input       a LabelMe JSON file or a folder of them
     * @param imageFolder where images are looked up by the file name of {@code imagePath}; null to resolve
     *                    {@code imagePath} against the JSON files' folder, as LabelMe does
     * @throws IOException when the input does not exist or holds no JSON file
     */
    public static BoxSet read(Path input, Path imageFolder) throws IOException {
        List<Path> files = jsonFiles(input);
        Path jsonFolder = files.get(0).toAbsolutePath().getParent();
        Path folder = imageFolder != null ? imageFolder : jsonFolder;
        CategoryTable categories = new CategoryTable();
        List<ImageRecord> images = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        long nextAnnotation = 1;
        for (Path file : files) {
            ObjectNode doc;
            try {
                doc = JsonFiles.readObject(file, MAPPER);
            } catch (IOException e) {
                warnings.add(e.getMessage() + "; file skipped");
                continue;
            }
            JsonNode shapes = doc.get("shapes");
            if (shapes == null || !shapes.isArray()) {
                warnings.add(file + ": not a LabelMe file: expected a \"shapes\" array, found "
                        + JsonFiles.describe(shapes) + "; file skipped");
                continue;
            }
            JsonNode imagePath = doc.get("imagePath");
            if (imagePath == null || !imagePath.isTextual() || imagePath.asText().isBlank()) {
                warnings.add(file + ": \"imagePath\" must be a non-empty string, found " + JsonFiles.describe(imagePath)
                        + "; file skipped");
                continue;
            }
            String path = imagePath.asText().replace('\\', '/');
            String fileName = imageFolder != null ? Path.of(path).getFileName().toString()
                    : folder.relativize(file.toAbsolutePath().getParent().resolve(path).normalize()).toString();
            int w = dimension(doc, "imageWidth");
            int h = dimension(doc, "imageHeight");
            if (w == 0 || h == 0) {
                warnings.add(file + ": \"imageWidth\" and \"imageHeight\" should be positive integers, found "
                        + JsonFiles.describe(doc.get("imageWidth")) + " and " + JsonFiles.describe(doc.get("imageHeight"))
                        + "; size taken from the image");
                w = 0;
                h = 0;
            }
            List<Tag> tags = new ArrayList<>();
            for (int i = 0; i < shapes.size(); i++) {
                JsonNode s = shapes.get(i);
                String label = s.path("label").asText("");
                String type = s.path("shape_type").asText("polygon");
                String at = file + ": shapes[" + i + "] ('" + label + "', " + type + ")";
                if (!"rectangle".equals(type)) {
                    warnings.add(at + ": only rectangle shapes are boxes; shape skipped");
                    continue;
                }
                if (label.isBlank()) {
                    warnings.add(at + ": no label; shape skipped");
                    continue;
                }
                BoxPx box;
                try {
                    box = rectangle(s.get("points"));
                } catch (IllegalArgumentException e) {
                    warnings.add(at + ": " + e.getMessage() + "; shape skipped");
                    continue;
                }
                if (w > 0) {
                    BoxPx clipped = box.clip(w, h);
                    if (clipped.widthPx() <= 0 || clipped.heightPx() <= 0) {
                        warnings.add(at + ": rectangle lies wholly outside the " + w + "x" + h
                                + " image; shape skipped");
                        continue;
                    }
                    box = clipped;
                }
                tags.add(new Tag(nextAnnotation++, categories.idOf(label), box));
            }
            images.add(new ImageRecord(images.size() + 1L, fileName, w, h, tags));
        }
        return new BoxSet(input, folder, images, categories.categories(), warnings);
    }

    /** A rectangle's two corner points as a box. */
    static BoxPx rectangle(JsonNode points) {
        if (points == null || !points.isArray() || points.size() != 2) {
            throw new IllegalArgumentException("a rectangle needs 2 points [[x1, y1], [x2, y2]], found "
                    + JsonFiles.describe(points));
        }
        double[] v = new double[4];
        for (int k = 0; k < 4; k++) {
            JsonNode n = points.get(k / 2).get(k % 2);
            if (points.get(k / 2).size() != 2 || n == null || !n.isNumber() || !Double.isFinite(n.doubleValue())) {
                throw new IllegalArgumentException("a rectangle needs 2 points of 2 numbers, found "
                        + JsonFiles.describe(points));
            }
            v[k] = n.doubleValue();
        }
        BoxPx box = new BoxPx(Math.min(v[0], v[2]), Math.min(v[1], v[3]), Math.max(v[0], v[2]), Math.max(v[1], v[3]));
        if (box.widthPx() <= 0 || box.heightPx() <= 0) {
            throw new IllegalArgumentException("rectangle has no area, found " + JsonFiles.describe(points));
        }
        return box;
    }

    private static int dimension(JsonNode doc, String field) {
        JsonNode n = doc.get(field);
        return n != null && n.canConvertToInt() && n.isIntegralNumber() && n.intValue() > 0 ? n.intValue() : 0;
    }

    private static List<Path> jsonFiles(Path input) throws IOException {
        if (Files.isRegularFile(input)) {
            return List.of(input);
        }
        if (!Files.isDirectory(input)) {
            throw new IOException(input + ": LabelMe files not found (expected a JSON file or a folder)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(input)) {
            files = s.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                    .filter(Files::isRegularFile).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException(input + ": no LabelMe JSON files (*.json) found");
        }
        return files;
    }
}
