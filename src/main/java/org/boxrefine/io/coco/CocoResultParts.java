package org.boxrefine.io.coco;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.io.AtomicFiles;

/**
 * The results of a run kept image by image: one small JSON file per finished image ({@code <image id>.json}: its
 * annotations' RLE masks and scores, and what the other end-of-run files need: tightened boxes, polygons and their
 * IoU with the mask), written whole or not at all. An interrupted run keeps its finished images; the final
 * {@code annotations.json} is streamed from these files ({@link CocoResultWriter#write(CocoDataset,
 * CocoResultWriter.ImageMasks, Path, boolean)}), so memory does not grow with the number of images.
 */
public final class CocoResultParts {
    private final Path folder;

    /**
     * What one refined annotation adds to the run's end-of-run files.
     *
     * @param annotationId the annotation
     * @param mask         its mask as RLE, with its score
     * @param tightBox     the mask's bounds when the box is tightened to it, else null
     * @param polygonIou   IoU of the traced polygons with the mask; NaN when no polygons were traced
     * @param vertices     vertices of the traced polygons (0 when none were traced)
     * @param polygons     the polygons in image pixels ({@code x0 y0 x1 y1 ...}) when they are kept for the COCO
     *                     polygon file, else null
     */
    public record Entry(long annotationId, CocoResultWriter.Refined mask, PixelRect tightBox, double polygonIou,
            int vertices, List<double[]> polygons) {
        public Entry {
            if (mask == null) {
                throw new IllegalArgumentException("annotation " + annotationId + " needs a mask, found null");
            }
            polygons = polygons == null ? null : List.copyOf(polygons);
        }

        /** Only a mask: nothing traced, box as read. */
        public static Entry of(long annotationId, CocoResultWriter.Refined mask) {
            return new Entry(annotationId, mask, null, Double.NaN, 0, null);
        }

        /** Whether polygons were traced from the mask. */
        public boolean traced() {
            return !Double.isNaN(polygonIou);
        }
    }

    /** The parts kept in {@code folder} (created on the first write). */
    public CocoResultParts(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    private Path file(long imageId) {
        return folder.resolve(imageId + ".json");
    }

    /** Writes one image's masks, whole or not at all; its presence marks the image as done. */
    public void write(long imageId, Map<Long, CocoResultWriter.Refined> masks) throws IOException {
        List<Entry> entries = new ArrayList<>();
        masks.forEach((id, m) -> entries.add(Entry.of(id, m)));
        write(imageId, entries);
    }

    /** Writes one image's entries in order, whole or not at all; its presence marks the image as done. */
    public void write(long imageId, List<Entry> entries) throws IOException {
        ObjectNode root = CocoJson.MAPPER.createObjectNode();
        root.put("image_id", imageId);
        ArrayNode list = root.putArray("annotations");
        for (Entry e : entries) {
            CocoResultWriter.Refined r = e.mask();
            ObjectNode a = list.addObject();
            a.put("id", e.annotationId());
            a.putArray("size").add(r.heightPx()).add(r.widthPx());
            a.put("counts", r.counts());
            a.put("score", r.score());
            if (r.box() != null) {
                putBox(a, "box", r.box());
                a.put("area", r.areaPx());
            }
            if (e.tightBox() != null) {
                putBox(a, "tight_box", e.tightBox());
            }
            if (e.traced()) {
                a.put("polygon_iou", e.polygonIou());
                a.put("vertices", e.vertices());
            }
            if (e.polygons() != null) {
                ArrayNode polys = a.putArray("polygons");
                for (double[] p : e.polygons()) {
                    ArrayNode xy = polys.addArray();
                    for (double v : p) {
                        xy.add(v);
                    }
                }
            }
        }
        AtomicFiles.write(file(imageId), os -> CocoJson.MAPPER.writeValue(os, root));
    }

    private static void putBox(ObjectNode a, String name, PixelRect b) {
        a.putArray(name).add(b.x0Px()).add(b.y0Px()).add(b.x1Px()).add(b.y1Px());
    }

    private static PixelRect box(JsonNode b) {
        return new PixelRect(b.get(0).asInt(), b.get(1).asInt(), b.get(2).asInt(), b.get(3).asInt());
    }

    /** The ids of the images with a finished part. */
    public Set<Long> done() throws IOException {
        Set<Long> ids = new HashSet<>();
        if (!Files.isDirectory(folder)) {
            return ids;
        }
        try (Stream<Path> s = Files.list(folder)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.matches("-?\\d+\\.json"))
                    .forEach(n -> ids.add(Long.parseLong(n.substring(0, n.length() - ".json".length()))));
        }
        return ids;
    }

    /** One image's masks by annotation id; empty when the image has no part. */
    public Map<Long, CocoResultWriter.Refined> read(long imageId) throws IOException {
        Map<Long, CocoResultWriter.Refined> out = new LinkedHashMap<>();
        for (Entry e : entries(imageId)) {
            out.put(e.annotationId(), e.mask());
        }
        return out;
    }

    /** One image's entries in the order written; empty when the image has no part. */
    public List<Entry> entries(long imageId) throws IOException {
        Path f = file(imageId);
        List<Entry> out = new ArrayList<>();
        if (!Files.isRegularFile(f)) {
            return out;
        }
        JsonNode root = CocoJson.readObject(f);
        try {
            for (JsonNode a : root.path("annotations")) {
                PixelRect box = null;
                long area = 0;
                if (a.has("box")) {
                    box = box(a.get("box"));
                    area = a.get("area").asLong();
                }
                CocoResultWriter.Refined mask = new CocoResultWriter.Refined(a.get("size").get(0).asInt(),
                        a.get("size").get(1).asInt(), a.get("counts").asText(), a.get("score").asDouble(), box, area);
                List<double[]> polygons = null;
                if (a.has("polygons")) {
                    polygons = new ArrayList<>();
                    for (JsonNode p : a.get("polygons")) {
                        double[] xy = new double[p.size()];
                        for (int k = 0; k < xy.length; k++) {
                            xy[k] = p.get(k).asDouble();
                        }
                        polygons.add(xy);
                    }
                }
                out.add(new Entry(a.get("id").asLong(), mask, a.has("tight_box") ? box(a.get("tight_box")) : null,
                        a.has("polygon_iou") ? a.get("polygon_iou").asDouble() : Double.NaN,
                        a.path("vertices").asInt(0), polygons));
            }
        } catch (RuntimeException e) {
            throw new IOException(f + ": not a boxrefine per-image result: " + e.getMessage(), e);
        }
        return out;
    }
}
