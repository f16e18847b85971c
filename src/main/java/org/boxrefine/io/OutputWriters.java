package org.boxrefine.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
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
import org.boxrefine.io.coco.CocoResultParts;
import org.boxrefine.io.coco.CocoResultWriter;
import org.boxrefine.io.coco.CocoRle;
import org.boxrefine.io.image.ImageFiles;
import org.boxrefine.io.labelme.LabelmeWriter;
import org.boxrefine.io.yolo.YoloSegWriter;

/**
 * Writes a run's masks in every chosen {@link OutputFormat}, keeping the input's ids, classes and boxes. Files
 * of one image are written as soon as it is refined ({@link #image}), the last of them its result file in
 * {@code OUT/.boxrefine/images/} ({@link CocoResultParts}: masks as RLE, tightened boxes, polygons and their IoU),
 * which marks the image as done. The COCO files, {@code data.yaml}, {@code instances.csv} and the polygon
 * statistics are built at the end ({@link #finish}) from those result files, one image at a time, so they cover
 * the images of an interrupted run that is resumed too, and memory does not grow with the run. Every file is
 * written whole or not at all.
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
    private final CocoResultParts parts;
    private int refinedCount;
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
        this.parts = new CocoResultParts(out.resolve(RunManifest.IMAGES));
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

    /** The ids of the images whose files were all written (by this run or an interrupted one in the folder). */
    public Set<Long> done() throws IOException {
        return parts.done();
    }

    /**
     * Writes the per-image files of one refined image, then its result file (what the end-of-run files need),
     * which marks it as done.
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
        List<CocoResultParts.Entry> entries = new ArrayList<>();
        int value = 0;
        for (InstanceMask m : masks) {
            long id = m.annotationId();
            done.add(id);
            Tag tag = tags.get(id);
            long category = tag == null ? 0 : tag.categoryId();
            BinaryMask full = m.mask().toFull(widthPx, heightPx);
            CocoResultWriter.Refined rle = boxFree ? CocoResultWriter.Refined.withMaskBox(full, m.score())
                    : CocoResultWriter.Refined.of(full, m.score());
            PixelRect bounds = m.boundsPx();
            boolean tightened = (config.tightenBoxes() || boxFree) && !bounds.isEmpty();
            PixelRect tight = config.tightenBoxes() && !bounds.isEmpty() ? bounds : null;
            if (instances != null) {
                ImageFiles.writeMaskPng(full, out.resolve("masks").resolve(id + ".png"));
                value++;
                byte[] bits = full.data();
                for (int i = 0; i < bits.length; i++) {
                    if (bits[i] != 0) {
                        instances[i] = value;
                    }
                }
            }
            double polygonIou = Double.NaN;
            int vertices = 0;
            List<double[]> kept = null;
            if (config.needsPolygons()) {
                Traced t = trace(m.mask());
                polygonIou = t.iou();
                vertices = t.vertices();
                List<double[]> outline = t.polygons();
                if (formats.contains(OutputFormat.COCO_POLYGON)) {
                    kept = outline;
                }
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
            entries.add(new CocoResultParts.Entry(id, rle, tight, polygonIou, vertices, kept));
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
        parts.write(record.imageId(), entries);
    }

    /** Polygons traced from one mask, in image pixels, with their vertex count and IoU against the mask. */
    private record Traced(List<double[]> polygons, int vertices, double iou) {
    }

    /** The polygons of one mask in image pixels, and their IoU with the mask for the statistics. */
    private Traced trace(CroppedMask mask) {
        BinaryMask local = mask.mask();
        List<double[]> outline = MaskPolygons.trace(local, config.polygons());
        double iou = PolygonRaster.fill(outline, local.widthPx(), local.heightPx()).iou(local);
        List<double[]> shifted = new ArrayList<>();
        for (double[] p : outline) {
            double[] q = p.clone();
            for (int k = 0; k < q.length; k += 2) {
                q[k] += mask.rectPx().x0Px();
                q[k + 1] += mask.rectPx().y0Px();
            }
            shifted.add(q);
        }
        return new Traced(shifted, MaskPolygons.vertices(outline), iou);
    }

    /**
     * Writes the files that cover the whole run, from the result file of every image done (those of an
     * interrupted earlier part of the run included): {@code annotations.json} and, as chosen,
     * {@code annotations_polygons.json}, {@code yolo/data.yaml}, {@code instances.csv} and
     * {@code polygon_stats.json}.
     *
     * @return {@code annotations.json}
     */
    public Path finish() throws IOException {
        Path main = out.resolve(CocoResultWriter.FILE_NAME);
        Set<OutputFormat> formats = config.formats();
        ImagePart part = new ImagePart();
        List<CocoResultWriter.Target> targets = new ArrayList<>();
        targets.add(new CocoResultWriter.Target(main, (id, a) -> tighten(a, part.entry(id))));
        if (formats.contains(OutputFormat.COCO_POLYGON)) {
            targets.add(new CocoResultWriter.Target(out.resolve(POLYGON_FILE), (id, a) -> {
                CocoResultParts.Entry e = part.entry(id);
                tighten(a, e);
                if (e.polygons() != null) {
                    ArrayNode seg = a.putArray("segmentation");
                    for (double[] p : e.polygons()) {
                        ArrayNode xy = seg.addArray();
                        for (double v : p) {
                            xy.add(v);
                        }
                    }
                    a.put("polygon_iou", e.polygonIou());
                }
            }));
        }
        refinedCount = CocoResultWriter.stream(dataset, part::masks, boxFree, targets).get(0).refined();
        if (formats.contains(OutputFormat.YOLO)) {
            YoloSegWriter.writeDataYaml(out.resolve("yolo/data.yaml"), yoloNames);
        }
        traced = 0;
        iouSum = 0;
        worstIou = 1;
        worstId = -1;
        vertexSum = 0;
        if (formats.contains(OutputFormat.PNG)) {
            AtomicFiles.write(out.resolve(INSTANCES_CSV), os -> {
                Writer csv = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
                csv.write("image_file,instance_png,value,annotation_id,category_id,category_name\n");
                everyEntry(csv);
                csv.flush();
            });
        } else if (config.needsPolygons()) {
            everyEntry(null);
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

    /**
     * Goes through every image's result file in input order, adding up the polygon statistics and, when
     * {@code csv} is given, writing each mask's row of {@code instances.csv}.
     */
    private void everyEntry(Writer csv) throws IOException {
        for (ImageRecord record : dataset.images()) {
            List<CocoResultParts.Entry> entries = parts.entries(record.imageId());
            if (entries.isEmpty()) {
                continue;
            }
            Map<Long, Long> categories = new HashMap<>();
            dataset.allTags(record.imageId()).forEach(t -> categories.put(t.annotationId(), t.categoryId()));
            int value = 0;
            for (CocoResultParts.Entry e : entries) {
                if (csv != null) {
                    long category = categories.getOrDefault(e.annotationId(), 0L);
                    csv.write(csvField(record.fileName()) + ',' + csvField("instances/" + outputName(record) + ".png")
                            + ',' + ++value + ',' + e.annotationId() + ',' + category + ','
                            + csvField(names.getOrDefault(category, "")) + '\n');
                }
                if (e.traced()) {
                    traced++;
                    iouSum += e.polygonIou();
                    vertexSum += e.vertices();
                    if (worstId < 0 || e.polygonIou() < worstIou) {
                        worstIou = e.polygonIou();
                        worstId = e.annotationId();
                    }
                }
            }
        }
    }

    /** With {@code --tighten-boxes}: the mask's bounds become the bbox, the input box is kept as input_bbox. */
    private static void tighten(ObjectNode a, CocoResultParts.Entry e) {
        PixelRect b = e.tightBox();
        if (b != null) {
            a.set("input_bbox", a.get("bbox"));
            a.putArray("bbox").add(b.x0Px()).add(b.y0Px()).add(b.widthPx()).add(b.heightPx());
            a.put("area", CocoRle.area(e.mask().counts()));
        }
    }

    /** The result file of the image last asked for, read once for every COCO file of a streamed write. */
    private final class ImagePart {
        private final Map<Long, CocoResultParts.Entry> byId = new HashMap<>();

        Map<Long, CocoResultWriter.Refined> masks(long imageId) throws IOException {
            byId.clear();
            Map<Long, CocoResultWriter.Refined> masks = new LinkedHashMap<>();
            for (CocoResultParts.Entry e : parts.entries(imageId)) {
                byId.put(e.annotationId(), e);
                masks.put(e.annotationId(), e.mask());
            }
            return masks;
        }

        CocoResultParts.Entry entry(long annotationId) {
            return byId.get(annotationId);
        }
    }

    /** Number of annotations given a mask in {@link #finish}'s {@code annotations.json}. */
    public int refinedCount() {
        return refinedCount;
    }

    /** Lines for the run's summary after {@link #finish}: what polygon simplification lost, when polygons were written. */
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
