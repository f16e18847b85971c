package org.boxrefine.io.coco;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.io.AtomicFiles;

/**
 * Writes boxrefine's result as a COCO file: the input document with every field kept, and on each refined
 * annotation {@code "segmentation": {"size": [h, w], "counts": "<pycocotools string>"}} and {@code "score"}
 * (box-free: also the mask's {@code bbox} and {@code area}). Annotations that were not refined are written
 * exactly as read, or left out.
 */
public final class CocoResultWriter {
    /** The name of the result file inside the output folder. */
    public static final String FILE_NAME = "annotations.json";

    private CocoResultWriter() {
    }

    /**
     * The mask found for one annotation, already RLE-encoded so that a long run keeps only strings.
     *
     * @param heightPx height of the annotation's image
     * @param widthPx  width of the annotation's image
     * @param counts   the mask as a pycocotools compressed RLE string
     * @param score    the confidence written as the annotation's {@code score}, a finite number
     * @param box      null to keep the annotation's {@code bbox} and {@code area}; otherwise they become
     *                 this box and {@code areaPx} (box-free output, where the box comes from the mask)
     * @param areaPx   the mask's pixel count when {@code box} is given
     */
    public record Refined(int heightPx, int widthPx, String counts, double score, PixelRect box, long areaPx) {
        public Refined {
            if (counts == null) {
                throw new IllegalArgumentException("refined annotation needs a mask, found null");
            }
            if (!Double.isFinite(score)) {
                throw new IllegalArgumentException("score must be a finite number, found " + score);
            }
            if (box != null && areaPx < 0) {
                throw new IllegalArgumentException("area with a box must be at least 0, found " + areaPx);
            }
        }

        /** Encodes {@code mask} (at the full size of the annotation's image); bbox and area stay as read. */
        public static Refined of(BinaryMask mask, double score) {
            if (mask == null) {
                throw new IllegalArgumentException("refined annotation needs a mask, found null");
            }
            return new Refined(mask.heightPx(), mask.widthPx(), CocoRle.encode(mask), score, null, 0);
        }

        /**
         * Encodes {@code mask} and makes its tight bounding box and pixel count the annotation's
         * {@code bbox} and {@code area} ({@code [0, 0, 0, 0]} and 0 for an empty mask).
         */
        public static Refined withMaskBox(BinaryMask mask, double score) {
            Refined r = of(mask, score);
            return new Refined(r.heightPx, r.widthPx, r.counts, score, mask.bounds(), mask.count());
        }
    }

    /**
     * Writes {@code outFolder/annotations.json} atomically.
     *
     * @return the file written
     */
    public static Path write(CocoDataset dataset, Map<Long, Refined> refined, Path outFolder) throws IOException {
        return write(dataset, refined, outFolder, false);
    }

    /**
     * Writes {@code outFolder/annotations.json} atomically; with {@code refinedOnly}, annotations
     * without a mask are left out.
     *
     * @return the file written
     */
    public static Path write(CocoDataset dataset, Map<Long, Refined> refined, Path outFolder, boolean refinedOnly)
            throws IOException {
        Path file = outFolder.resolve(FILE_NAME);
        writeFile(dataset, refined, file, refinedOnly);
        return file;
    }

    /** The masks found on one image, by annotation id (others may be included; they are ignored). */
    @FunctionalInterface
    public interface ImageMasks {
        Map<Long, Refined> of(long imageId) throws IOException;
    }

    /** What a streamed write produced: the file and the number of annotations that got a mask. */
    public record Written(Path file, int refined) {
    }

    /**
     * Changes a refined annotation further once its mask is set (a tightened box, polygons). It is called right
     * after the annotation's image was asked of {@link ImageMasks}, so it may use what that call loaded.
     */
    @FunctionalInterface
    public interface AnnotationEdit {
        /** Does nothing. */
        AnnotationEdit NONE = (id, annotation) -> { };

        void edit(long annotationId, ObjectNode annotation);
    }

    /**
     * Writes {@code outFolder/annotations.json} atomically, streaming: the annotations are written one at a time,
     * each with the mask {@code masks} gives for its image, so only the input document and one image's masks are
     * held at once. The images' masks are asked for in the order of the document's annotations (once per run of
     * annotations on the same image). With {@code refinedOnly}, annotations without a mask are left out.
     */
    public static Written write(CocoDataset dataset, ImageMasks masks, Path outFolder, boolean refinedOnly)
            throws IOException {
        return stream(dataset, masks, outFolder.resolve(FILE_NAME), refinedOnly, AnnotationEdit.NONE);
    }

    /**
     * As {@link #write(CocoDataset, ImageMasks, Path, boolean)}, into {@code file}, with {@code edit} applied to
     * every refined annotation after its mask is set.
     */
    public static Written stream(CocoDataset dataset, ImageMasks masks, Path file, boolean refinedOnly,
            AnnotationEdit edit) throws IOException {
        return stream(dataset, masks, refinedOnly, List.of(new Target(file, edit))).get(0);
    }

    /**
     * One file of a streamed write: where it goes and how its refined annotations are changed further.
     *
     * @param file the file written
     * @param edit applied to each refined annotation of this file after its mask is set
     */
    public record Target(Path file, AnnotationEdit edit) {
        public Target {
            if (file == null || edit == null) {
                throw new IllegalArgumentException("a streamed file needs a path and an edit, found " + file + " and "
                        + edit);
            }
        }
    }

    /**
     * As {@link #stream(CocoDataset, ImageMasks, Path, boolean, AnnotationEdit)}, writing every target in the same
     * pass: each image's masks are asked for once for all of them, and every target holds the same annotations,
     * each refined one with that target's edit. Each file is written whole or not at all; when writing fails,
     * none is written (the finished files are then renamed into place one at a time).
     *
     * @return what each target got, in the order of {@code targets}
     */
    public static List<Written> stream(CocoDataset dataset, ImageMasks masks, boolean refinedOnly,
            List<Target> targets) throws IOException {
        ObjectNode doc = dataset.documentView();
        JsonNode annotations = doc.get("annotations");
        int n = annotations == null || !annotations.isArray() ? 0 : annotations.size();
        long[] usableIdAt = new long[n];
        boolean[] usable = new boolean[n];
        for (long id : dataset.annotationIds()) {
            int i = dataset.annotationIndex(id).getAsInt();
            usableIdAt[i] = id;
            usable[i] = true;
        }
        int[] count = {0};
        AtomicFiles.writeAll(targets.stream().map(Target::file).toList(), streams -> {
            // the generators own nothing (CocoJson leaves closing the streams to AtomicFiles): flushed, not closed
            List<JsonGenerator> gens = new ArrayList<>();
            for (OutputStream os : streams) {
                JsonGenerator g = CocoJson.MAPPER.getFactory().createGenerator(os);
                gens.add(g);
                g.setPrettyPrinter(new DefaultPrettyPrinter());
                g.writeStartObject();
            }
            for (Map.Entry<String, JsonNode> field : doc.properties()) {
                for (JsonGenerator g : gens) {
                    g.writeFieldName(field.getKey());
                }
                if (!field.getKey().equals("annotations") || n == 0) {
                    for (JsonGenerator g : gens) {
                        CocoJson.MAPPER.writeTree(g, field.getValue());
                    }
                    continue;
                }
                for (JsonGenerator g : gens) {
                    g.writeStartArray();
                }
                long loadedImage = Long.MIN_VALUE;
                Map<Long, Refined> loaded = Map.of();
                for (int i = 0; i < n; i++) {
                    JsonNode ann = annotations.get(i);
                    Refined mask = null;
                    ImageRecord image = null;
                    if (usable[i]) {
                        image = dataset.imageOfAnnotation(usableIdAt[i]).orElseThrow();
                        if (image.imageId() != loadedImage) {
                            loaded = masks.of(image.imageId());
                            loadedImage = image.imageId();
                        }
                        mask = loaded.get(usableIdAt[i]);
                    }
                    if (mask != null) {
                        for (int t = 0; t < gens.size(); t++) {
                            ObjectNode refined = refinedAnnotation(((ObjectNode) ann).deepCopy(), usableIdAt[i],
                                    mask, image);
                            targets.get(t).edit().edit(usableIdAt[i], refined);
                            CocoJson.MAPPER.writeTree(gens.get(t), refined);
                        }
                        count[0]++;
                    } else if (!refinedOnly) {
                        for (JsonGenerator g : gens) {
                            CocoJson.MAPPER.writeTree(g, ann);
                        }
                    }
                }
                for (JsonGenerator g : gens) {
                    g.writeEndArray();
                }
            }
            for (JsonGenerator g : gens) {
                g.writeEndObject();
            }
            for (JsonGenerator g : gens) {
                g.flush();
            }
        });
        List<Written> written = new ArrayList<>();
        for (Target t : targets) {
            written.add(new Written(t.file(), count[0]));
        }
        return written;
    }

    /**
     * Writes the result to {@code file} atomically, through the same streamed writer as every other result file.
     *
     * @throws IllegalArgumentException when an id is not a usable annotation of the data set, or a mask's size
     *                                  differs from its image's declared size (nothing is written)
     */
    public static void writeFile(CocoDataset dataset, Map<Long, Refined> refined, Path file) throws IOException {
        writeFile(dataset, refined, file, false);
    }

    private static void writeFile(CocoDataset dataset, Map<Long, Refined> refined, Path file, boolean refinedOnly)
            throws IOException {
        for (Map.Entry<Long, Refined> e : refined.entrySet()) {
            check(dataset, e.getKey(), e.getValue());
        }
        stream(dataset, imageId -> refined, file, refinedOnly, AnnotationEdit.NONE);
    }

    /**
     * The image of annotation {@code id}.
     *
     * @throws IllegalArgumentException when the id is not a usable annotation of the data set, or the mask's size
     *                                  differs from its image's declared size
     */
    private static ImageRecord check(CocoDataset dataset, long id, Refined mask) {
        ImageRecord image = dataset.imageOfAnnotation(id).orElseThrow(() -> new IllegalArgumentException(
                "annotation " + id + " is not a usable annotation of " + dataset.jsonFile()
                        + "; cannot write a mask for it"));
        checkSize(id, mask, image);
        return image;
    }

    private static void checkSize(long id, Refined mask, ImageRecord image) {
        boolean declared = image.widthPx() > 0 && image.heightPx() > 0;
        if (declared && (mask.widthPx() != image.widthPx() || mask.heightPx() != image.heightPx())) {
            throw new IllegalArgumentException("mask of annotation " + id + " must have the size of image "
                    + image.imageId() + ", " + image.widthPx() + "x" + image.heightPx() + ", found "
                    + mask.widthPx() + "x" + mask.heightPx());
        }
    }

    /** {@code ann} with the mask's segmentation and score (and box-free, its box and area), changed in place. */
    private static ObjectNode refinedAnnotation(ObjectNode ann, long id, Refined mask, ImageRecord image) {
        checkSize(id, mask, image);
        ObjectNode seg = ann.objectNode();
        seg.putArray("size").add(mask.heightPx()).add(mask.widthPx());
        seg.put("counts", mask.counts());
        ann.set("segmentation", seg);
        ann.put("score", mask.score());
        if (mask.box() != null) {
            PixelRect b = mask.box();
            ann.putArray("bbox").add(b.x0Px()).add(b.y0Px()).add(b.widthPx()).add(b.heightPx());
            ann.put("area", mask.areaPx());
        }
        return ann;
    }
}
