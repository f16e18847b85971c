package org.boxrefine.io.coco;

import org.boxrefine.contour.PolygonRaster;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.io.image.ImageFiles;

/**
 * Masks per annotation id from a COCO file, loaded one at a time on demand.
 *
 * <p>{@link #read} takes ground truth: an annotation's mask is its {@code segmentation} (compressed RLE string,
 * uncompressed RLE counts list, or polygons {@code [[x1, y1, x2, y2, ...], ...]} filled at pixel centres) or,
 * when it has none, its {@code mask_file} (a 0/255 PNG relative to the JSON's folder). {@link #readPredictions}
 * takes boxrefine's output and looks at {@code segmentation} only, so that a {@code mask_file} carried over from
 * the input is never taken for a prediction.
 */
public final class CocoTruth {

    /**
     * One annotation.
     *
     * @param annotationId  the annotation's id
     * @param imageId       its image's id
     * @param box           its {@code bbox}, or null when missing or malformed
     * @param imageWidthPx  the image's declared width (0 when unknown)
     * @param imageHeightPx the image's declared height (0 when unknown)
     * @param hasMask       whether the annotation has a mask this reader uses
     */
    public record Entry(long annotationId, long imageId, BoxPx box, int imageWidthPx, int imageHeightPx,
            boolean hasMask) {
    }

    private final Path jsonFile;
    private final ObjectNode info;
    private final Map<Long, Entry> entries;
    private final Map<Long, JsonNode> sources;
    private final List<String> warnings;

    private CocoTruth(Path jsonFile, ObjectNode info, Map<Long, Entry> entries, Map<Long, JsonNode> sources,
            List<String> warnings) {
        this.jsonFile = jsonFile;
        this.info = info;
        this.entries = Collections.unmodifiableMap(entries);
        this.sources = sources;
        this.warnings = List.copyOf(warnings);
    }

    /** Reads ground truth: {@code segmentation}, else {@code mask_file}. */
    public static CocoTruth read(Path jsonFile) throws IOException {
        return read(jsonFile, CocoJson.readObject(jsonFile), true);
    }

    /** Reads predictions: {@code segmentation} only. */
    public static CocoTruth readPredictions(Path jsonFile) throws IOException {
        return readPredictions(jsonFile, CocoJson.readObject(jsonFile));
    }

    /** As {@link #readPredictions(Path)}, from {@code root}, the document already parsed from {@code jsonFile}. */
    static CocoTruth readPredictions(Path jsonFile, ObjectNode root) throws IOException {
        return read(jsonFile, root, false);
    }

    private static CocoTruth read(Path file, ObjectNode root, boolean maskFiles) throws IOException {
        JsonNode images = root.path("images");
        JsonNode annotations = root.path("annotations");
        if (!images.isArray() || !annotations.isArray()) {
            throw new IOException(file + ": not a COCO file: expected \"images\" and \"annotations\" arrays, found "
                    + CocoJson.describe(images) + " and " + CocoJson.describe(annotations));
        }
        List<String> warnings = new ArrayList<>();
        Map<Long, int[]> sizes = new HashMap<>();
        for (JsonNode img : images) {
            OptionalLong id = CocoJson.integral(img.get("id"));
            if (id.isPresent()) {
                sizes.putIfAbsent(id.getAsLong(), new int[] {positive(img.get("width")), positive(img.get("height"))});
            }
        }
        Map<Long, Entry> entries = new LinkedHashMap<>();
        Map<Long, JsonNode> sources = new HashMap<>();
        for (int i = 0; i < annotations.size(); i++) {
            JsonNode ann = annotations.get(i);
            OptionalLong id = CocoJson.integral(ann.get("id"));
            if (id.isEmpty()) {
                warnings.add(file + ": annotations[" + i + "]: expected an integer \"id\", found "
                        + CocoJson.describe(ann.isObject() ? ann.get("id") : ann) + "; annotation skipped");
                continue;
            }
            String at = file + ": annotation " + id.getAsLong() + " (annotations[" + i + "])";
            if (entries.containsKey(id.getAsLong())) {
                warnings.add(at + ": duplicate annotation id; annotation skipped");
                continue;
            }
            OptionalLong imageId = CocoJson.integral(ann.get("image_id"));
            int[] size = imageId.isPresent() ? sizes.get(imageId.getAsLong()) : null;
            if (size == null) {
                warnings.add(at + ": unknown image_id " + CocoJson.describe(ann.get("image_id"))
                        + " (no image with that id); annotation skipped");
                continue;
            }
            BoxPx box = null;
            if (ann.has("bbox")) {
                try {
                    box = CocoJson.bbox(ann.get("bbox"));
                } catch (IllegalArgumentException e) {
                    warnings.add(at + ": " + e.getMessage() + "; box ignored");
                }
            }
            JsonNode source = null;
            JsonNode seg = ann.get("segmentation");
            if (seg != null && !seg.isNull() && !(seg.isArray() && seg.isEmpty())) {
                source = seg;
            } else if (maskFiles && ann.hasNonNull("mask_file")) {
                source = ann.get("mask_file");
            }
            if (source != null) {
                sources.put(id.getAsLong(), source);
            }
            entries.put(id.getAsLong(), new Entry(id.getAsLong(), imageId.getAsLong(), box, size[0], size[1],
                    source != null));
        }
        JsonNode info = root.get("info");
        return new CocoTruth(file, info != null && info.isObject() ? (ObjectNode) info : null, entries, sources,
                warnings);
    }

    private static boolean isSize(JsonNode n) {
        OptionalLong v = CocoJson.integral(n);
        return v.isPresent() && v.getAsLong() >= 0 && v.getAsLong() <= Integer.MAX_VALUE;
    }

    private static int positive(JsonNode n) {
        OptionalLong v = CocoJson.integral(n);
        return v.isPresent() && v.getAsLong() > 0 && v.getAsLong() <= Integer.MAX_VALUE ? (int) v.getAsLong() : 0;
    }

    public Path jsonFile() {
        return jsonFile;
    }

    /** The file's {@code info} object, when it has one. */
    public Optional<ObjectNode> info() {
        return Optional.ofNullable(info).map(ObjectNode::deepCopy);
    }

    /** The usable annotations, in input order. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    public Optional<Entry> entry(long annotationId) {
        return Optional.ofNullable(entries.get(annotationId));
    }

    /** Problems found while reading, one line each, naming the file and the annotation. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Loads the mask of an annotation, at the size of its image.
     *
     * @throws IOException naming the file and the annotation when there is no mask, the mask is malformed, its
     *                     PNG cannot be read, or its size differs from the image's
     */
    public BinaryMask mask(long annotationId) throws IOException {
        Entry e = entries.get(annotationId);
        String at = jsonFile + ": annotation " + annotationId;
        if (e == null || !e.hasMask()) {
            throw new IOException(at + ": " + (e == null ? "no such annotation" : "no mask"));
        }
        JsonNode source = sources.get(annotationId);
        BinaryMask mask;
        try {
            mask = decode(source, e);
        } catch (IllegalArgumentException ex) {
            throw new IOException(at + ": " + ex.getMessage(), ex);
        }
        boolean declared = e.imageWidthPx() > 0 && e.imageHeightPx() > 0;
        if (declared && (mask.widthPx() != e.imageWidthPx() || mask.heightPx() != e.imageHeightPx())) {
            throw new IOException(at + ": mask must have the size of image " + e.imageId() + ", "
                    + e.imageWidthPx() + "x" + e.imageHeightPx() + ", found " + mask.widthPx() + "x"
                    + mask.heightPx());
        }
        return mask;
    }

    private BinaryMask decode(JsonNode source, Entry e) throws IOException {
        if (source.isTextual()) {
            Path png = jsonFile.toAbsolutePath().getParent().resolve(source.asText());
            return ImageFiles.readMask(png);
        }
        if (source.isObject()) {
            JsonNode size = source.get("size");
            if (size == null || !size.isArray() || size.size() != 2 || !isSize(size.get(0)) || !isSize(size.get(1))) {
                throw new IllegalArgumentException("RLE \"size\" must be [height, width] of non-negative integers, "
                        + "found " + CocoJson.describe(size));
            }
            int h = (int) size.get(0).longValue();
            int w = (int) size.get(1).longValue();
            JsonNode counts = source.get("counts");
            if (counts != null && counts.isTextual()) {
                return CocoRle.decode(counts.asText(), h, w);
            }
            if (counts != null && counts.isArray()) {
                long[] c = new long[counts.size()];
                for (int i = 0; i < c.length; i++) {
                    OptionalLong v = CocoJson.integral(counts.get(i));
                    if (v.isEmpty()) {
                        throw new IllegalArgumentException("uncompressed RLE counts must be integers, found "
                                + CocoJson.describe(counts.get(i)) + " at index " + i);
                    }
                    c[i] = v.getAsLong();
                }
                return CocoRle.decodeUncompressed(c, h, w);
            }
            throw new IllegalArgumentException("RLE \"counts\" must be a string or a list of integers, found "
                    + CocoJson.describe(counts));
        }
        if (source.isArray()) {
            if (e.imageWidthPx() <= 0 || e.imageHeightPx() <= 0) {
                throw new IllegalArgumentException("polygons need the image's width and height, which image "
                        + e.imageId() + " does not declare");
            }
            List<double[]> polygons = new ArrayList<>();
            for (JsonNode poly : source) {
                if (!poly.isArray() || poly.size() % 2 != 0) {
                    throw new IllegalArgumentException("each polygon must be a list [x1, y1, x2, y2, ...] of an even "
                            + "number of numbers, found " + CocoJson.describe(poly));
                }
                double[] p = new double[poly.size()];
                for (int i = 0; i < p.length; i++) {
                    p[i] = poly.get(i).isNumber() ? poly.get(i).doubleValue() : Double.NaN;
                    if (!Double.isFinite(p[i])) {
                        throw new IllegalArgumentException("polygon coordinates must be finite numbers, found "
                                + CocoJson.describe(poly));
                    }
                }
                polygons.add(p);
            }
            return PolygonRaster.fill(polygons, e.imageWidthPx(), e.imageHeightPx());
        }
        throw new IllegalArgumentException("segmentation must be an RLE object, a list of polygons or a mask file "
                + "name, found " + CocoJson.describe(source));
    }
}
