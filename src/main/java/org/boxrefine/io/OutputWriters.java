package org.boxrefine.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.boxrefine.contour.MaskPolygons;
import org.boxrefine.contour.PolygonRaster;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.CroppedMask;
import org.boxrefine.io.coco.CocoCategory;
import org.boxrefine.io.coco.CocoDataset;
import org.boxrefine.io.coco.CocoResultWriter;
import org.boxrefine.io.coco.CocoRle;
import org.boxrefine.io.image.ImageFiles;
import org.boxrefine.io.labelme.LabelmeWriter;
import org.boxrefine.io.yolo.YoloSegWriter;

/**
 * Writes a run's masks in every chosen {@link OutputFormat}, keeping the input's ids, classes and boxes. Files
 * of one image are written as soon as it is refined ({@link #image}); the COCO files, {@code data.yaml},
 * {@code instances.csv} and the polygon statistics at the end ({@link #finish}). Every file is written whole or
 * not at all.
 *
 * <p>Output paths follow the image's file name without its extension (a leading {@code images/} or
 * {@code JPEGImages/} folder dropped): {@code yolo/labels/<name>.txt}, {@code labelme/<name>.json},
 * {@code instances/<name>.png}. Annotations not refined (other classes than {@code --classes}) stay as plain
 * boxes in the COCO files and as rectangles in LabelMe, and are left out of YOLO and the PNGs, which cannot hold
 * a box without a mask.
 */
public final class OutputWriters {
    /** COCO with polygon masks. */
    public static final String POLYGON_FILE = "annotations_polygons.json";
    /** What polygon simplification lost. */
    public static final String STATS_FILE = "polygon_stats.json";
    /** Instance value to annotation, for the instance PNGs. */
    public static final String INSTANCES_CSV = "instances.csv";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CocoDataset dataset;
    private final Path out;
    private final OutputConfig config;
    private final boolean boxFree;
    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Integer> yoloIndex = new HashMap<>();
    private final List<String> yoloNames = new ArrayList<>();
    private final Map<Long, CocoResultWriter.Refined> refined = new LinkedHashMap<>();
    private final Map<Long, PixelRect> tight = new HashMap<>();
    private final Map<Long, List<double[]>> polygons = new HashMap<>();
    private final Map<Long, Double> polygonIou = new HashMap<>();
    private final StringBuilder csv = new StringBuilder(
            "image_file,instance_png,value,annotation_id,category_id,category_name\n");
    private int traced;
    private double iouSum;
    private double worstIou = 1;
    private long worstId = -1;
    private long vertexSum;

    /**
     * @param dataset the data set read (its document and ids are what the outputs keep)
     * @param out     the output folder
     * @param boxFree box-free mode: each annotation's box becomes its mask's bounds, unrefined ones are left out
     */
    public OutputWriters(CocoDataset dataset, Path out, OutputConfig config, boolean boxFree) {
        this.dataset = dataset;
        this.out = out;
        this.config = config;
        this.boxFree = boxFree;
        Set<Long> ids = new TreeSet<>();
        for (CocoCategory c : dataset.categories()) {
            ids.add(c.id());
            names.put(c.id(), c.name().isEmpty() ? "class " + c.id() : c.name());
        }
        for (ImageRecord r : dataset.images()) {
            dataset.allTags(r.imageId()).forEach(t -> ids.add(t.categoryId()));
        }
        for (long id : ids) {
            names.putIfAbsent(id, "class " + id);
            yoloIndex.put(id, yoloNames.size());
            yoloNames.add(names.get(id));
        }
    }

    /**
     * Writes the per-image files of one refined image and keeps what the COCO files need.
     *
     * @param masks the image's masks in tag order
     */
    public void image(ImageRecord record, int widthPx, int heightPx, List<InstanceMask> masks) throws IOException {
        Set<OutputFormat> formats = config.formats();
        String name = outputName(record);
        Map<Long, Tag> tags = new HashMap<>();
        for (Tag t : dataset.allTags(record.imageId())) {
            tags.put(t.annotationId(), t);
        }
        int[] instances = formats.contains(OutputFormat.PNG) ? new int[widthPx * heightPx] : null;
        List<YoloSegWriter.Line> lines = new ArrayList<>();
        List<LabelmeWriter.Shape> shapes = new ArrayList<>();
        Set<Long> done = new HashSet<>();
        int value = 0;
        for (InstanceMask m : masks) {
            long id = m.annotationId();
            done.add(id);
            Tag tag = tags.get(id);
            long category = tag == null ? 0 : tag.categoryId();
            BinaryMask full = m.mask().toFull(widthPx, heightPx);
            refined.put(id, boxFree ? CocoResultWriter.Refined.withMaskBox(full, m.score())
                    : CocoResultWriter.Refined.of(full, m.score()));
            PixelRect bounds = m.boundsPx();
            boolean tightened = (config.tightenBoxes() || boxFree) && !bounds.isEmpty();
            if (config.tightenBoxes() && !bounds.isEmpty()) {
                tight.put(id, bounds);
            }
            if (instances != null) {
                ImageFiles.writeMaskPng(full, out.resolve("masks").resolve(id + ".png"));
                value++;
                byte[] bits = full.data();
                for (int i = 0; i < bits.length; i++) {
                    if (bits[i] != 0) {
                        instances[i] = value;
                    }
                }
                csv.append(csvField(record.fileName())).append(',').append(csvField("instances/" + name + ".png"))
                        .append(',').append(value).append(',').append(id).append(',').append(category).append(',')
                        .append(csvField(names.getOrDefault(category, ""))).append('\n');
            }
            if (config.needsPolygons()) {
                List<double[]> outline = trace(id, m.mask());
                for (double[] p : outline) {
                    lines.add(new YoloSegWriter.Line(yoloIndex.getOrDefault(category, 0), p));
                    shapes.add(new LabelmeWriter.Shape(names.get(category), id, false, p,
                            String.format(Locale.ROOT, "boxrefine mask, score %.3f", m.score())));
                }
            }
            double[] box = tightened ? corners(bounds) : tag == null ? null : corners(tag);
            if (box != null) {
                shapes.add(new LabelmeWriter.Shape(names.get(category), id, true, box,
                        tightened && !boxFree ? "box tightened to the mask" : "box"));
            }
        }
        if (!boxFree) {
            for (Tag t : dataset.allTags(record.imageId())) {
                if (!done.contains(t.annotationId())) {
                    shapes.add(new LabelmeWriter.Shape(names.get(t.categoryId()), t.annotationId(), true, corners(t),
                            "box (not refined)"));
                }
            }
        }
        if (formats.contains(OutputFormat.YOLO)) {
            YoloSegWriter.writeLabels(out.resolve("yolo/labels").resolve(name + ".txt"), lines, widthPx, heightPx);
        }
        if (formats.contains(OutputFormat.LABELME)) {
            Path file = out.resolve("labelme").resolve(name + ".json").toAbsolutePath().normalize();
            Path image = dataset.imageFolder().resolve(record.fileName()).toAbsolutePath().normalize();
            String imagePath = file.getParent().relativize(image).toString().replace('\\', '/');
            LabelmeWriter.write(file, imagePath, widthPx, heightPx, shapes);
        }
        if (instances != null) {
            ImageFiles.writeInstancePng(instances, widthPx, heightPx, out.resolve("instances").resolve(name + ".png"));
        }
    }

    /** The polygons of one mask in image pixels; their IoU with the mask goes into the statistics. */
    private List<double[]> trace(long id, CroppedMask mask) {
        BinaryMask local = mask.mask();
        List<double[]> outline = MaskPolygons.trace(local, config.polygons());
        double iou = PolygonRaster.fill(outline, local.widthPx(), local.heightPx()).iou(local);
        traced++;
        iouSum += iou;
        vertexSum += MaskPolygons.vertices(outline);
        if (worstId < 0 || iou < worstIou) {
            worstIou = iou;
            worstId = id;
        }
        List<double[]> shifted = new ArrayList<>();
        for (double[] p : outline) {
            double[] q = p.clone();
            for (int k = 0; k < q.length; k += 2) {
                q[k] += mask.rectPx().x0Px();
                q[k + 1] += mask.rectPx().y0Px();
            }
            shifted.add(q);
        }
        if (config.formats().contains(OutputFormat.COCO_POLYGON)) {
            polygons.put(id, shifted);
            polygonIou.put(id, iou);
        }
        return shifted;
    }

    /**
     * Writes the files that cover the whole run: {@code annotations.json} and, as chosen,
     * {@code annotations_polygons.json}, {@code yolo/data.yaml}, {@code instances.csv} and
     * {@code polygon_stats.json}.
     *
     * @return {@code annotations.json}
     */
    public Path finish() throws IOException {
        ObjectNode doc = CocoResultWriter.toDocument(dataset, refined);
        ArrayNode annotations = (ArrayNode) doc.get("annotations");
        for (int i = annotations.size() - 1; i >= 0; i--) {
            ObjectNode a = (ObjectNode) annotations.get(i);
            long id = a.path("id").asLong();
            if (boxFree && !refined.containsKey(id)) {
                annotations.remove(i);
                continue;
            }
            PixelRect b = tight.get(id);
            if (b != null) {
                a.set("input_bbox", a.get("bbox"));
                a.putArray("bbox").add(b.x0Px()).add(b.y0Px()).add(b.widthPx()).add(b.heightPx());
                a.put("area", CocoRle.area(refined.get(id).counts()));
            }
        }
        Path main = out.resolve(CocoResultWriter.FILE_NAME);
        CocoResultWriter.writeDocument(doc, main);
        Set<OutputFormat> formats = config.formats();
        if (formats.contains(OutputFormat.COCO_POLYGON)) {
            for (JsonNode node : annotations) {
                ObjectNode a = (ObjectNode) node;
                List<double[]> p = polygons.get(a.path("id").asLong());
                if (p != null) {
                    ArrayNode seg = a.putArray("segmentation");
                    for (double[] poly : p) {
                        ArrayNode xy = seg.addArray();
                        for (double v : poly) {
                            xy.add(v);
                        }
                    }
                    a.put("polygon_iou", polygonIou.get(a.path("id").asLong()));
                }
            }
            CocoResultWriter.writeDocument(doc, out.resolve(POLYGON_FILE));
        }
        if (formats.contains(OutputFormat.YOLO)) {
            YoloSegWriter.writeDataYaml(out.resolve("yolo/data.yaml"), yoloNames);
        }
        if (formats.contains(OutputFormat.PNG)) {
            byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(out.resolve(INSTANCES_CSV), os -> os.write(bytes));
        }
        if (config.needsPolygons()) {
            ObjectNode stats = JSON.createObjectNode();
            stats.put("tolerance_px", config.polygons().tolerancePx());
            stats.put("max_vertices", config.polygons().maxVertices());
            stats.put("parts", config.polygons().parts().name().toLowerCase(Locale.ROOT));
            stats.put("masks", traced);
            stats.put("mean_vertices", traced == 0 ? 0 : (double) vertexSum / traced);
            stats.put("mean_iou", meanIou());
            stats.put("worst_iou", worstIou);
            if (worstId >= 0) {
                stats.put("worst_annotation_id", worstId);
            }
            AtomicFiles.write(out.resolve(STATS_FILE), os -> JSON.writerWithDefaultPrettyPrinter().writeValue(os, stats));
        }
        return main;
    }

    /** Number of annotations given a mask so far. */
    public int refinedCount() {
        return refined.size();
    }

    /** Lines for the run's summary: what polygon simplification lost, when polygons were written. */
    public List<String> summary() {
        if (!config.needsPolygons() || traced == 0) {
            return List.of();
        }
        return List.of(String.format(Locale.ROOT,
                "polygons (%s, tolerance %.2f px%s): %d masks, %.1f vertices each on average; IoU of polygon with mask:"
                        + " mean %.4f, worst %.4f (annotation %d) -> %s",
                config.polygons().parts().name().toLowerCase(Locale.ROOT), config.polygons().tolerancePx(),
                config.polygons().maxVertices() > 0 ? ", at most " + config.polygons().maxVertices() + " vertices" : "",
                traced, (double) vertexSum / traced, meanIou(), worstIou, worstId, out.resolve(STATS_FILE)));
    }

    private double meanIou() {
        return traced == 0 ? 1 : iouSum / traced;
    }

    /** The output name of an image: its file name without extension or a leading images folder. */
    static String outputName(ImageRecord record) {
        List<String> parts = new ArrayList<>();
        for (Path p : Path.of(record.fileName()).normalize()) {
            parts.add(p.toString());
        }
        while (!parts.isEmpty() && (parts.get(0).equals("..") || parts.get(0).equals("."))) {
            parts.remove(0);
        }
        if (parts.size() > 1 && (parts.get(0).equals("images") || parts.get(0).equals("JPEGImages"))) {
            parts.remove(0);
        }
        if (parts.isEmpty()) {
            return "image-" + record.imageId();
        }
        String last = parts.get(parts.size() - 1);
        int dot = last.lastIndexOf('.');
        parts.set(parts.size() - 1, dot > 0 ? last.substring(0, dot) : last);
        return String.join("/", parts);
    }

    private static double[] corners(PixelRect b) {
        return new double[] {b.x0Px(), b.y0Px(), b.x1Px(), b.y1Px()};
    }

    private static double[] corners(Tag t) {
        return new double[] {t.box().x0Px(), t.box().y0Px(), t.box().x1Px(), t.box().y1Px()};
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
