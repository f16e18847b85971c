package org.boxrefine.io.yolo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.boxrefine.dataset.BoxSet;
import org.boxrefine.dataset.Category;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.io.JsonFiles;
import org.boxrefine.io.image.ImageFiles;

/**
 * Reads YOLO detection labels: one {@code .txt} per image, a line {@code class cx cy w h} per box, the centre and
 * size normalised by the image's width and height (read from the image file's header). Class names come from
 * {@code data.yaml} ({@code names} as a list or an index map) or {@code classes.txt} / {@code obj.names} (one per
 * line); the class index is kept as the category id.
 *
 * <p>Images are every PNG, JPEG or BMP under {@code images/} of the root (or under the root when there is no
 * {@code images/}), in path order, ids from 1. An image's labels are found as Ultralytics does (the last
 * {@code images} folder of its path replaced by {@code labels}, the extension by {@code .txt}), else beside the
 * image; an image without labels has no boxes. Pixel corners within 0.005 px of a whole number are rounded to it,
 * undoing the rounding of the normalised values. A bad line is reported with its file and line and skipped.
 */
public final class YoloReader {
    /** Names files looked for in the root, in this order. */
    public static final List<String> NAMES_FILES = List.of("data.yaml", "data.yml", "classes.txt", "obj.names");
    private static final double SNAP_PX = 0.005;

    private YoloReader() {
    }

    /**
     * @param input       the data set root, or its {@code data.yaml} / {@code classes.txt}
     * @param imageFolder where images are found; null for the root
     * @throws IOException when there is no names file, or it cannot be read
     */
    public static BoxSet read(Path input, Path imageFolder) throws IOException {
        Path namesFile = namesFile(input);
        Path root = namesFile.toAbsolutePath().getParent();
        List<Category> categories = names(namesFile);
        Path folder = imageFolder != null ? imageFolder : root;
        List<String> warnings = new ArrayList<>();
        List<ImageRecord> images = new ArrayList<>();
        long nextAnnotation = 1;
        for (Path image : imageFiles(folder)) {
            String fileName = folder.relativize(image).toString().replace('\\', '/');
            long imageId = images.size() + 1L;
            Path labels = labelFile(image);
            if (labels == null) {
                images.add(new ImageRecord(imageId, fileName, 0, 0, List.of()));
                continue;
            }
            ImageFiles.Size size;
            try {
                size = ImageFiles.size(image);
            } catch (IOException e) {
                warnings.add(e.getMessage() + "; its labels " + labels + " skipped");
                continue;
            }
            List<Tag> tags = new ArrayList<>();
            List<String> lines;
            try {
                lines = Files.readAllLines(labels, StandardCharsets.UTF_8);
            } catch (IOException e) {
                warnings.add(labels + ": cannot read: " + e.getMessage() + "; file skipped");
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty()) {
                    continue;
                }
                try {
                    Tag t = tag(line, size, categories, nextAnnotation);
                    tags.add(t);
                    nextAnnotation++;
                } catch (IllegalArgumentException e) {
                    warnings.add(labels + ":" + (i + 1) + ": " + e.getMessage() + "; line skipped");
                }
            }
            images.add(new ImageRecord(imageId, fileName, size.widthPx(), size.heightPx(), tags));
        }
        if (images.isEmpty()) {
            warnings.add(folder + ": no images (PNG, JPEG, BMP) found");
        }
        return new BoxSet(input, folder, images, categories, warnings);
    }

    /** One label line as a tag. */
    static Tag tag(String line, ImageFiles.Size size, List<Category> categories, long annotationId) {
        String[] v = line.split("\\s+");
        if (v.length != 5) {
            throw new IllegalArgumentException("expected 5 values 'class cx cy w h', found " + v.length
                    + (v.length > 5 && v.length % 2 == 1 ? " (a segmentation line?)" : ""));
        }
        long cls;
        try {
            cls = Long.parseLong(v[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("class must be a whole number, found '" + v[0] + "'");
        }
        if (cls < 0 || cls >= categories.size()) {
            throw new IllegalArgumentException("class " + cls + " is not among the " + categories.size()
                    + " class names (0.." + (categories.size() - 1) + ")");
        }
        double[] c = new double[4];
        for (int k = 0; k < 4; k++) {
            try {
                c[k] = Double.parseDouble(v[k + 1]);
            } catch (NumberFormatException e) {
                c[k] = Double.NaN;
            }
            if (!Double.isFinite(c[k])) {
                throw new IllegalArgumentException("cx cy w h must be numbers, found '" + v[k + 1] + "'");
            }
        }
        if (c[2] <= 0 || c[3] <= 0) {
            throw new IllegalArgumentException("w and h must be positive, found " + v[3] + " and " + v[4]);
        }
        int w = size.widthPx();
        int h = size.heightPx();
        BoxPx box = new BoxPx(snap((c[0] - c[2] / 2) * w), snap((c[1] - c[3] / 2) * h),
                snap((c[0] + c[2] / 2) * w), snap((c[1] + c[3] / 2) * h));
        BoxPx clipped = box.clip(w, h);
        if (clipped.widthPx() <= 0 || clipped.heightPx() <= 0) {
            throw new IllegalArgumentException("box lies wholly outside the " + w + "x" + h + " image");
        }
        return new Tag(annotationId, cls, clipped);
    }

    private static double snap(double px) {
        double r = Math.rint(px);
        return Math.abs(px - r) <= SNAP_PX ? r : px;
    }

    private static Path namesFile(Path input) throws IOException {
        if (Files.isRegularFile(input)) {
            return input;
        }
        if (!Files.isDirectory(input)) {
            throw new IOException(input + ": YOLO data set not found (expected a folder, data.yaml or classes.txt)");
        }
        for (String n : NAMES_FILES) {
            if (Files.isRegularFile(input.resolve(n))) {
                return input.resolve(n);
            }
        }
        throw new IOException(input + ": no class names: expected one of " + String.join(", ", NAMES_FILES));
    }

    /** The class names of a {@code data.yaml} or a one-name-per-line file, as categories with ids from 0. */
    static List<Category> names(Path file) throws IOException {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<Category> out = new ArrayList<>();
        if (n.endsWith(".yaml") || n.endsWith(".yml")) {
            ObjectNode yaml = JsonFiles.readObject(file, new YAMLMapper(), "YAML");
            JsonNode names = yaml.get("names");
            if (names != null && names.isArray()) {
                for (int i = 0; i < names.size(); i++) {
                    out.add(new Category(i, names.get(i).asText()));
                }
            } else if (names != null && names.isObject()) {
                Map<Long, String> byIndex = new TreeMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = names.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    try {
                        byIndex.put(Long.parseLong(e.getKey().strip()), e.getValue().asText());
                    } catch (NumberFormatException x) {
                        throw new IOException(file + ": names: keys must be class indices, found '" + e.getKey() + "'");
                    }
                }
                long expected = 0;
                for (Map.Entry<Long, String> e : byIndex.entrySet()) {
                    if (e.getKey() != expected++) {
                        throw new IOException(file + ": names: indices must run 0.." + (byIndex.size() - 1)
                                + " without gaps, found " + byIndex.keySet());
                    }
                    out.add(new Category(e.getKey(), e.getValue()));
                }
            } else {
                throw new IOException(file + ": expected 'names' as a list or an index map, found "
                        + JsonFiles.describe(names));
            }
        } else {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines) {
                if (!line.isBlank()) {
                    out.add(new Category(out.size(), line.strip()));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IOException(file + ": no class names found");
        }
        return out;
    }

    private static List<Path> imageFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": image folder not found");
        }
        Path top = Files.isDirectory(folder.resolve("images")) ? folder.resolve("images") : folder;
        try (Stream<Path> s = Files.walk(top)) {
            return s.filter(Files::isRegularFile).filter(f -> {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".bmp");
            }).filter(f -> !top.relativize(f).toString().replace('\\', '/').startsWith("labels/")).sorted().toList();
        }
    }

    /** Where an image's labels are, or null when it has none. */
    static Path labelFile(Path image) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String txt = (dot > 0 ? name.substring(0, dot) : name) + ".txt";
        Path dir = image.toAbsolutePath().getParent();
        List<String> parts = new ArrayList<>();
        for (Path p : dir) {
            parts.add(p.toString());
        }
        int last = parts.lastIndexOf("images");
        if (last >= 0) {
            parts.set(last, "labels");
            Path swapped = dir.getRoot().resolve(String.join("/", parts)).resolve(txt);
            if (Files.isRegularFile(swapped)) {
                return swapped;
            }
        }
        Path beside = dir.resolve(txt);
        return Files.isRegularFile(beside) ? beside : null;
    }
}
